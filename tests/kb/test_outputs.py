"""Every generated file is checked against the files in docs/ and the other outputs, by address."""

from pathlib import Path

import pytest

from kb import ContentError, build_site
from kb.load import Record
from kb.outputs import address, clashes
from kb.problems import Problem
from tests.kb.helpers import SETTINGS
from tests.kb.test_build import settings_of
from tests.kb.test_validate import edit


def problems_of(plants: Path) -> list[Problem]:
    with pytest.raises(ContentError) as error:
        build_site(plants / "docs", settings_of(plants), root=plants)
    return error.value.problems


@pytest.mark.parametrize(
    ("path", "key"),
    [
        ("faq/light.md", "faq/light/"),
        ("faq/light/index.md", "faq/light/"),
        ("faq/light/README.md", "faq/light/"),
        ("FAQ/Light.MD", "faq/light/"),
        ("faq/light/index.html", "faq/light/"),
        ("faq.md", "faq/"),
        ("index.md", "/"),
        ("assets/counter.js", "assets/counter.js"),
    ],
)
def test_addresses_ignore_suffix_index_and_case(path: str, key: str) -> None:
    assert address(path) == key


def test_an_entry_named_index_would_replace_the_index_page(plants: Path) -> None:
    for name in ("faq/topics.yml", "faq/watering.yml"):
        text = (plants / "docs" / name).read_text()
        (plants / "docs" / name).write_text(
            text.replace("id: watering\n", "id: index\n").replace(": watering\n", ": index\n")
        )
    (problem,) = problems_of(plants)
    assert str(problem) == (
        "docs/faq/topics.yml:3: topic 'index': field 'id': its generated file 'faq/index.md' has the same address "
        "as the generated 'faq/index.md' (hint: rename the id, or move the other file)"
    )


def test_a_scenario_named_index_would_replace_the_index_page(plants: Path) -> None:
    edit(plants, "scenarios/yellow-leaves.yml", "  - id: yellow-leaves\n", "  - id: index\n")
    for name in ("faq/watering.yml", "principles/water.md"):
        path = plants / "docs" / name
        path.write_text(path.read_text().replace("yellow-leaves", "index"))
    (problem,) = problems_of(plants)
    assert (problem.line, problem.entry, problem.field) == (3, "scenario 'index'", "id")


def test_a_reserved_id_is_named_even_when_the_references_it_breaks_are_too(plants: Path) -> None:
    edit(plants, "scenarios/yellow-leaves.yml", "  - id: yellow-leaves\n", "  - id: index\n")
    named = {(p.file, p.field) for p in problems_of(plants)}
    assert ("docs/scenarios/yellow-leaves.yml", "id") in named
    assert ("docs/faq/watering.yml", "scenarios") in named


@pytest.mark.parametrize(
    ("hand_written", "file", "field"),
    [
        ("faq/index.md", "mkdocs.yml", "extra.kb.faq_dir"),
        ("faq.md", "mkdocs.yml", "extra.kb.faq_dir"),
        ("Words.md", "mkdocs.yml", "extra.kb.glossary_page"),
        ("faq/watering/index.md", "docs/faq/topics.yml", "id"),
        ("scenarios/leggy.html", "docs/scenarios/yellow-leaves.yml", "id"),
    ],
)
def test_a_hand_written_file_at_a_generated_address_is_refused(
    plants: Path, hand_written: str, file: str, field: str
) -> None:
    path = plants / "docs" / hand_written
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# Mine\n")
    (problem,) = problems_of(plants)
    assert (problem.file, problem.field) == (file, field)
    assert problem.message.endswith(f"has the same address as docs/{hand_written}")


def test_two_hand_written_pages_at_one_address_are_refused(plants: Path) -> None:
    (plants / "docs/principles/light").mkdir()
    (plants / "docs/principles/light/index.md").write_text("# Also light\n")
    (problem,) = problems_of(plants)
    assert str(problem) == (
        "docs/principles/light/index.md: has the same address as docs/principles/light.md "
        "(hint: rename or move one of them)"
    )


def rules(src: str) -> Record:
    return Record("rules", f"docs/{src}", src, {"rules": {}})


def test_compiled_rules_may_not_replace_an_asset() -> None:
    """A rules file named like a script would be compiled over it: assets/counter.yml -> assets/counter.js."""
    (problem,) = clashes([rules("assets/counter.yml")], SETTINGS, ["assets/counter.js", "index.md"], "docs")
    assert str(problem) == (
        "docs/assets/counter.yml: its generated file 'assets/counter.js' has the same address as "
        "docs/assets/counter.js (hint: rename the rules file)"
    )


def test_two_rules_files_may_not_compile_to_one_script() -> None:
    (problem,) = clashes([rules("checker/rules.yml"), rules("checker/rules.yaml")], SETTINGS, [], "docs")
    assert problem.file == "docs/checker/rules.yaml"
    assert problem.message.endswith("the same address as the generated 'checker/rules.js'")


def test_content_files_are_never_counted_as_published() -> None:
    assert clashes([], SETTINGS, ["faq/texting.yml", "faq/texting.md"], "docs") == []
