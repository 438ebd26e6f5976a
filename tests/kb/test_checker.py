"""Checker rules: the phrase syntax, validation of rule files, and compilation to JSON."""

import itertools
import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kb.checker import (
    MAX_SLOWDOWN,
    PhraseError,
    _alternation,
    _slow,
    alignments,
    compile_rules,
    output_path,
    phrase_error,
    phrase_regex,
    rules_problems,
    slowdown,
)
from kb.load import load_docs
from kb.problems import Problem
from kb.settings import Settings
from kb.validate import validate

from ..conftest import ROOT, run_build

# The browser reads the compiled patterns with the flags "gi" and no "u": ASCII \w, any case.
FLAGS = re.IGNORECASE | re.ASCII

RULES = """\
# yaml-language-server: $schema=../../hooks/kb/schemas/rules.schema.json
rules:
  summary:
    lead: Taken together, this note asks the plant
    and: and
    none: Nothing stands out.
    advice: Let the soil dry first.
  negation:
    words: [not, never, "don't"]
    window: 3
  variants:
    - ["don't", "do not"]
  practical:
    answer: This is only about supplies.
    mixed: Part of this is about supplies.
    topics:
      - words: [(compost|pot|pots)]
        example: Buy a bag of compost on Saturday.
  patterns:
    - id: overwatering
      label: Too much water
      why: Roots rot in wet soil.
      principle: water
      asks: to sit in wet soil
      phrases:
        - water (it|them) (every day|daily)
        - "[always] keep the soil wet"
      except:
        - water it every day in summer
    - id: rambling
      label: Length
      why: Long notes go unread.
      principle: light
      asks: to read a lot
      min_words: 40
"""


def matches(phrase: str, text: str, variants: list[list[str]] | None = None) -> bool:
    return re.search(rf"(?<![\w'\u2019])(?:{phrase_regex(phrase, variants)})", text, FLAGS) is not None


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("(love|miss) you", "I MISS you"),
        ("i [still|really] love you", "i love you"),
        ("i [still|really] love you", "I still love you"),
        ("love you [so much]", "love you so much"),
        ("[please] come back", "come back"),
        ("why did you ... leave", "why did you just up and leave"),
        ("apologi(se|ze)", "apologize"),
        ("i'm sorry", "im sorry"),
        ("i'm sorry", "I\u2019m sorry"),
        ("forgiv* me", "forgiving me"),
        ("you owe me #", "you owe me \u00a342.50"),
        ("please come back", "please, come back"),
    ],
)
def test_phrase_matches(phrase: str, text: str) -> None:
    assert matches(phrase, text)


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("i [still|really] love you", "i still really love you"),
        ("why did you ... leave", "why did you one two three four leave"),
        ("please come back", "please. Come back"),
        ("love you", "glove you"),
    ],
)
def test_phrase_does_not_match(phrase: str, text: str) -> None:
    assert not matches(phrase, text)


SEP = r"[\s,]+"


@pytest.mark.parametrize(
    ("phrase", "regex"),
    [
        ("x [a] [b]", rf"x(?:{SEP}(?:a))?(?:{SEP}(?:b))?"),  # optional words at the end take the space before
        ("a [b] [c] d", rf"a{SEP}(?:(?:b){SEP})?(?:(?:c){SEP})?d"),  # elsewhere the space after
        ("[a] [b] x", rf"(?:(?:a){SEP})?(?:(?:b){SEP})?x"),
        ("x[y] z", rf"x(?:y)?{SEP}z"),  # glued to a word, an optional part is part of that word
        ("text[s] me", rf"text(?:s)?{SEP}me"),
        ("x [y]z", rf"x{SEP}(?:y)?z"),
        ("x [a] y [b]", rf"x{SEP}(?:(?:a){SEP})?y(?:{SEP}(?:b))?"),
        ("apolog* now", f"apolog[\\w'\u2019]*{SEP}now"),  # an ending stops at a hyphen
        ("# now", rf"(?<!\d[.,:])[\u00a3$\u20ac]?\d+(?:[.,:]\d+)*{SEP}now"),  # a number starts no number's middle
    ],
)
def test_phrase_regex(phrase: str, regex: str) -> None:
    assert phrase_regex(phrase) == regex


