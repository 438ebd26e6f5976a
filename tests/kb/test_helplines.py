"""Help lines: schema problems in one line each, link forms, selection, markers and escaping."""

from pathlib import Path

import pytest

from kb.helplines import expand_markers, fragments, select, sms_href, tel_href
from kb.load import load_docs
from kb.model import HelpLine
from kb.problems import ContentError, Problem
from kb.settings import Settings
from kb.validate import validate

GOOD = """\
helplines:
  - id: plant-line
    service: Plant Line
    country: anywhere
    call: "+44 800 000"
    serves: [crisis]
    last_checked: "2026-12-01"
    source: https://example.org/plant-line
"""


def line(**fields: object) -> HelpLine:
    base: dict[str, object] = {
        "id": "leaf",
        "service": "Leaf Line",
        "country": "Testland",
        "serves": ("crisis",),
        "last_checked": "2026-12-01",
        "source": "https://example.org/",
    }
    return HelpLine(**{**base, **fields})  # type: ignore[arg-type]


def problems_with(plants: Path, text: str) -> list[Problem]:
    (plants / "docs" / "help.yml").write_text(text)
    records, problems = load_docs(plants / "docs", plants, "principles")
    return problems + validate(records, Settings.from_file(plants / "mkdocs.yml").sections)


def test_valid_help_lines_pass(plants: Path) -> None:
    assert problems_with(plants, GOOD) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            '    call: "+44 800 000"\n',
            "",
            "docs/help.yml:2: help line 'plant-line': field 'call': needs at least one of 'call', 'text', 'web'"
            " (hint: add 'call:' or another of them)",
        ),
        (
            '"+44 800 000"',
            '"call 0800"',
            "docs/help.yml:5: help line 'plant-line': field 'call': 'call 0800' is not in the right form"
            " (hint: digits with single spaces or hyphens, and an optional leading +, like '0808 2000 247')",
        ),
        (
            '"2026-12-01"',
            "2026-12-01",
            "docs/help.yml:7: help line 'plant-line': field 'last_checked': should be text, not date"
            " (hint: the date in quotes, like '2026-12-01')",
        ),
        (
            "https://example.org/plant-line",
            "javascript:alert(1)",
            "docs/help.yml:8: help line 'plant-line': field 'source': 'javascript:alert(1)' is not in the right form"
            " (hint: the full address (https:// or http://) of the page where you checked the number)",
        ),
        (
            "    serves: [crisis]\n",
            "    serves: [crisis]\n    keyword: HELLO\n",
            "docs/help.yml:2: help line 'plant-line': 'text' is a dependency of 'keyword'",
        ),
        (
            "    source: https://example.org/plant-line\n",
            "",
            "docs/help.yml:2: help line 'plant-line': field 'source': missing required field (hint: add 'source:')",
        ),
    ],
)
def test_bad_help_data_is_one_line_per_problem(plants: Path, old: str, new: str, expected: str) -> None:
    assert old in GOOD
    problems = problems_with(plants, GOOD.replace(old, new))
    assert [str(p) for p in problems] == [expected]


def test_tel_links_keep_digits_and_a_leading_plus() -> None:
    assert tel_href("116 123") == "tel:116123"
    assert tel_href("1-800-799-7233") == "tel:18007997233"
    assert tel_href("+44 808 2000 247") == "tel:+448082000247"


def test_sms_links_fill_in_the_keyword() -> None:
    assert sms_href("85258") == "sms:85258"
    assert sms_href("741741", "HOME") == "sms:741741?&body=HOME"


def test_select_by_urgency_tag_or_all() -> None:
    lines = [line(id="a", urgent=True), line(id="b", serves=("abuse", "men")), line(id="c")]
    assert [x.id for x in select(lines, "urgent")] == ["a"]
    assert [x.id for x in select(lines, "men")] == ["b"]
    assert [x.id for x in select(lines, "all")] == ["a", "b", "c"]


def test_markers_become_lists_and_tables() -> None:
    lines = [line(call="0800 1", text="555", keyword="LEAF", urgent=True)]
    page = expand_markers("Intro\n\n[[help-lines: urgent]]\n\nMiddle\n\n[[help-table: crisis]]\n", lines, "p.md")
    assert '<ul class="kb-help-lines">' in page and '<table class="kb-help-table">' in page
    assert 'call <a href="tel:08001">0800 1</a> or text <a href="sms:555?&amp;body=LEAF">LEAF to 555</a>' in page
    assert "Call <a" in page  # a table cell starts with a capital
    assert "[[" not in page


def test_a_marker_that_selects_nothing_stops_the_build() -> None:
    with pytest.raises(ContentError) as caught:
        expand_markers("Intro\n\n[[help-lines: ferns]]\n", [line()], "docs/p.md")
    assert str(caught.value) == (
        "docs/p.md:3: no help line matches 'ferns'"
        " (hint: use 'all', 'urgent' or a tag from 'serves:' in the help lines)"
    )


def test_every_value_is_escaped() -> None:
    hostile = line(service='A & B <b onclick="x">', country="<i>", urgent=True, banner=True, call="1")
    for html in fragments([hostile], {"crisis": "<u>Talk</u>"}, "mkdocs.yml").values():
        assert "<b" not in html and "<i>" not in html
        assert "A &amp; B &lt;b onclick=&#34;x&#34;&gt;" in html or "&lt;u&gt;Talk&lt;/u&gt;" in html


def test_the_bar_names_each_group_once() -> None:
    lines = [line(id="a", call="1", country="Here", banner=True), line(id="b", call="2", country="There", banner=True)]
    bar = fragments(lines, {"crisis": "Talk now"}, "mkdocs.yml")["bar"]
    assert bar.count("Talk now") == 1 and "Leaf Line" not in bar
    assert '<a href="tel:1">1</a> <span class="kb-bar-where">Here</span>' in bar


def test_a_bar_group_without_a_label_stops_the_build() -> None:
    with pytest.raises(ContentError) as caught:
        fragments([line(banner=True, call="1")], {}, "mkdocs.yml")
    assert str(caught.value) == (
        "mkdocs.yml: field 'extra.help.bar_groups': no help bar label for lines that serve 'crisis'"
        " (hint: add 'extra: help: bar_groups: crisis: ...')"
    )
