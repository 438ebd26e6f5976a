"""Rules for a text checker that runs in the browser: phrase syntax, checks and compilation to JSON.

Authors write phrases, not regular expressions. A phrase is words separated by spaces, plus:
``(a|b)`` one of several options, ``[a|b]`` an optional option (glued to a word, an optional part of it:
``text[s]``), ``...`` a gap of up to three words, ``word*`` any ending up to a hyphen and ``#`` any number.
An apostrophe may be straight, curly or left out. The compiled patterns use only syntax that Python and
JavaScript read the same way.

A reader's draft can be long and odd, so the rules must stay fast on any text: a phrase may hold
few gaps and optional parts (each multiplies the ways it can match), and ``rules_problems`` counts
the ways each phrase can line up with a text (``alignments``) and times, on hostile text built from
their own words, the patterns of those that may line up more ways than that, before the site is built.
"""

from __future__ import annotations

import functools
import json
import math
import posixpath
import re
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from kb.load import Record, line_at
from kb.problems import Problem

KIND = "rules"
SAFETY_KINDS = ("crisis", "warning", "send-once")  # checked in this order, before ordinary patterns

GAP_WORDS = 3
MAX_GAPS = 2  # '...' in one phrase
MAX_WAYS = 32  # ways one phrase can line up with a text: each gap counts GAP_WORDS + 1, each optional 2
MAX_RULES_BYTES = 120_000  # the compiled rules of one file, as published (about 26 kB gzipped)
HOSTILE_CHARS = 2_000  # length of each hostile text a pattern is timed on
CHAIN_CHARS = 8_000  # length of each hostile text that is one run of hyphenated words or of digits
MAX_SLOWDOWN = 50  # how much slower than a plain word list a pattern may be on hostile text
# (real phrases: 12 at most; a hyphen chain read from each piece, the mildest quadratic shape: 93 to 165)
QUICK_SECONDS = 0.004  # a hostile text scanned faster than this is fine on any machine
FLAGS = re.IGNORECASE | re.ASCII  # what the browser's "gi" means: any case, ASCII \w
_APOSTROPHES = "'\u2019"  # straight and curly (typed by phone keyboards)
_WORD_CHAR = rf"[\w{_APOSTROPHES}-]"
_SEP = r"[\s,]+"
# A match may start after a hyphen ("well-known" holds "known"), so a starred word's ending stops at one,
# and a number never starts inside another ("1,000"): read across them, "sorry-sorry-..." or "1,1,1,..."
# would be read again to its end from each piece, which grows with the square of its length.
_ENDING = rf"[\w{_APOSTROPHES}]*"
_NUMBER = r"(?<!\d[.,:])[\u00a3$\u20ac]?\d+(?:[.,:]\d+)*"
_START = rf"(?<![\w{_APOSTROPHES}])"
_END = rf"(?:[{_APOSTROPHES}]s?)?(?![\w{_APOSTROPHES}])"  # a possessive ending still counts: "the kids' shoes"
_LITERAL = re.compile(rf"[a-z0-9{_APOSTROPHES}-]+")


class PhraseError(ValueError):
    """A phrase an author wrote that cannot be turned into a pattern."""


def phrase_error(phrase: str) -> str | None:
    """Why ``phrase`` cannot be compiled, or None when it is fine."""
    try:
        _, empty, _ = _phrase(phrase, ())
    except PhraseError as error:
        return str(error)
    return "can match empty text" if empty else None


def phrase_regex(phrase: str, variants: list[list[str]] | None = None) -> str:
    """The regular expression (without word boundaries) for one phrase."""
    return _phrase(phrase, tuple(map(tuple, variants or [])))[0]


@functools.lru_cache(maxsize=8192)  # validation, timing and compiling each read every phrase
def _phrase(phrase: str, variants: tuple[tuple[str, ...], ...]) -> tuple[str, bool, _Nodes]:
    """The phrase's regular expression, whether it can match empty text, and its parts (see ``alignments``)."""
    source = _apply_variants(phrase.strip().lower(), variants)
    parser = _Parser(source)
    regex, empty, nodes = parser.sequence(closing="")
    if parser.at < len(source):
        raise PhraseError("'|' only works inside brackets, like (a|b)")
    if parser.gaps > MAX_GAPS:
        raise PhraseError(f"has {parser.gaps} gaps ('...'); at most {MAX_GAPS} keep the checker fast")
    if parser.ways > MAX_WAYS:
        raise PhraseError(
            f"its gaps and optional parts can line up {parser.ways} ways; at most {MAX_WAYS} keep the checker fast"
        )
    return regex, empty, nodes


