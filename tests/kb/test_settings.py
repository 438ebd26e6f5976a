from pathlib import Path

import pytest

from kb.load import config_lines
from kb.problems import ContentError
from kb.sections import DEFAULT_SECTIONS, Section
from kb.settings import DEFAULT_LABELS, LABELS, Settings


def test_reads_labels_and_folders() -> None:
    settings = Settings.from_config({"faq_dir": "questions", "labels": {"short_answer": "In brief"}})
    assert settings.faq_dir == "questions"
    assert settings.labels["short_answer"] == "In brief"


def test_every_setting_has_an_english_default() -> None:
    """A site with no glossary names no glossary label; an empty extra.kb is a working site."""
    settings = Settings.from_config(None)
    assert settings.labels == DEFAULT_LABELS and set(LABELS) == set(DEFAULT_LABELS)
    assert all(isinstance(text, str) and text for text in DEFAULT_LABELS.values())
    assert settings.sections == DEFAULT_SECTIONS
    assert (settings.faq_dir, settings.glossary_page) == ("faq", "glossary.md")
    changed = Settings.from_config({"labels": {"glossary_title": "Words"}})
    assert changed.labels == {**DEFAULT_LABELS, "glossary_title": "Words"}


def test_sections_come_from_the_settings_in_their_order() -> None:
    sections = [
        {"key": "why_it_happens", "label": "Why it happens", "kind": "text"},
        {"key": "next_steps", "label": "Next steps", "kind": "list", "required": True},
        {"key": "sample_email", "label": "A sample email", "kind": "example"},
    ]
    assert Settings.from_config({"sections": sections}).sections == (
        Section("why_it_happens", "Why it happens", "text"),
        Section("next_steps", "Next steps", "list", required=True),
        Section("sample_email", "A sample email", "example"),
    )


def test_unknown_settings_and_labels_are_reported() -> None:
    with pytest.raises(ContentError) as error:
        Settings.from_config({"labels": {"avoidd": "x"}, "faq_folder": "q"}, "site.yml")
    lines = str(error.value).splitlines()
    assert lines == [
        "site.yml: field 'extra.kb.faq_folder': unknown setting 'faq_folder' "
        "(hint: known settings: faq_dir, glossary_page, labels, notices, principles_dir, scenarios_dir, sections)",
        "site.yml: field 'extra.kb.labels.avoidd': unknown setting 'avoidd' "
        f"(hint: known settings: {', '.join(sorted(LABELS))})",
    ]


@pytest.mark.parametrize(
    ("kb", "lines"),
    [
        (5, ["field 'extra.kb': should be a mapping, not a number"]),
        (["faq"], ["field 'extra.kb': should be a mapping, not a list"]),
        ({"labels": "Questions"}, ["field 'extra.kb.labels': should be a mapping, not text"]),
        ({"labels": {"principles": ["x"]}}, ["field 'extra.kb.labels.principles': should be text, not a list"]),
        ({"labels": {"principles": "Why\n# this"}}, ["field 'extra.kb.labels.principles': contains a line break"]),
        ({"faq_dir": 7}, ["field 'extra.kb.faq_dir': should be text, not a number"]),
        ({"faq_dir": "../up"}, ["field 'extra.kb.faq_dir': '../up' is not a path inside docs/"]),
        ({"faq_dir": "/etc"}, ["field 'extra.kb.faq_dir': '/etc' is not a path inside docs/"]),
        ({"faq_dir": "a\\b"}, ["field 'extra.kb.faq_dir': 'a\\b' is not a path inside docs/"]),
        ({"glossary_page": "g.html"}, ["field 'extra.kb.glossary_page': 'g.html' is not a"]),
        ({"glossary_page": None}, ["field 'extra.kb.glossary_page': should be text, not empty"]),
        ({"sections": {"do": "x"}}, ["field 'extra.kb.sections': should be a list, not a mapping"]),
        ({"sections": [{"key": "Do", "label": "x"}]}, ["field 'extra.kb.sections.0.key': 'Do' is not a field name"]),
        ({"sections": [{"key": "tags", "label": "x"}]}, ["field 'extra.kb.sections.0.key': 'tags' is a field"]),
        ({"sections": [{"key": "do"}]}, ["field 'extra.kb.sections.0.label': missing setting"]),
        ({"sections": [{"key": "do", "label": "x", "kind": "table"}]}, ["field 'extra.kb.sections.0.kind': 'table'"]),
        ({"sections": [{"key": "do", "label": "x", "required": "yes"}]}, ["field 'extra.kb.sections.0.required'"]),
        ({"sections": [{"key": "do", "label": "x"}, {"key": "do", "label": "y"}]}, ["field 'extra.kb.sections.1.key'"]),
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
            {"labels": {"principles": 1, "care_note": 2}},
            "site.yml",
            {"extra.kb.labels": 9, "extra.kb.labels.principles": 12},
        )
    assert sorted(p.line for p in error.value.problems) == [9, 12]


def test_the_lines_come_from_the_config_file_without_running_its_tags(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_url: !ENV [X, 'y']\nextra:\n  kb:\n    labels:\n      do: x\n"
        "    sections:\n      - key: a\nnav:\n  - a: b.md\n"
    )
    assert config_lines(config) == {
        "site_url": 1,
        "site_url.0": 1,
        "site_url.1": 1,
        "extra": 2,
        "extra.kb": 3,
        "extra.kb.labels": 4,
        "extra.kb.labels.do": 5,
        "extra.kb.sections": 6,
        "extra.kb.sections.0": 7,
        "extra.kb.sections.0.key": 7,
        "nav": 8,
        "nav.0": 9,
        "nav.0.a": 9,
    }
    assert config_lines(tmp_path / "missing.yml") == {}


def test_a_settings_file_is_read_without_a_build(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_url: !ENV [X, 'y']\nextra:\n  kb:\n    labels:\n      principles: [1]\n")
    with pytest.raises(ContentError) as error:
        Settings.from_file(config)
    assert str(error.value) == (
        "mkdocs.yml:5: field 'extra.kb.labels.principles': should be text, not a list "
        "(hint: write plain text on one line)"
    )
