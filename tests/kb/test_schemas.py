"""The keywords the engine adds to JSON Schema, and 'pattern' read as the standard reads it."""

import json
from pathlib import Path

import pytest

from kb.kinds import KINDS
from kb.problems import Problem
from kb.schemas import SCHEMA_DIR, validator_for
from tests.kb.test_validate import edit, only, problems_in


def all_patterns() -> list[str]:
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            found.extend([node["pattern"]] if isinstance(node.get("pattern"), str) else [])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in SCHEMA_DIR.glob("*.schema.json"):
        walk(json.loads(path.read_text()))
    return found


def test_every_schema_pattern_is_anchored_at_both_ends() -> None:
    """A pattern without '^...$' would accept any text that merely contains a match."""
    patterns = all_patterns()
    assert len(patterns) >= 6
    assert all(p.startswith("^") and p.endswith("$") for p in patterns), patterns


@pytest.mark.parametrize(
    ("name", "old", "new", "field"),
    [
        ("faq/topics.yml", "id: watering\n", '"id": "watering\\n"\n', "id"),
        ("faq/watering.yml", "tags: [watering]", 'tags: ["watering\\n"]', "tags.0"),
        ("principles/light.md", "covers: [L1]", 'covers: ["L1\\n"]', "covers.0"),
    ],
)
def test_a_trailing_newline_does_not_pass_a_pattern(plants: Path, name: str, old: str, new: str, field: str) -> None:
    """Python's '$' matches before a final newline; JSON Schema's does not, so 'watering\\n' is no id."""
    edit(plants, name, old, new)
    problems = [p for p in problems_in(plants) if p.file == f"docs/{name}"]
    problem = only(problems)
    assert (problem.field, problem.message.endswith("is not in the right form")) == (field, True), problem


def test_an_id_ending_in_a_newline_cannot_shadow_another(plants: Path) -> None:
    edit(plants, "faq/watering.yml", "  - id: ice-cubes\n", '  - id: "how-often\\n"\n')
    problems = problems_in(plants)
    assert [(p.line, p.message[:26]) for p in problems] == [
        (12, "'how-often\n' is not in the"),
        (12, "duplicate id, first used i"),
    ]
    assert all("\\n" in str(p) and "\n" not in str(p) for p in problems)


def test_an_over_long_id_is_refused(plants: Path) -> None:
    edit(plants, "faq/topics.yml", "id: watering\n", f"id: {'w' * 61}\n")
    problem = only([p for p in problems_in(plants) if "characters" in p.message])
    assert (problem.field, problem.message) == ("id", "has 61 characters; the limit is 60")


ONE_LINE = [
    ("faq/topics.yml", "title: Watering", '"title": "Watering\\n# Injected heading"', "title"),
    (
        "faq/watering.yml",
        "question: Can I water with ice cubes?",
        '"question": "Ice?\\r\\n!!! danger\\n    Boo"',
        "question",
    ),
    ("glossary.yml", "term: Drainage hole", '"term": "Drainage\\u2028hole"', "term"),
    ("scenarios/yellow-leaves.yml", "title: Leaves turn yellow", "title: |\n      Leaves\n      turn", "title"),
    ("scenarios/yellow-leaves.yml", "- Check the drainage hole.", '- "Check\\n\\n# the hole"', "do.0"),
    ("principles/light.md", "title: Light comes first", '"title": "Light\\tcomes first"', "title"),
]


@pytest.mark.parametrize(("name", "old", "new", "field"), ONE_LINE)
def test_line_breaks_and_controls_are_refused_in_one_line_fields(
    plants: Path, name: str, old: str, new: str, field: str
) -> None:
    edit(plants, name, old, new)
    problem = only([p for p in problems_in(plants) if p.file == f"docs/{name}" and p.field == field])
    assert problem.message.startswith("contains ") and problem.message.endswith("; this field is one line")
    assert problem.line and problem.entry


def test_a_tab_is_named_as_a_control_character(plants: Path) -> None:
    edit(plants, *ONE_LINE[-1][:3])
    problem = only([p for p in problems_in(plants) if p.field == "title"])
    assert problem.message == "contains the control character U+0009; this field is one line"


@pytest.mark.parametrize("char", ["\\x00", "\\x02", "\\x03", "\\x1b", "\\x7f", "\\x9b"])
def test_control_characters_are_refused_in_markdown_fields(plants: Path, char: str) -> None:
    edit(plants, "faq/watering.yml", "answer: Cold water can shock some roots.", f'answer: "Cold{char} water"')
    problem = only([p for p in problems_in(plants) if p.field == "answer"])
    assert problem.message.startswith("contains the control character U+00")


def test_markdown_fields_keep_their_line_breaks_and_tabs(plants: Path) -> None:
    edit(plants, "faq/watering.yml", "answer: Cold water can", "answer: |\n      Cold\twater\n\n      can")
    assert [p for p in problems_in(plants) if p.field == "answer"] == []


def test_terms_that_differ_only_in_spacing_are_duplicates(plants: Path) -> None:
    edit(plants, "glossary.yml", "  - term: Overwatering\n", '  - term: "Drainage hole "\n')
    problem = only(problems_in(plants))
    assert isinstance(problem, Problem) and problem.message.startswith("duplicate term, first used in")


def test_each_validator_holds_its_references_inlined_so_checking_looks_nothing_up() -> None:
    for kind in KINDS:
        schema = validator_for(kind).schema
        assert "$ref" not in json.dumps(schema["properties"]), kind
    shared = json.loads((SCHEMA_DIR / "common.schema.json").read_text())["$defs"]["slug"]
    assert shared in validator_for("faqs").schema["properties"]["faqs"]["items"]["properties"]["id"]["allOf"]