@pytest.mark.parametrize(
    ("phrase", "texts", "matched"),
    [
        ("x [a] [b]", ["x", "x a", "x b", "x a b", "x b a", "xa", "x ab", "x a a"], ["x", "x a", "x b", "x a b"]),
        (
            "a [b] [c] d",
            ["a d", "a b d", "a c d", "a b c d", "a bd", "ad", "a c b d"],
            ["a d", "a b d", "a c d", "a b c d"],
        ),
        ("x[y] z", ["xz", "x z", "xy z", "xyz", "x y z"], ["x z", "xy z"]),
        ("text[s] me", ["text me", "texts me", "text s me", "textsme"], ["text me", "texts me"]),
        ("x [y]z", ["xz", "x z", "x yz", "xy z"], ["x z", "x yz"]),
        (
            "i [still|really] [do] love you",
            ["i love you", "i still do love you", "i do love you", "i do still love you"],
            ["i love you", "i still do love you", "i do love you"],
        ),
    ],
)
def test_which_texts_a_phrase_matches(phrase: str, texts: list[str], matched: list[str]) -> None:
    regex = re.compile(_alternation([phrase], []), FLAGS)
    assert [text for text in texts if regex.fullmatch(text)] == matched


@pytest.mark.parametrize(
    ("phrase", "text", "found"),
    [
        ("apolog* now", "apologise-apologise now", ["apologise now"]),
        ("suicid*", "suicide-prevention", ["suicide"]),
        ("# years", "after 1,000 years", ["1,000 years"]),
        ("# years", "1,2,3 years", ["1,2,3 years"]),
        ("you owe me #", "you owe me \u00a31,500.50", ["you owe me \u00a31,500.50"]),
    ],
)
def test_what_a_phrase_marks_in_a_text(phrase: str, text: str, found: list[str]) -> None:
    assert [match[0] for match in re.finditer(_alternation([phrase], []), text, FLAGS)] == found


def test_variants_widen_a_phrase() -> None:
    variants = [["i'm", "i am"], ["you", "u"]]
    assert matches("i'm sorry", "I am sorry", variants)
    assert matches("miss you", "miss u", variants)
    assert not matches("i'm sorry", "I am sorry")


@pytest.mark.parametrize(
    ("phrase", "problem"),
    [
        ("(love|miss you", "a bracket is not closed; add ')'"),
        ("love] you", "']' has no opening bracket"),
        ("love|miss", "'|' only works inside brackets, like (a|b)"),
        ("(love||miss) you", "a choice has an empty option; write [a|b] for an optional choice"),
        ("love you!", "'!' cannot be used in a phrase"),
        ("... you", "'...' needs a word and a space on both sides"),
        ("[so]", "can match empty text"),
        ("(i|you)('ll|'d) miss", "''ll' starts with an apostrophe and can never join the word before it"),
    ],
)
def test_phrase_errors(phrase: str, problem: str) -> None:
    assert phrase_error(phrase) == problem


def _empty_by_regex(phrase: str) -> bool | None:
    """Whether the phrase's regular expression matches empty text, asked of the regex engine; None if invalid."""
    try:
        return re.fullmatch(phrase_regex(phrase), "", re.IGNORECASE) is not None
    except PhraseError:
        return None


@pytest.mark.parametrize(
    "phrase", ["[so]", "[a] [b]", "[a|b] ... c", "(a|[b]) c", "([a]|[b])", "[a]'", "(a|b)'", "a*", "# [a]", "[a] 'b"]
)
def test_can_match_empty_text_is_decided_as_the_regex_engine_decides_it(phrase: str) -> None:
    assert (phrase_error(phrase) == "can match empty text") == bool(_empty_by_regex(phrase))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab '\u2019()[]|.*#-", max_size=14))
def test_can_match_empty_text_agrees_with_the_regex_engine_on_any_phrase(phrase: str) -> None:
    if (empty := _empty_by_regex(phrase)) is not None:
        assert (phrase_error(phrase) == "can match empty text") == empty, phrase_regex(phrase)


def test_variants_keep_a_possessive_ending() -> None:
    regex = re.compile(phrase_regex("i miss your mum's cooking", [["mum", "mom"]]))
    assert regex.fullmatch("i miss your mom's cooking")
    assert regex.fullmatch("i miss your mum\u2019s cooking")
    assert not regex.fullmatch("i miss your mom cooking")


def test_output_path() -> None:
    assert output_path("checker/rules.yml") == "checker/rules.js"


def compiled(rules_text: str = RULES) -> dict:
    return compile_rules(yaml.safe_load(rules_text)["rules"], {"water": "principles/water/", "light": "x/"})


