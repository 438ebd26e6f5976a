from pathlib import Path

import pytest

from kb.load import config_lines
from kb.problems import ContentError
from kb.settings import LABELS, Settings


def test_reads_labels_and_folders() -> None:
    labels = {name: name.upper() for name in LABELS}
    settings = Settings.from_config({"faq_dir": "questions", "labels": labels})
    assert settings.faq_dir == "questions"
    assert settings.labels["do"] == "DO"


def test_missing_labels_and_unknown_settings_are_reported() -> None:
    labels = {name: "x" for name in LABELS if name != "avoid"}
    with pytest.raises(ContentError) as error:
        Settings.from_config({"labels": labels, "faq_folder": "q"}, "site.yml")
    lines = str(error.value).splitlines()
    assert lines == [
        "site.yml: field 'extra.kb.faq_folder': unknown setting 'faq_folder' "
        "(hint: known settings: faq_dir, glossary_page, labels, notices, principles_dir, scenarios_dir)",
        "site.yml: field 'extra.kb.labels.avoid': missing label 'avoid' "
        "(hint: add 'extra: kb: labels: avoid: ...' to site.yml)",
    ]


def labels(**changes: object) -> dict[str, object]:
    return {**{name: "x" for name in LABELS}, **changes}


@pytest.mark.parametrize(
    ("kb", "lines"),
    [
        (5, ["field 'extra.kb': should be a mapping, not a number"]),
        (["faq"], ["field 'extra.kb': should be a mapping, not a list"]),
        ({"labels": "Questions"}, ["field 'extra.kb.labels': should be a mapping, not text"]),
        ({"labels": labels(do=["x"])}, ["field 'extra.kb.labels.do': should be text, not a list"]),
        ({"labels": labels(do="What\n# helps")}, ["field 'extra.kb.labels.do': contains a line break"]),
        ({"labels": labels(), "faq_dir": 7}, ["field 'extra.kb.faq_dir': should be text, not a number"]),
        ({"labels": labels(), "faq_dir": "../up"}, ["field 'extra.kb.faq_dir': '../up' is not a path inside docs/"]),
        ({"labels": labels(), "faq_dir": "/etc"}, ["field 'extra.kb.faq_dir': '/etc' is not a path inside docs/"]),
        ({"labels": labels(), "faq_dir": "a\\b"}, ["field 'extra.kb.faq_dir': 'a\\b' is not a path inside docs/"]),
        ({"labels": labels(), "glossary_page": "g.html"}, ["field 'extra.kb.glossary_page': 'g.html' is not a"]),
        ({"labels": labels(), "glossary_page": None}, ["field 'extra.kb.glossary_page': should be text, not empty"]),
    ],
)
def test_wrong_types_and_places_give_one_line_each(kb: object, lines: list[str]) -> None:
    with pytest.raises(ContentError) as error:
        Settings.from_config(kb, "site.yml", {"extra.kb": 40, "extra.kb.labels": 41, "extra.kb.faq_dir": 42})
    shown = str(error.value).splitlines()
    assert [line.split(": ", 1)[1][: len(want)] for line, want in zip(shown, lines, strict=True)] == lines
    assert all(line.startswith("site.yml:4") for line in shown), shown


def test_a_problem_takes_the_line_of_its_key_or_the_nearest_parent() -> None:
    with pytest.raises(ContentError) as error:
        Settings.from_config(
            {"labels": labels(do=1, avoid=2)}, "site.yml", {"extra.kb.labels": 9, "extra.kb.labels.do": 12}
        )
    assert [p.line for p in error.value.problems] == [9, 12]


def test_the_lines_come_from_the_config_file_without_running_its_tags(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_url: !ENV [X, 'y']\nextra:\n  kb:\n    labels:\n      do: x\nnav:\n  - a: b.md\n")
    assert config_lines(config) == {
        "site_url": 1,
        "extra": 2,
        "extra.kb": 3,
        "extra.kb.labels": 4,
        "extra.kb.labels.do": 5,
        "nav": 6,
    }
    assert config_lines(tmp_path / "missing.yml") == {}