def alignments(phrase: str, variants: list[list[str]] | None = None) -> int | None:
    """At most how many ways the phrase's pattern can line up with a text from one place, or None when that
    depends on the text (a number, a starred word right before more letters).

    Separators, gaps and words each match one way or a fixed few; the ways multiply along the phrase. A
    choice multiplies them by how many of its options can match the same words at once, which only the
    words after the choice can decide: '(i|i have) taken' can line up two ways. At the end of a phrase
    nothing follows, so a choice there adds its options' cost instead of multiplying anything.
    """
    return _ways(_phrase(phrase, tuple(map(tuple, variants or [])))[2], "end")


def _ways(parts: Sequence[_Part], follows: str) -> int | None:
    """The ways ``parts`` can line up; ``follows`` is what comes after them: 'sep', 'glued' (more of the same
    word) or 'end'."""
    total = 1
    for at, part in enumerate(parts):
        if part.kind == "sep":
            continue  # a run of separators, between characters that are not separators: one way
        after = follows if at + 1 == len(parts) else "sep" if parts[at + 1].kind == "sep" else "glued"
        if part.kind == "word":
            ways: int | None = part.ways
        elif part.kind == "gap":
            ways = GAP_WORDS + 1
        elif part.kind == "star":
            ways = None if after == "glued" else 1  # it takes the whole word: no separator matches a letter
        elif part.kind == "number":
            ways = None  # '1,1,1' ends at any comma, and a comma is also a separator
        else:
            options = [_ways(option, after) for option in part.options]
            known = [count for count in options if count is not None]
            if len(known) < len(options):
                return None
            most = max(known) * _overlapping(part.options, after)
            ways = most + 1 if part.kind == "optional" else most
        if ways is None:
            return None
        total *= ways
    return total


def _overlapping(options: Sequence[_Nodes], follows: str) -> int:
    """At most how many of a choice's options can match the same text at once, with ``follows`` after them."""
    if follows == "end" or len(options) < 2:
        return 1
    words = [_words(option) for option in options]
    if follows == "glued":
        near = [list(range(len(words)))] * len(words)
    else:  # options can only both match if their first words read the same
        first: dict[str | None, list[int]] = {}
        for at, option in enumerate(words):
            first.setdefault(option[0], []).append(at)
        anything = first.get(None, [])
        near = [first[option[0]] + anything if option[0] is not None else list(range(len(words))) for option in words]
    return max(
        1 + sum(other != at and _can_overlap(words[at], words[other], follows == "glued") for other in near[at])
        for at in range(len(words))
    )


def _words(option: _Nodes) -> list[str | None]:
    """An option word by word: each literal word without its apostrophes, None where a word is anything else."""
    words: list[str | None] = []
    glued: list[_Part] = []
    for part in (*option, _SEP_PART):
        if part.kind != "sep":
            glued.append(part)
        elif glued:
            words.append("".join(p.text for p in glued) if all(p.kind == "word" for p in glued) else None)
            glued = []
    return words


def _can_overlap(a: list[str | None], b: list[str | None], glued: bool) -> bool:
    """Whether two options can both match at one place in a text. Followed by a separator, a word must be read
    in full, so two literal words only both match if they read the same without apostrophes; followed by
    more of the same word, the last word of either may be the start of the other's."""
    for at, (x, y) in enumerate(zip(a, b, strict=False)):
        if x is None or y is None:
            return True
        if glued and at + 1 == min(len(a), len(b)):
            return x.startswith(y) or y.startswith(x)
        if x != y:
            return False
    return True  # one reads as the start of the other


def rules_problems(records: list[Record], docs_dir: Path) -> list[Problem]:
    """What the schema cannot see in valid rule files: missing pages, slow patterns, too much rule text."""
    problems: list[Problem] = []
    for record in records:
        if record.kind == KIND:
            problems += _file_problems(record, record.data[KIND], docs_dir)
    return problems