def test_compiled_rules_hold_what_the_browser_needs() -> None:
    data = compiled()
    first, second = data["patterns"]
    assert (first["id"], first["url"], first["why"], first["asks"]) == (
        "overwatering",
        "principles/water/",
        "Roots rot in wet soil.",
        "to sit in wet soil",
    )
    assert re.search(first["re"], "Please water them daily.", FLAGS)
    assert re.search(first["re"], "We keep the soil wet.", FLAGS)
    assert not re.search(first["re"], "Water them weekly.", FLAGS)
    assert re.search(first["except"], "water it every day in summer", FLAGS)
    assert (second["re"], second["except"], second["min_words"]) == ("", "", 40)
    assert "min_words" not in first
    assert [re.fullmatch(data["negation"]["re"], w, FLAGS) is not None for w in ("don't", "dont", "NOT", "now")] == [
        True,
        True,
        True,
        False,
    ]
    assert data["practical"]["topics"][0]["example"] == "Buy a bag of compost on Saturday."
    assert re.search(data["practical"]["topics"][0]["re"], "two pots", FLAGS)
    assert data["summary"]["lead"] == "Taken together, this note asks the plant"


def test_patterns_match_whole_words_and_possessives() -> None:
    pattern = compiled(RULES.replace("(compost|pot|pots)", "(kid|kids)"))["practical"]["topics"][0]["re"]
    assert re.search(pattern, "the kids' shoes", FLAGS)
    assert re.search(pattern, "the kid's coat", FLAGS)
    assert not re.search(pattern, "kidney beans", FLAGS)
    assert not re.search(compiled()["patterns"][0]["re"].replace("water", "you"), "you're", FLAGS)


def test_real_rules_compile() -> None:
    rules = yaml.safe_load((ROOT / "docs/checker/rules.yml").read_text())["rules"]
    data = compile_rules(rules, {p.get("page") or p["principle"]: "x/" for p in rules["patterns"]})
    assert [p["id"] for p in data["patterns"]][:5] == ["crisis", "threat", "distress", "boundary", "news"]
    assert {p["id"] for p in data["patterns"]} >= {
        "feelings",
        "gratitude",
        "apology",
        "begging",
        "explanations",
        "guilt",
        "pressure",
        "nostalgia",
        "length",
    }
    for pattern in data["patterns"]:
        if pattern["re"]:
            re.compile(pattern["re"])


# Rule files, validated with the rest of the content of the plant-care fixture.


def write_rules(site: Path, text: str = RULES) -> None:
    (site / "docs/checker").mkdir(exist_ok=True)
    (site / "docs/checker/rules.yml").write_text(text)


def problems_in(site: Path) -> list[Problem]:
    records, problems = load_docs(site / "docs", site, "principles")
    return problems + validate(records, Settings.from_file(site / "mkdocs.yml").sections)


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def test_valid_rules_have_no_problems(plants: Path) -> None:
    write_rules(plants)
    assert problems_in(plants) == []


def test_unknown_principle(plants: Path) -> None:
    write_rules(plants, RULES.replace("principle: water", "principle: watr"))
    problem = only(problems_in(plants))
    assert str(problem) == (
        "docs/checker/rules.yml:23: pattern 'overwatering': field 'principle': unknown principle 'watr' "
        "(hint: did you mean 'water'?)"
    )


def test_duplicate_pattern_id(plants: Path) -> None:
    write_rules(plants, RULES.replace("id: rambling", "id: overwatering"))
    problem = only(problems_in(plants))
    assert (problem.line, problem.entry, problem.field) == (30, "pattern 'overwatering'", "id")
    assert problem.message == "duplicate id, first used in docs/checker/rules.yml:20"


def test_bad_phrase_names_file_line_entry_and_field(plants: Path) -> None:
    write_rules(plants, RULES.replace("water (it|them) (every day|daily)", "water (it|them (every day|daily)"))
    problem = only(problems_in(plants))
    assert (problem.file, problem.line, problem.entry, problem.field) == (
        "docs/checker/rules.yml",
        26,  # the phrase's own line, not the line of 'phrases:'
        "pattern 'overwatering'",
        "phrases.0",
    )
    assert problem.message == "phrase 'water (it|them (every day|daily)': a bracket is not closed; add ')'"
    assert "(a|b) is a choice" in problem.hint


def test_bad_except_phrase_and_practical_word(plants: Path) -> None:
    text = RULES.replace("water it every day in summer", "water it every day in summer!")
    write_rules(plants, text.replace("[(compost|pot|pots)]", "[compost|pots]"))
    problems = problems_in(plants)
    assert {(p.entry, p.field) for p in problems} == {
        ("pattern 'overwatering'", "except.0"),
        ("", "rules.practical.topics.0.words.0"),
    }


