"""Rules for a text checker that runs in the browser: phrase syntax, checks and compilation to JSON.

Authors write phrases, not regular expressions. A phrase is words separated by spaces, plus:
``(a|b)`` one of several options, ``[a|b]`` an optional option, ``...`` a gap of up to three
words, ``word*`` any ending and ``#`` any number. An apostrophe may be straight, curly or left out. The
compiled patterns use only syntax that Python and JavaScript read the same way.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Mapping
from typing import Any

from kb.load import Record

KIND = "rules"

GAP_WORDS = 3
_APOSTROPHES = "'\u2019"  # straight and curly (typed by phone keyboards)
_WORD_CHAR = rf"[\w{_APOSTROPHES}-]"
_SEP = r"[\s,]+"
_NUMBER = r"[\u00a3$\u20ac]?\d+(?:[.,:]\d+)*"
_START = rf"(?<![\w{_APOSTROPHES}])"
_END = rf"(?:[{_APOSTROPHES}]s?)?(?![\w{_APOSTROPHES}])"  # a possessive ending still counts: "the kids' shoes"
_LITERAL = re.compile(rf"[a-z0-9{_APOSTROPHES}-]+")


class PhraseError(ValueError):
    """A phrase an author wrote that cannot be turned into a pattern."""


def phrase_error(phrase: str) -> str | None:
    """Why ``phrase`` cannot be compiled, or None when it is fine."""
    try:
        regex = phrase_regex(phrase)
    except PhraseError as error:
        return str(error)
    if re.fullmatch(regex, "", re.IGNORECASE):
        return "can match empty text"
    return None


def phrase_regex(phrase: str, variants: list[list[str]] | None = None) -> str:
    """The regular expression (without word boundaries) for one phrase."""
    source = _apply_variants(phrase.strip().lower(), variants or [])
    parser = _Parser(source)
    regex = parser.sequence(closing="")
    if parser.at < len(source):
        raise PhraseError("'|' only works inside brackets, like (a|b)")
    return regex


def rule_sets(records: list[Record]) -> dict[str, Mapping[str, Any]]:
    """Each validated rules file, by its path under the docs folder."""
    return {record.src: record.data[KIND] for record in records if record.kind == KIND}


def output_path(src: str) -> str:
    """Where the compiled rules of ``src`` are published: the same path, as a script."""
    return posixpath.splitext(src)[0] + ".js"


def compile_rules(rules: Mapping[str, Any], urls: Mapping[str, str]) -> dict[str, Any]:
    """Turn one validated rules mapping into the data the browser script reads.

    ``urls`` maps each principle id to its page address, relative to the site root.
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
        "patterns": [_compile_pattern(pattern, variants, urls) for pattern in rules["patterns"]],
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


def _compile_pattern(pattern: Mapping[str, Any], variants: list[list[str]], urls: Mapping[str, str]) -> dict[str, Any]:
    compiled = {
        "id": pattern["id"],
        "label": pattern["label"],
        "why": pattern["why"].strip(),
        "asks": pattern["asks"],
        "url": urls[pattern["principle"]],
        "re": _alternation(pattern.get("phrases", []), variants),
        "except": _alternation(pattern.get("except", []), variants),
    }
    if not pattern.get("negatable", True):
        compiled["keep_negated"] = True
    if "min_words" in pattern:
        compiled["min_words"] = pattern["min_words"]
    return compiled


def _alternation(phrases: list[str], variants: list[list[str]]) -> str:
    """One pattern for a list of phrases, whole words only; '' for no phrases."""
    if not phrases:
        return ""
    # Longer phrases first, so the widest match wins where phrases overlap.
    parts = sorted((phrase_regex(p, variants) for p in phrases), key=len, reverse=True)
    return f"{_START}(?:{'|'.join(parts)}){_END}"