def hostile_texts(phrases: list[str]) -> list[str]:
    """Drafts built from the phrases' own words to make them try and fail as often as possible."""
    tokens = [_LITERAL.findall(phrase.lower()) or ["a"] for phrase in phrases]
    words = sorted({word for phrase in tokens for word in phrase})
    spaced = " ".join(words)
    texts = [
        " ".join(" ".join(phrase[:-1] or phrase) for phrase in tokens),  # every phrase but its last word
        " ".join(" ".join([word] * 6) for word in words),  # each word again and again
        "".join(words),  # one endless word, for 'word*'
        ", ".join(words) + "  , ,",  # the separators phrases allow, in runs
        "1,1.1:1 " * 4 + spaced,  # numbers written with separators, for '#'
    ]
    # Words or digits run together by a sign a word or a number may hold, and that a match may start after
    # ('-' in a word, '.,:' in a number) or may not (an apostrophe): "sorry-sorry-...", "1,1,1,...". A pattern
    # that reads on from each piece to the end of the chain takes the square of its length, which shows
    # only on a long one.
    chains = [(sign, sign.join(words)) for sign in "-'\u2019"] + [(sign, "1") for sign in ".,:"]
    return [_repeat(text, " ", HOSTILE_CHARS) for text in texts] + [
        _repeat(text, sign, CHAIN_CHARS) for sign, text in chains
    ]