def test_pattern_needs_phrases_or_a_word_count(plants: Path) -> None:
    write_rules(plants, RULES.replace("      min_words: 40\n", ""))
    problem = only(problems_in(plants))
    assert (problem.entry, problem.field, problem.message) == (
        "pattern 'rambling'",
        "phrases",
        "missing required field",
    )


def test_unknown_field_in_a_pattern(plants: Path) -> None:
    write_rules(plants, RULES.replace("      asks: to read a lot", "      ask: to read a lot"))
    problems = problems_in(plants)
    assert any(p.field == "ask" and p.hint == "did you mean 'asks'?" for p in problems)


def test_negation_word_that_yaml_reads_as_true_or_false(plants: Path) -> None:
    write_rules(plants, RULES.replace('[not, never, "don\'t"]', "[not, no]"))
    problem = only(problems_in(plants))
    assert (problem.field, problem.message) == ("rules.negation.words.1", "should be text, not true/false")


def test_build_publishes_compiled_rules_and_not_the_source(plants: Path, tmp_path: Path) -> None:
    write_rules(plants)
    out = tmp_path / "out"
    result = run_build(plants / "mkdocs.yml", out)
    assert result.returncode == 0, result.stderr
    script = (out / "checker/rules.js").read_text()
    prefix = '(window.kbRules ||= {})["checker/rules.js"] = '
    assert script.startswith(prefix)
    data = json.loads(script.removeprefix(prefix).removesuffix(";\n"))
    assert data["patterns"][0]["url"] == "principles/water/"
    assert not (out / "checker/rules.yml").exists()


def test_build_fails_cleanly_on_a_bad_rule(plants: Path, tmp_path: Path) -> None:
    write_rules(plants, RULES.replace("principle: light", "principle: shade"))
    result = run_build(plants / "mkdocs.yml", tmp_path / "out")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "docs/checker/rules.yml:33: pattern 'rambling': field 'principle': unknown principle 'shade'" in result.stderr
    )


def test_negatable_false_keeps_negated_phrases() -> None:
    rules = RULES.replace("    - id: rambling\n", "    - id: rambling\n      negatable: false\n")
    patterns = {p["id"]: p for p in compiled(rules)["patterns"]}
    assert patterns["rambling"].get("keep_negated") is True
    assert "keep_negated" not in patterns["overwatering"]


# The safety layer and the limits that keep rules fast.

SAFETY_RULES = RULES.replace(
    "  patterns:\n",
    """  patterns:
    - id: frost
      kind: crisis
      negatable: false
      label: Bring it inside now
      why: Frost kills the roots overnight.
      answer: This plant is in danger.
      urgent: If the leaves are black already, cut them off now.
      page: index.md
      link_text: Emergency care
      phrases:
        - (frost|snow) tonight
""",
)


def test_safety_patterns_compile_first_with_their_own_text(plants: Path) -> None:
    rules = yaml.safe_load(SAFETY_RULES)["rules"]
    rules["patterns"].append(rules["patterns"].pop(0))  # written last, still checked first
    data = compile_rules(rules, {"water": "principles/water/", "light": "x/", "index.md": ""})
    first = data["patterns"][0]
    assert (first["id"], first["kind"], first["url"], first["link_text"]) == ("frost", "crisis", "", "Emergency care")
    assert first["urgent"] == "If the leaves are black already, cut them off now."
    assert "asks" not in first and "asks" in data["patterns"][1]
    write_rules(plants, SAFETY_RULES)
    assert problems_in(plants) == []


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ("      answer: This plant is in danger.\n", "", "answer", "missing required field"),
        ("      urgent: If the leaves are black already, cut them off now.\n", "", "urgent", "missing required field"),
        ("      kind: crisis\n", "      kind: panic\n", "kind", None),
    ],
)
def test_safety_pattern_fields_are_checked(plants: Path, old: str, new: str, field: str, message: str | None) -> None:
    write_rules(plants, SAFETY_RULES.replace(old, new))
    problem = only(problems_in(plants))
    assert (problem.entry, problem.field) == ("pattern 'frost'", field)
    if message:
        assert problem.message == message


def rule_problems(site: Path) -> list[Problem]:
    records, problems = load_docs(site / "docs", site, "principles")
    assert problems + validate(records, Settings.from_file(site / "mkdocs.yml").sections) == []
    return rules_problems(records, site / "docs")