def _apply_variants(phrase: str, variants: list[list[str]]) -> str:
    """Replace every spelling listed in a variant group by a choice of all spellings in the group."""
    choices = {spelling: f"({'|'.join(group)})" for group in variants for spelling in group}
    if not choices:
        return phrase
    spellings = sorted(choices, key=len, reverse=True)
    # The ending is looked at, not replaced, so a possessive keeps its "'s": "mum's" -> "(mum|mom)'s".
    pattern = re.compile(_START + "(" + "|".join(re.escape(s) for s in spellings) + ")" + f"(?={_END})")
    return pattern.sub(lambda match: choices[match.group(1)], phrase)


class _Parser:
    """Recursive descent over the phrase syntax; builds the regex as it goes."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.at = 0

    def sequence(self, closing: str) -> str:
        """Items up to ``closing`` (or the end); spaces between items mean 'next word'."""
        items: list[tuple[str, str]] = []  # (kind, regex); kind is 'sep', 'word', 'optional' or 'gap'
        while self.at < len(self.source) and self.source[self.at] not in closing + "|":
            char = self.source[self.at]
            if char.isspace():
                while self.at < len(self.source) and self.source[self.at].isspace():
                    self.at += 1
                if items and items[-1][0] != "sep":
                    items.append(("sep", _SEP))
            elif self.source.startswith("...", self.at):
                self.at += 3
                items.append(("gap", ""))
            elif char in "([":
                self.at += 1
                inner = self.choice(")" if char == "(" else "]")
                items.append(("optional" if char == "[" else "word", f"(?:{inner})"))
            elif char == "#":
                self.at += 1
                items.append(("word", _NUMBER))
            elif char in ")]":
                raise PhraseError(f"'{char}' has no opening bracket")
            else:
                items.append(("word", self.literal()))
        if items and items[-1][0] == "sep":
            items.pop()
        return _join(items)

    def choice(self, closing: str) -> str:
        options = [self.sequence(closing + ")]")]
        while self.at < len(self.source) and self.source[self.at] == "|":
            self.at += 1
            options.append(self.sequence(closing + ")]"))
        if self.at >= len(self.source) or self.source[self.at] != closing:
            raise PhraseError(f"a bracket is not closed; add '{closing}'")
        self.at += 1
        if any(option == "" for option in options):
            raise PhraseError("a choice has an empty option; write [a|b] for an optional choice")
        return "|".join(dict.fromkeys(options))  # the same option twice (often from variants) only once

    def literal(self) -> str:
        match = _LITERAL.match(self.source, self.at)
        if not match:
            raise PhraseError(f"'{self.source[self.at]}' cannot be used in a phrase")
        word = match.group(0)
        # "'s" may follow a bracket directly ("(mum|mom)'s"), but not stand alone as a word or option.
        if word[0] in _APOSTROPHES and (self.at == 0 or self.source[self.at - 1] in " \t([|"):
            raise PhraseError(f"'{word}' starts with an apostrophe and can never join the word before it")
        self.at = match.end()
        regex = "".join(f"[{_APOSTROPHES}]?" if char in _APOSTROPHES else char for char in word)
        if self.source.startswith("*", self.at):
            self.at += 1
            regex += _WORD_CHAR + "*"
        return regex


def _join(items: list[tuple[str, str]]) -> str:
    """Glue items together; an optional item or a gap takes one neighbouring separator with it."""
    out: list[str] = []
    index = 0
    while index < len(items):
        kind, regex = items[index]
        after = index + 1 < len(items) and items[index + 1][0] == "sep"
        if kind == "gap":
            if index == 0 or items[index - 1][0] != "sep" or not after:
                raise PhraseError("'...' needs a word and a space on both sides")
            out.append(f"(?:{_WORD_CHAR}+{_SEP}){{0,{GAP_WORDS}}}")
            index += 2
            continue
        if kind == "optional" and after and index + 2 < len(items):
            out.append(f"(?:{regex}{_SEP})?")
            index += 2
            continue
        if kind == "optional" and out and out[-1] == _SEP:
            out[-1] = f"(?:{_SEP}{regex})?"
            index += 1
            continue
        out.append(regex + "?" if kind == "optional" else regex)
        index += 1
    return "".join(out)
