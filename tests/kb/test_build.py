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
