"""One test per class of content error, on a copy of the valid plant-care fixture."""

from pathlib import Path

import pytest

from kb.load import load_docs
from kb.problems import Problem
from kb.settings import Settings
from kb.validate import validate


def problems_in(site: Path) -> list[Problem]:
    records, problems = load_docs(site / "docs", site, "principles")
    return problems + validate(records, Settings.from_file(site / "mkdocs.yml").sections)


def edit(site: Path, name: str, old: str, new: str) -> None:
    path = site / "docs" / name
    text = path.read_text()
    assert old in text, f"fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1))


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def test_fixture_is_valid(plants: Path) -> None:
    assert problems_in(plants) == []


def test_unknown_field_suggests_the_right_name(plants: Path) -> None:
    edit(plants, "faq/watering.yml", "    question: Can I", "    qestion: Can I")
    problems = problems_in(plants)
    typo = next(p for p in problems if p.message == "unknown field")
    assert (typo.file, typo.entry, typo.field) == ("docs/faq/watering.yml", "faq 'ice-cubes'", "qestion")
    assert typo.hint == "did you mean 'question'?"
    assert typo.line == 13
    assert any(p.message == "missing required field" and p.field == "question" for p in problems)


def test_missing_required_field(plants: Path) -> None:
    edit(plants, "faq/light.yml", "    short_answer: For ferns and snake plants, yes. Cacti want more.\n", "")
    problem = only(problems_in(plants))
    assert (problem.entry, problem.field, problem.message) == (
        "faq 'north-window'",
        "short_answer",
        "missing required field",
    )
    assert problem.hint == "add 'short_answer:'"


def test_their_side_is_optional(plants: Path) -> None:
    edit(plants, "scenarios/yellow-leaves.yml", "    their_side: It wants more light.\n", "")
    assert problems_in(plants) == []


def test_wrong_type(plants: Path) -> None:
    edit(plants, "faq/light.yml", "principles: [light]", "principles: light")
    problem = only(problems_in(plants))
    assert problem.field == "principles"
    assert problem.message == "should be a list, not text"
    assert problem.line == 8


def test_empty_text(plants: Path) -> None:
    edit(plants, "faq/light.yml", "answer: North light is soft and steady.", 'answer: ""')
    problem = only(problems_in(plants))
    assert (problem.field, problem.message) == ("answer", "is empty")


def test_duplicate_id_across_files(plants: Path) -> None:
    edit(plants, "faq/watering.yml", "id: ice-cubes", "id: north-window")
    problem = only(problems_in(plants))
    assert (problem.file, problem.line, problem.entry) == ("docs/faq/watering.yml", 12, "faq 'north-window'")
    assert problem.message == "duplicate id, first used in docs/faq/light.yml:3"
    assert problem.field == "id"


def test_unknown_principle_reference(plants: Path) -> None:
    edit(plants, "faq/light.yml", "principles: [light]", "principles: [lihgt]")
    problem = only(problems_in(plants))
    assert (problem.entry, problem.field, problem.message) == (
        "faq 'north-window'",
        "principles",
        "unknown principle 'lihgt'",
    )
    assert problem.hint == "did you mean 'light'?"


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        (
            "faq/watering.yml",
            "scenarios: [yellow-leaves]",
            "scenarios: [purple-leaves]",
            "unknown scenario 'purple-leaves'",
        ),
        ("scenarios/yellow-leaves.yml", "faqs: [north-window]", "faqs: [south-window]", "unknown faq 'south-window'"),
        ("faq/light.yml", "topic: light-and-place", "topic: lighting", "unknown topic 'lighting'"),
    ],
)
def test_unknown_references(plants: Path, name: str, old: str, new: str, message: str) -> None:
    problems = [p for p in problems_in(plants) if p.message != "no faq uses this topic"]
    assert problems == []
    edit(plants, name, old, new)
    assert message in {p.message for p in problems_in(plants)}


def test_short_answer_too_long(plants: Path) -> None:
    long_answer = " ".join(["word"] * 51)
    edit(plants, "faq/light.yml", "For ferns and snake plants, yes. Cacti want more.", long_answer)
    problem = only(problems_in(plants))
    assert (problem.field, problem.message) == ("short_answer", "has 51 words; the limit is 50")
    assert "move detail into 'answer'" in problem.hint