def test_a_page_link_must_exist_and_stand_alone(plants: Path) -> None:
    write_rules(plants, SAFETY_RULES.replace("page: index.md", "page: help-now.md"))
    problem = only(rule_problems(plants))
    assert str(problem) == (
        "docs/checker/rules.yml:27: pattern 'frost': field 'page': no page 'help-now.md' in docs/ "
        "(hint: use a path under docs/, like get-help.md)"
    )
    write_rules(plants, SAFETY_RULES.replace("page: index.md", "page: index.md\n      principle: water"))
    assert only(rule_problems(plants)).message == "has both 'page' and 'principle'"


@pytest.mark.parametrize(
    ("phrase", "problem"),
    [
        ("a ... b ... c ... d", "has 3 gaps ('...'); at most 2 keep the checker fast"),
        ("water ... [daily] please", "'...' next to an optional part can match the same words many ways; drop one"),
        (
            "[a] [b] [c] [d] [e] [f] water",
            "its gaps and optional parts can line up 64 ways; at most 32 keep the checker fast",
        ),
        ("apolog*ise", "'*' must end a word"),
    ],
)
def test_phrases_that_multiply_are_refused(phrase: str, problem: str) -> None:
    assert phrase_error(phrase) == problem


OVERLAPPING = "(x|x x|x x x|x x x x) (x|x x|x x x|x x x x) (x|x x|x x x|x x x x) (x|x x|x x x|x x x x) (x|x x|x x x) y"


Built = tuple[str, Counter[str]]  # a phrase, and every text it matches with the number of ways it matches it


def _spellings(word: str) -> Counter[str]:
    """The texts a literal word matches, each apostrophe kept or left out, and in how many ways."""
    found: Counter[str] = Counter()
    for keep in itertools.product((True, False), repeat=word.count("'")):
        kept = iter(keep)
        found["".join(char for char in word if char != "'" or next(kept))] += 1
    return found


@st.composite
def built_phrases(draw: st.DrawFn, depth: int = 0) -> Built:
    """A phrase of words, choices and optional parts, glued or spaced, with the texts it matches in full."""
    text, ways, last = "", Counter({"": 1}), "optional"
    kind_of_part = st.sampled_from(["word", "choice", "optional"] if depth < 2 else ["word"])
    kinds = draw(st.lists(kind_of_part, min_size=1, max_size=3 - depth))
    for kind in kinds:
        if kind == "word":
            part = draw(st.sampled_from(["x", "xx", "x'x", "y"] if depth else ["x", "xx", "x'x", "x''x", "y"]))
            matches = _spellings(part)
        else:
            whole = built_phrases(depth + 1).filter(lambda built: "" not in built[1])  # what can be empty, is optional
            options = dict(draw(st.lists(whole, min_size=1 if kind == "optional" else 2, max_size=3)))
            part = ("(" if kind == "choice" else "[") + "|".join(options) + (")" if kind == "choice" else "]")
            matches = sum(options.values(), Counter({"": 1}) if kind == "optional" else Counter())
        # An optional part glued to a word is part of it ("text[s]"); two glued optional parts are not written.
        glue = "" if (kind, last) != ("optional", "optional") and draw(st.booleans()) else " "
        text, last = text + glue + part, kind
        joined: Counter[str] = Counter()
        for before, times in ways.items():
            for after, more in matches.items():
                joined[re.sub("  +", " ", f"{before}{glue}{after}")] += times * more  # an absent word leaves one space
        ways = joined
    stripped: Counter[str] = Counter()
    for matched, times in ways.items():
        stripped[matched.strip()] += times
    return text.strip(), stripped


@settings(max_examples=200, deadline=None)
@given(built_phrases())
@example(("(x|x x) (x|x x)", Counter({"x x": 1, "x x x": 2, "x x x x": 1})))
@example(("(x|xx)(x|xx)", Counter({"xx": 1, "xxx": 2, "xxxx": 1})))  # glued: one option's word starts the other's
def test_the_count_of_alignments_is_never_below_the_ways_a_phrase_matches_one_text(built: Built) -> None:
    # What lets a phrase skip the timing: the words after a phrase meet every way it lines up with a
    # text, so a text matched in more ways than counted would be work the count does not see.
    phrase, ways = built
    if phrase_error(phrase) is not None:
        return
    regex = re.compile(phrase_regex(phrase), FLAGS)
    assert all(regex.fullmatch(text) for text in ways), phrase  # the strategy reads phrases as the parser does
    counted = alignments(phrase + " z")
    assert counted is not None and max(ways.values()) <= counted, (phrase, ways.most_common(1))


