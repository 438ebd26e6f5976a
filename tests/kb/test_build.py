from pathlib import Path

import pytest

from kb import ContentError, Settings, build_site


def settings_of(site: Path) -> Settings:
    return Settings.from_file(site / "mkdocs.yml")


def test_builds_pages_and_sections(plants: Path) -> None:
    site = build_site(plants / "docs", settings_of(plants))
    assert site.sections() == {
        "faq/index.md": ["faq/watering.md", "faq/light-and-place.md"],
        "scenarios/index.md": ["scenarios/yellow-leaves.md", "scenarios/leggy.md"],
    }
    assert set(site.content.sources) == {
        "faq/light.yml",
        "faq/topics.yml",
        "faq/watering.yml",
        "scenarios/yellow-leaves.yml",
        "glossary.yml",
    }
    assert "[Leaves turn yellow](../scenarios/yellow-leaves.md)" in site.backlinks("principles/water.md")
    assert site.backlinks("index.md") == ""
    assert "*[OW]: Giving water before the soil has dried." in site.abbreviations


def test_finish_page_puts_notices_after_the_title_and_links_at_the_end(plants: Path) -> None:
    site = build_site(plants / "docs", settings_of(plants))
    titled = site.finish_page("principles/water.md", "# Water\nText.", "docs/principles/water.md")
    assert titled.startswith("# Water\n\n")
    assert titled.index("Pet check") < titled.index("Text.") < titled.index(site.backlinks("principles/water.md"))
    untitled = site.finish_page("principles/water.md", "Text.", "docs/principles/water.md")
    assert untitled.index("Pet check") < untitled.index("Text.")
    assert site.finish_page("index.md", "Text.", "docs/index.md") == "Text.\n\n" + site.abbreviations


def test_hand_written_page_may_not_clash_with_a_generated_one(plants: Path) -> None:
    (plants / "docs/faq/index.md").write_text("# Mine\n")
    with pytest.raises(ContentError) as error:
        build_site(plants / "docs", settings_of(plants))
    assert str(error.value).startswith(
        "mkdocs.yml: field 'extra.kb.faq_dir': its generated file 'faq/index.md' "
        "has the same address as docs/faq/index.md"
    )


def test_content_error_lists_every_problem_sorted(plants: Path) -> None:
    (plants / "docs/glossary.yml").write_text("terms: nope\n")
    (plants / "docs/faq/light.yml").write_text("faqs:\n  - id: x\n")
    with pytest.raises(ContentError) as error:
        build_site(plants / "docs", settings_of(plants))
    lines = str(error.value).splitlines()
    assert lines[0].startswith("docs/faq/light.yml:2: faq 'x': field 'answer': missing required field")
    expected = "docs/glossary.yml:1: field 'terms': should be a list, not text"
    assert f"{expected} (hint: compare with the examples in CONTRIBUTING.md)" in lines
    assert lines == sorted(lines, key=lambda line: line.split(":")[0])
    assert len(lines) == len(error.value.problems) > 6


def test_a_synonyms_file_is_the_search_hooks_to_check_and_never_published(plants: Path) -> None:
    (plants / "docs/search").mkdir()
    (plants / "docs/search/synonyms.yml").write_text("synonyms:\n  - words: [Water]\n")  # wrong for search tuning
    site = build_site(plants / "docs", settings_of(plants))
    assert "search/synonyms.yml" in site.content.sources  # so kb_pages leaves it out of the site


def test_a_site_declares_its_own_situation_sections(plants: Path) -> None:
    """Other keys, labels, kinds and order: validation and the page both follow extra.kb.sections."""
    config = plants / "mkdocs.yml"
    text = config.read_text()
    start, end = text.index("    sections:"), text.index("    labels:")
    config.write_text(
        text[:start]
        + "    sections:\n"
        + "      - {key: first_aid, label: First aid, kind: list, required: true}\n"
        + "      - {key: cause, label: Why it happens, kind: text}\n"
        + "      - {key: note_to_self, label: A note to keep, kind: example}\n"
        + text[end:]
    )
    scenarios = plants / "docs/scenarios/yellow-leaves.yml"
    old = scenarios.read_text()
    new = old.replace("    their_side:", "    cause:").replace("    if_you_must_reply:", "    note_to_self:")
    new = new.replace("    do:\n", "    first_aid:\n").replace(
        "    avoid:\n      - Watering again straight away.\n", ""
    )
    new = new.replace("    avoid:\n      - Fertiliser, which makes it worse.\n", "")
    scenarios.write_text(new)
    page = build_site(plants / "docs", settings_of(plants)).pages["scenarios/yellow-leaves.md"]
    order = [
        "## First aid { #first-aid }\n\n- Check",
        "## Why it happens { #cause }",
        "## A note to keep { #note-to-self }\n\n> Tip",
    ]
    assert [page.index(part) for part in order] == sorted(page.index(part) for part in order)
    assert "{ #do }" not in page and "{ #their-side }" not in page
    scenarios.write_text(
        new.replace("    first_aid:\n      - Move it closer to the window.\n", "").replace(
            "    cause:", "    their_side:"
        )
    )
    with pytest.raises(ContentError) as error:
        build_site(plants / "docs", settings_of(plants))
    shown = str(error.value)
    assert "scenario 'leggy': field 'first_aid': missing required field" in shown, shown
    assert "field 'their_side': unknown field" in shown, shown