@pytest.mark.parametrize(
    ("name", "old", "new", "field"),
    [
        ("faq/light.yml", "Is a north window enough?", "Is a <script>alert(1)</script> window enough?", "question"),
        ("faq/light.yml", "North light is soft and steady.", "North light <img src=x onerror=alert(1)>", "answer"),
        ("scenarios/yellow-leaves.yml", "Check the drainage hole.", "Check <b>the</b> hole.", "do.0"),
        ("principles/water.md", "title: Water less than you think", "title: Water <i>less</i>", "title"),
        ("glossary.yml", "Giving water before", "<!-- x --> Giving water", "definition"),
    ],
)
def test_raw_html_is_rejected(plants: Path, name: str, old: str, new: str, field: str) -> None:
    edit(plants, name, old, new)
    problem = only(problems_in(plants))
    assert problem.field == field
    assert problem.message.startswith("contains raw HTML")


def test_less_than_sign_is_not_html(plants: Path) -> None:
    edit(plants, "faq/light.yml", "North light is soft and steady.", "Keep it < 2 m from the glass.")
    assert problems_in(plants) == []


def test_slug_pattern(plants: Path) -> None:
    edit(plants, "faq/watering.yml", "id: ice-cubes", "id: Ice Cubes")
    problem = only(problems_in(plants))
    assert problem.field == "id"
    assert "lowercase letters" in problem.hint


def test_unknown_content_file(plants: Path) -> None:
    (plants / "docs/faq/notes.yml").write_text("notes:\n  - hello\n")
    problem = only(problems_in(plants))
    assert (problem.file, problem.message) == ("docs/faq/notes.yml", "not a content file")


def test_topic_without_questions(plants: Path) -> None:
    edit(plants, "faq/topics.yml", "topics:\n", "topics:\n  - id: pests\n    title: Pests\n    intro: Bugs.\n")
    problem = only(problems_in(plants))
    assert (problem.entry, problem.message) == ("topic 'pests'", "no faq uses this topic")
    assert problem.hint == "name it in 'topic:' of a faq, or remove it"


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [
        (  # a schema error in one item
            "faq/watering.yml",
            "    tags: [watering, myths]\n",
            "    tags:\n      - watering\n\n      - Myths!\n",
            (21, "tags.1", "'Myths!' is not in the right form"),
        ),
        (  # a reference to nothing
            "faq/watering.yml",
            "    principles: [water, light]\n",
            "    principles:\n      - water\n      - lihgt\n",
            (19, "principles", "unknown principle 'lihgt'"),
        ),
        (  # a repeated value: the line of the repeat
            "scenarios/yellow-leaves.yml",
            "    tags: [watering, leaves]\n",
            "    tags:\n      - watering\n      - leaves\n      - watering\n",
            (17, "tags", "lists the same value twice"),
        ),
    ],
)
def test_a_problem_with_a_list_item_names_the_items_own_line(
    plants: Path, name: str, old: str, new: str, expected: tuple[int, str, str]
) -> None:
    edit(plants, name, old, new)
    problem = only(problems_in(plants))
    assert (problem.line, problem.field, problem.message) == expected


def test_a_principle_field_names_its_line_in_the_page(plants: Path) -> None:
    edit(plants, "principles/light.md", "covers: [L1]\n", "covers: [L1]\nbogus: 1\n")
    problem = only(problems_in(plants))
    assert (problem.line, problem.field, problem.message) == (6, "bogus", "unknown field")


def test_principle_front_matter_is_checked(plants: Path) -> None:
    edit(plants, "principles/water.md", "id: water\n", "")
    problems = problems_in(plants)
    assert any(p.file == "docs/principles/water.md" and p.field == "id" for p in problems)


def test_every_problem_is_reported_at_once(plants: Path) -> None:
    edit(plants, "faq/light.yml", "principles: [light]", "principles: [nope]")
    edit(plants, "faq/watering.yml", "    question: Can I", "    qestion: Can I")
    (plants / "docs/scenarios/broken.yml").write_text("scenarios:\n  - id: x\n\ttitle: tab\n")
    files = {p.file for p in problems_in(plants)}
    assert files == {"docs/faq/light.yml", "docs/faq/watering.yml", "docs/scenarios/broken.yml"}


def test_problem_is_one_line_with_file_entry_field_and_hint() -> None:
    problem = Problem("docs/faq/a.yml", "is empty", hint="write some text", line=4, entry="faq 'x'", field="answer")
    assert str(problem) == "docs/faq/a.yml:4: faq 'x': field 'answer': is empty (hint: write some text)"