def test_only_phrases_that_can_line_up_many_ways_are_timed(monkeypatch: pytest.MonkeyPatch) -> None:
    timed: list[list[str]] = []
    monkeypatch.setattr("kb.checker.slowdown", lambda regex, phrases: timed.append(phrases) or 1.0)
    fast = ["water (it|them) daily", "(i|i have) (taken|took) it", "a ... b ... c [d]"]
    assert _slow(fast, []) is None and timed == []
    assert _slow([*fast, OVERLAPPING, "(pay|paid) #"], []) is None
    assert timed == [[OVERLAPPING, "(pay|paid) #"]]
    assert [alignments(phrase) for phrase in fast] == [1, 2, 32]
    assert alignments(OVERLAPPING) == 4 * 4 * 4 * 4 * 3


def test_a_backtracking_phrase_is_measured_and_refused(plants: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kb.checker.MAX_SLOWDOWN", 30)  # far under its 200x-290x, so load cannot flip it
    assert phrase_error(OVERLAPPING) is None  # nothing in its syntax gives it away
    assert slowdown(_alternation([OVERLAPPING], []), [OVERLAPPING]) > 30
    write_rules(plants, RULES.replace('        - "[always] keep the soil wet"\n', f"        - {OVERLAPPING}\n"))
    problem = only(rule_problems(plants))
    assert (problem.line, problem.entry, problem.field) == (27, "pattern 'overwatering'", "phrases")  # its own line
    assert problem.message.startswith(f"phrase '{OVERLAPPING}' backtracks: ")


CHAINED = ["apolog* now", "# now", "(# years|years) and you", "sorry* ... now"]


@pytest.mark.parametrize("phrase", CHAINED)
def test_a_starred_word_or_a_number_before_more_words_reads_a_hyphen_or_digit_chain_once(phrase: str) -> None:
    # A match may start after each '-' of "apologise-apologise-..." and each ',' of "1,1,1,...": read on
    # across them, each start would read to the end of the chain (90 to 4 000 times a word list at 8 kB).
    assert slowdown(_alternation([phrase], []), [phrase]) <= 30


@pytest.mark.parametrize(
    ("phrase", "regex"),
    [
        ("apolog* now", rf"apolog[\w'\u2019-]*{SEP}now"),
        ("# now", rf"[\u00a3$\u20ac]?\d+(?:[.,:]\d+)*{SEP}now"),
    ],
)
def test_hostile_texts_hold_chains_of_the_phrase_words(phrase: str, regex: str) -> None:
    # The same phrases compiled to read on across the chain: the hostile texts show them 140 to 4 000 times slower
    # on a quiet machine, and the word chain as little as 93 beside the rest of the suite, so the limit is 50.
    assert slowdown(rf"(?<![\w'\u2019])(?:{regex})(?:['\u2019]s?)?(?![\w'\u2019])", [phrase]) > MAX_SLOWDOWN


def test_the_real_rules_are_within_the_limits() -> None:
    rules = yaml.safe_load((ROOT / "docs/checker/rules.yml").read_text())["rules"]
    variants = rules["variants"]
    for pattern in rules["patterns"]:
        for field in ("phrases", "except"):
            if phrases := pattern.get(field):
                assert slowdown(_alternation(phrases, variants), phrases) <= MAX_SLOWDOWN, (pattern["id"], field)


def test_rules_over_the_limits_stop_the_build(plants: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_rules(plants)
    monkeypatch.setattr("kb.checker.MAX_RULES_BYTES", 500)
    problem = only(rule_problems(plants))
    assert re.fullmatch(r"the compiled rules are \d+ bytes; the limit is 500", problem.message)
    write_rules(plants, RULES.replace('        - "[always] keep the soil wet"\n', f"        - {OVERLAPPING}\n"))
    # A real build, with a budget well under this phrase's measured slowdown (200x to 290x), so a busy
    # machine cannot bring it under the limit.
    budget = "import kb.checker; kb.checker.MAX_SLOWDOWN = 30; "
    mkdocs = [sys.executable, "-c", budget + "from mkdocs.__main__ import cli; cli()"]
    result = run_build(plants / "mkdocs.yml", tmp_path / "out", tool=mkdocs)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "docs/checker/rules.yml" in line]
    assert len(lines) == 1 and "backtracks" in lines[0], result.stderr