def _repeat(text: str, sign: str, size: int) -> str:
    """``text`` again and again, joined by ``sign``, cut to ``size`` characters."""
    return ((text + sign) * (size // (len(text) + 1) + 1))[:size]


def slowdown(regex: str, phrases: list[str]) -> float:
    """How many times longer ``regex`` takes than a plain list of its words, on the worst hostile text.

    A ratio, not seconds, so a busy machine does not fail the build; patterns that backtrack
    badly are fifty times slower or more. A scan under QUICK_SECONDS is not compared.
    """
    compiled = re.compile(regex, FLAGS)
    worst = 1.0
    for text in hostile_texts(phrases):
        if (seconds := _seconds(compiled, text)) > QUICK_SECONDS:
            worst = max(worst, seconds / _fastest(_plain(phrases), text))
    return worst


def _plain(phrases: list[str]) -> re.Pattern[str]:
    words = sorted({word for phrase in phrases for word in _LITERAL.findall(phrase.lower())}) or ["a"]
    return re.compile(_START + "(?:" + "|".join(map(re.escape, words)) + ")" + _END, FLAGS)


def _fastest(regex: re.Pattern[str], text: str, scans: int = 5) -> float:
    """The shortest of a few scans of a quick pattern: a pause of a busy machine during one scan must not make
    the pattern compared with it look fast (one 200 times slower once passed as under 30)."""
    return min(_seconds(regex, text) for _ in range(scans))


def _seconds(regex: re.Pattern[str], text: str) -> float:
    """The shorter of two scans; a first scan under QUICK_SECONDS is already the answer's side of it."""
    runs: list[float] = []
    while len(runs) < 2 and (not runs or runs[0] > QUICK_SECONDS):
        start = time.perf_counter()
        for _match in regex.finditer(text):
            pass
        runs.append(time.perf_counter() - start)
    return max(min(runs), 1e-6)


def rule_sets(records: list[Record]) -> dict[str, Mapping[str, Any]]:
    """Each validated rules file, by its path under the docs folder."""
    return {record.src: record.data[KIND] for record in records if record.kind == KIND}


def output_path(src: str) -> str:
    """Where the compiled rules of ``src`` are published: the same path, as a script."""
    return posixpath.splitext(src)[0] + ".js"


def pages_named(rules: Mapping[str, Any]) -> list[str]:
    """The Markdown pages (paths under docs/) that patterns link to instead of a principle."""
    return [pattern["page"] for pattern in rules["patterns"] if "page" in pattern]


def compile_rules(rules: Mapping[str, Any], urls: Mapping[str, str]) -> dict[str, Any]:
    """Turn one validated rules mapping into the data the browser script reads.

    ``urls`` maps each principle id, and each page in ``pages_named``, to its address relative
    to the site root.
    """
    variants = [list(group) for group in rules.get("variants", [])]
    negation = rules["negation"]
    practical = rules["practical"]
    return {
        "summary": dict(rules["summary"]),
        "negation": {
            "re": "^(?:" + "|".join(phrase_regex(word, variants) for word in negation["words"]) + ")$",
            "window": negation["window"],
        },
        "patterns": [_compile_pattern(pattern, variants, urls) for pattern in sorted(rules["patterns"], key=_order)],
        "practical": {
            "answer": practical["answer"],
            "mixed": practical["mixed"],
            "topics": [
                {"re": _alternation(topic["words"], variants), "example": topic["example"].strip()}
                for topic in practical["topics"]
            ],
        },
    }


def to_script(compiled: Mapping[str, Any], path: str) -> str:
    """The compiled rules as a script that files them under its own path.

    A script rather than JSON: pages opened from disk (the offline build) may load
    scripts but not fetch files.
    """
    data = json.dumps(compiled, ensure_ascii=False, separators=(",", ":"))
    return f"(window.kbRules ||= {{}})[{json.dumps(path)}] = {data};\n"


def _order(pattern: Mapping[str, Any]) -> int:
    """Safety patterns first, in the order of SAFETY_KINDS; ordinary ones keep their place after them."""
    kind = pattern.get("kind")
    return SAFETY_KINDS.index(kind) if kind in SAFETY_KINDS else len(SAFETY_KINDS)


def _compile_pattern(pattern: Mapping[str, Any], variants: list[list[str]], urls: Mapping[str, str]) -> dict[str, Any]:
    compiled = {
        "id": pattern["id"],
        "label": pattern["label"],
        "why": pattern["why"].strip(),
        "url": urls[pattern.get("page") or pattern["principle"]],
        "re": _alternation(pattern.get("phrases", []), variants),
        "except": _alternation(pattern.get("except", []), variants),
    }
    for name in ("kind", "asks", "answer", "link_text", "urgent", "mixed", "example"):
        if name in pattern:
            compiled[name] = pattern[name].strip()
    if not pattern.get("negatable", True):
        compiled["keep_negated"] = True
    if "min_words" in pattern:
        compiled["min_words"] = pattern["min_words"]
    return compiled


def _file_problems(record: Record, rules: Mapping[str, Any], docs_dir: Path) -> Iterator[Problem]:
    variants = [list(group) for group in rules.get("variants", [])]
    for pattern in rules["patterns"]:
        entry = f"pattern '{pattern['id']}'"
        if "page" in pattern and "principle" in pattern:
            hint = "keep one of the two"
            yield Problem(
                record.file, "has both 'page' and 'principle'", hint, line_at(pattern, ["page"]), entry, "page"
            )
        if "page" in pattern and not (docs_dir / pattern["page"]).is_file():
            hint = "use a path under docs/, like get-help.md"
            message = f"no page '{pattern['page']}' in docs/"
            yield Problem(record.file, message, hint, line_at(pattern, ["page"]), entry, "page")
        for field in ("phrases", "except"):
            if slow := _slow(pattern.get(field, []), variants):
                problem, phrase = slow
                yield Problem(record.file, problem, _SLOW_HINT, line_at(pattern, [field, phrase]), entry, field)
    for index, topic in enumerate(rules["practical"]["topics"]):
        if slow := _slow(topic["words"], variants):
            problem, phrase = slow
            field = f"practical.topics.{index}.words"
            yield Problem(record.file, problem, _SLOW_HINT, line_at(topic, ["words", phrase]), "", field)
    size = len(to_script(compile_rules(rules, _AnyUrl()), output_path(record.src)).encode())
    if size > MAX_RULES_BYTES:
        message = f"the compiled rules are {size} bytes; the limit is {MAX_RULES_BYTES}"
        yield Problem(record.file, message, "remove phrases that add nothing", getattr(rules, "line", None))


_SLOW_HINT = "use fewer gaps, optional parts and choices whose options overlap; or split the phrase in two"


def _slow(phrases: list[str], variants: list[list[str]]) -> tuple[str, int] | None:
    """A message naming the slowest phrase, and its index, when the phrases together are over the budget.

    Only phrases that may line up more than MAX_WAYS ways (``alignments``) are timed: every other one
    is known to be fast, as each way costs at most one try of the phrase (measured on hostile text,
    such phrases take at most about MAX_WAYS / 3 times as long as a plain word list).
    """
    timed = [phrase for phrase in phrases if (ways := alignments(phrase, variants)) is None or ways > MAX_WAYS]
    if not timed or slowdown(_alternation(timed, variants), timed) <= MAX_SLOWDOWN:
        return None
    ratios = {phrase: slowdown(_alternation([phrase], variants), [phrase]) for phrase in timed}
    slowest = max(ratios, key=ratios.__getitem__)
    if ratios[slowest] <= MAX_SLOWDOWN and slowdown(_alternation(timed, variants), timed) <= MAX_SLOWDOWN:
        return None  # no phrase is slow and the group is not on a second look: the first was a busy moment
    message = (
        f"phrase '{slowest}' backtracks: {ratios[slowest]:.0f} times slower than a plain word list on hostile text "
        f"(the limit is {MAX_SLOWDOWN})"
    )
    return message, phrases.index(slowest)


class _AnyUrl(dict[str, str]):
    """Addresses for measuring size only: every principle or page gets a typical one."""

    def __missing__(self, key: str) -> str:
        return f"principles/{key}/"


def _alternation(phrases: list[str], variants: list[list[str]]) -> str:
    """One pattern for a list of phrases, whole words only; '' for no phrases."""
    if not phrases:
        return ""
    # Longer phrases first, so the widest match wins where phrases overlap.
    parts = sorted((phrase_regex(p, variants) for p in phrases), key=len, reverse=True)
    return f"{_START}(?:{'|'.join(parts)}){_END}"


def _apply_variants(phrase: str, variants: tuple[tuple[str, ...], ...]) -> str:
    """Replace every spelling listed in a variant group by a choice of all spellings in the group."""
    if not variants:
        return phrase
    pattern, choices = _variant_pattern(variants)
    return pattern.sub(lambda match: choices[match.group(1)], phrase)


@functools.lru_cache(maxsize=64)
def _variant_pattern(variants: tuple[tuple[str, ...], ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    choices = {spelling: f"({'|'.join(group)})" for group in variants for spelling in group}
    spellings = sorted(choices, key=len, reverse=True)
    # The ending is looked at, not replaced, so a possessive keeps its "'s": "mum's" -> "(mum|mom)'s".
    return re.compile(_START + "(" + "|".join(re.escape(s) for s in spellings) + ")" + f"(?={_END})"), choices


class _Parser:
    """Recursive descent over the phrase syntax; builds the regex as it goes."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.at = 0
        self.gaps = 0
        self.ways = 1  # counts every gap and optional part, nested ones too

    def sequence(self, closing: str) -> tuple[str, bool, _Nodes]:
        """Items up to ``closing`` (or the end), whether they can match empty text, and their parts; spaces mean
        'next word'."""
        stops = closing + "|"
        word = _LITERAL.match(self.source, self.at)
        if (
            word
            and word[0][0] not in _APOSTROPHES
            and (word.end() == len(self.source) or self.source[word.end()] in stops)
        ):
            self.at = word.end()  # a single word, as most options are: what the loop below would make of it
            _, regex, empty, part = _word(word[0])
            return regex, empty, (part,)
        items: list[_Item] = []
        while self.at < len(self.source) and self.source[self.at] not in stops:
            char = self.source[self.at]
            if char.isspace():
                while self.at < len(self.source) and self.source[self.at].isspace():
                    self.at += 1
                if items and items[-1][0] != "sep":
                    items.append(("sep", _SEP, False, _SEP_PART))
            elif self.source.startswith("...", self.at):
                self.at += 3
                self.gaps += 1
                self.ways *= GAP_WORDS + 1
                items.append(("gap", "", True, _Part("gap")))
            elif char in "([":
                self.at += 1
                inner, empty, options = self.choice(")" if char == "(" else "]")
                if char == "[":
                    self.ways *= 2
                    items.append(("optional", f"(?:{inner})", True, _Part("optional", options=options)))
                else:
                    items.append(("word", f"(?:{inner})", empty, _Part("choice", options=options)))
            elif char == "#":
                self.at += 1
                items.append(("word", _NUMBER, False, _Part("number")))
            elif char in ")]":
                raise PhraseError(f"'{char}' has no opening bracket")
            else:
                items.append(self.literal())
        if items and items[-1][0] == "sep":
            items.pop()
        return (*_join(items), tuple(item[3] for item in items))

    def choice(self, closing: str) -> tuple[str, bool, tuple[_Nodes, ...]]:
        options = [self.sequence(closing + ")]")]
        while self.at < len(self.source) and self.source[self.at] == "|":
            self.at += 1
            options.append(self.sequence(closing + ")]"))
        if self.at >= len(self.source) or self.source[self.at] != closing:
            raise PhraseError(f"a bracket is not closed; add '{closing}'")
        self.at += 1
        if any(option == "" for option, _, _ in options):
            raise PhraseError("a choice has an empty option; write [a|b] for an optional choice")
        # The same option twice (often from variants) only once.
        once: dict[str, _Nodes] = {}
        for option, _, parts in options:
            once.setdefault(option, parts)
        return "|".join(once), any(empty for _, empty, _ in options), tuple(once.values())

    def literal(self) -> _Item:
        """A word; only one made of apostrophes alone (each may be left out) can match empty text."""
        match = _LITERAL.match(self.source, self.at)
        if not match:
            raise PhraseError(f"'{self.source[self.at]}' cannot be used in a phrase")
        word = match.group(0)
        # "'s" may follow a bracket directly ("(mum|mom)'s"), but not stand alone as a word or option.
        if word[0] in _APOSTROPHES and (self.at == 0 or self.source[self.at - 1] in " \t([|"):
            raise PhraseError(f"'{word}' starts with an apostrophe and can never join the word before it")
        self.at = match.end()
        item = _word(word)
        if self.source.startswith("*", self.at):
            self.at += 1
            if _LITERAL.match(self.source, self.at) or self.source.startswith("*", self.at):
                raise PhraseError("'*' must end a word")
            return "word", item[1] + _ENDING, item[2], _Part("star", item[3].text)
        return item


@functools.lru_cache(maxsize=4096)  # phrases share most of their words
def _word(word: str) -> _Item:
    """A literal word's item: each apostrophe may be left out."""
    plain = word.translate(_NO_APOSTROPHES)
    ways = math.prod(math.comb(len(run), len(run) // 2) for run in _RUNS.findall(word))
    return "word", word.translate(_OPTIONAL_APOSTROPHES), not plain, _Part("word", plain, ways)


class _Part(NamedTuple):  # a tuple: a phrase holds dozens, each made once and only read
    """One part of a parsed phrase, as ``alignments`` counts the ways it can line up with a text."""

    kind: str  # 'sep', 'word' (a literal), 'star' (a word ending in '*'), 'number', 'gap', 'choice' or 'optional'
    text: str = ""  # a literal or a starred word without its apostrophes, as any text it matches reads without them
    ways: int = 1  # a literal's own: apostrophes next to each other (each optional) can share out a text's fewer
    options: tuple[_Nodes, ...] = ()  # a choice's or an optional part's


_Nodes = tuple[_Part, ...]
_SEP_PART = _Part("sep")
_RUNS = re.compile(f"[{_APOSTROPHES}]{{2,}}")
_OPTIONAL_APOSTROPHES = str.maketrans({char: f"[{_APOSTROPHES}]?" for char in _APOSTROPHES})
_NO_APOSTROPHES = str.maketrans(dict.fromkeys(_APOSTROPHES))
# kind ('sep', 'word', 'optional' or 'gap'), regex, whether it can match empty text, the part it is
_Item = tuple[str, str, bool, _Part]


def _join(items: list[_Item]) -> tuple[str, bool]:
    """Glue items together; a gap, and an optional part that stands as a word of its own, takes one
    neighbouring separator with it: the one after it while a word that must be there follows, else the one
    before ('x [a] [b]' matches "x", "x a", "x b" and "x a b"). An optional part glued to a word is part of that
    word: 'text[s] me' matches "text me" and "texts me".

    Also says whether the result can match empty text: only when every part it is made of can.
    """
    out: list[tuple[str, bool]] = []
    index = 0
    while index < len(items):
        kind, regex, empty, _ = items[index]
        after = index + 1 < len(items) and items[index + 1][0] == "sep"
        if kind == "gap":
            if index == 0 or items[index - 1][0] != "sep" or not after:
                raise PhraseError("'...' needs a word and a space on both sides")
            if "optional" in (items[index - 2][0], items[index + 2][0] if index + 2 < len(items) else ""):
                raise PhraseError("'...' next to an optional part can match the same words many ways; drop one")
            out.append((f"(?:{_WORD_CHAR}+{_SEP}){{0,{GAP_WORDS}}}", True))
            index += 2
            continue
        alone = (index == 0 or items[index - 1][0] == "sep") and (after or index + 1 == len(items))
        if kind == "optional" and alone:
            needed = any(item[0] not in ("sep", "optional") for item in items[index + 1 :])
            if after and (needed or not (out and out[-1][0] == _SEP)):
                out.append((f"(?:{regex}{_SEP})?", True))
                index += 2
                continue
            if out and out[-1][0] == _SEP:
                out[-1] = (f"(?:{_SEP}{regex})?", True)
                index += 1
                continue
        out.append((regex + "?", True) if kind == "optional" else (regex, empty))
        index += 1
    return "".join(part for part, _ in out), all(empty for _, empty in out)
