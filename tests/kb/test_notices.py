"""Notices: one text in the settings, placed by the engine before the advice that needs it."""

from dataclasses import replace
from pathlib import Path

import pytest

from kb import ContentError, Settings, build_site
from kb.links import link
from kb.model import Faq
from kb.notices import Notice, notices_for, parse_notices
from kb.render import render_notices, render_pages

from .helpers import SETTINGS, content

NOTICE = Notice("check", "Check the roof first.", "principles/core/roof.md", "Roof safety", ("calm",))
WITH_NOTICE = replace(SETTINGS, notices=(NOTICE,))
BLOCK = '!!! warning kb-notice ""\n\n    Check the roof first. [Roof safety]({href})\n    {{ data-search-exclude }}\n'


def settings_of(site: Path) -> Settings:
    return Settings.from_file(site / "mkdocs.yml")


def test_a_notice_follows_its_principles_and_explicit_flags() -> None:
    data = content()
    other = Faq("other", "Q?", "Short answer here.", "Long.", "basics", ("wind",), ())
    flagged = replace(other, id="flagged", notices=("check",))
    assert notices_for(data.principles["calm"], [NOTICE]) == (NOTICE,)
    assert notices_for(data.faqs[0], [NOTICE]) == (NOTICE,)  # rests on 'calm'
    assert notices_for(other, [NOTICE]) == ()
    assert notices_for(replace(flagged, principles=("calm",)), [NOTICE]) == (NOTICE,)  # once, not twice
    assert notices_for(flagged, [NOTICE]) == (NOTICE,)


def test_question_and_situation_pages_show_it_once_before_the_advice() -> None:
    data = content()
    pages = render_pages(data, link(data), WITH_NOTICE)
    topic, scenario = pages["faq/basics.md"], pages["scenarios/storm.md"]
    block = BLOCK.format(href="../principles/core/roof.md")
    assert topic.count(block) == 1 and scenario.count(block) == 1
    short_answer = topic.index("Wait a day.\n{ .kb-short-answer }")
    assert topic.index("## What now? { #first }") < topic.index(block) < short_answer
    assert scenario.index("{ .kb-situation }") < scenario.index(block) < scenario.index("## (do)")


def test_no_notice_where_none_applies() -> None:
    data = content()
    unused = replace(SETTINGS, notices=(replace(NOTICE, principles=()),))
    for settings in (SETTINGS, unused):
        pages = render_pages(data, link(data), settings)
        assert [path for path, page in pages.items() if "kb-notice" in page] == []


def test_principle_page_notice_links_relative_to_that_page() -> None:
    data = content()
    assert render_notices(data.principles["calm"], WITH_NOTICE) == BLOCK.format(href="roof.md") + "\n"
    assert render_notices(data.principles["calm"], SETTINGS) == ""


def test_settings_problems_are_one_line_each() -> None:
    raw = {
        "a": {"text": "Fine.", "link": "x.md"},
        "b": {"text": "[x](javascript:alert(1))", "link": "x.md", "link_text": "y", "colour": "red"},
        "c": "just text",
    }
    notices, problems = parse_notices(raw, "site.yml")
    assert [n.id for n in notices] == ["b"] or notices == ()
    messages = sorted(str(p) for p in problems)
    assert any("extra.kb.notices.a.link_text': missing text" in m for m in messages)
    assert any("extra.kb.notices.b.colour': unknown field" in m for m in messages)
    assert any("extra.kb.notices.b.text': a script link" in m for m in messages)
    assert any("extra.kb.notices.c'" in m for m in messages)


def test_fixture_site_places_the_notice_by_principle_and_by_flag(plants: Path) -> None:
    site = build_site(plants / "docs", settings_of(plants))
    topic = site.pages["faq/watering.md"]
    assert topic.count("Pet check:") == 2  # both questions rest on 'water'
    assert site.pages["faq/light-and-place.md"].count("Pet check:") == 1  # 'north-window' names it
    assert site.pages["scenarios/yellow-leaves.md"].count("Pet check:") == 1
    assert "Pet check:" not in site.pages["scenarios/leggy.md"]
    assert site.notices("principles/water.md").count("Pet check:") == 1
    assert site.notices("principles/light.md") == ""


def test_an_unknown_notice_in_a_list_names_its_line(plants: Path) -> None:
    path = plants / "docs/faq/light.yml"
    path.write_text(path.read_text().replace("notices: [pet-check]", "notices:\n      - pet-check\n      - pets"))
    with pytest.raises(ContentError) as error:
        build_site(plants / "docs", settings_of(plants))
    assert str(error.value).startswith(
        "docs/faq/light.yml:12: faq 'north-window': field 'notices': unknown notice 'pets'"
    )


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [
        (
            "faq/light.yml",
            "notices: [pet-check]",
            "notices: [pet-chek]",
            "faq 'north-window': field 'notices': unknown notice 'pet-chek' (hint: did you mean 'pet-check'?)",
        ),
        (
            "../mkdocs.yml",
            "principles: [water]",
            "principles: [wter]",
            "field 'extra.kb.notices.pet-check.principles': unknown principle 'wter'",
        ),
        (
            "../mkdocs.yml",
            "link: principles/light.md",
            "link: ../mkdocs.yml",
            "field 'extra.kb.notices.pet-check.link': no page '../mkdocs.yml' under docs/",
        ),
    ],
)
def test_bad_references_stop_the_build(plants: Path, name: str, old: str, new: str, expected: str) -> None:
    path = plants / "docs" / name
    path.write_text(path.read_text().replace(old, new))
    with pytest.raises(ContentError) as error:
        build_site(plants / "docs", settings_of(plants))
    assert expected in str(error.value)
