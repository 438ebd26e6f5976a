"""Every built page carries the urgent help list (a contract the checker's crisis panel relies on),
the help bar numbers and the quick exit, all matching docs/help/lines.yml."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

from kb.helplines import select, sms_href, tel_href
from kb.load import load_docs
from kb.model import HelpLine, build_content

from .conftest import ROOT

TEMPLATE = re.compile(r'<template id="kb-help-now">(.*?)</template>', re.S)


@pytest.fixture(scope="module")
def help_lines() -> tuple[HelpLine, ...]:
    records, problems = load_docs(ROOT / "docs", ROOT, "principles")
    assert problems == []
    return build_content(records).help_lines


class Items(HTMLParser):
    """The <li> items of a list: their text and their link targets."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[tuple[str, list[str]]] = []
        self.outer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "ul" and not self.outer:
            self.outer.append(dict(attrs).get("class") or "")
        elif tag == "li":
            self.items.append(("", []))
        elif tag == "a" and self.items:
            self.items[-1][1].append(dict(attrs).get("href") or "")

    def handle_data(self, data: str) -> None:
        if self.items:
            text, hrefs = self.items[-1]
            self.items[-1] = (text + data, hrefs)


def pages(site: Path) -> list[Path]:
    found = sorted(site.rglob("*.html"))
    assert len(found) > 50
    return found


def urgent_items(page: str) -> Items:
    (content,) = TEMPLATE.findall(page)
    parsed = Items()
    parsed.feed(content)
    return parsed


def expected_hrefs(line: HelpLine) -> list[str]:
    hrefs = [tel_href(line.call)] if line.call else []
    hrefs += [sms_href(line.text, line.keyword)] if line.text else []
    return hrefs + ([line.web] if line.web else [])


def test_every_page_has_one_urgent_list_that_matches_the_data(built_site: Path, help_lines) -> None:
    urgent = select(help_lines, "urgent")
    assert len(urgent) >= 8
    for path in pages(built_site):
        parsed = urgent_items(path.read_text())
        assert parsed.outer == ["kb-help-now"], path
        *lines, last = parsed.items
        assert len(lines) == len(urgent), path
        for (text, hrefs), line in zip(lines, urgent, strict=True):
            assert line.service in text and line.country in text, (path, text)
            assert hrefs == expected_hrefs(line), (path, text)
        assert urljoin(f"/{path.relative_to(built_site).as_posix()}", last[1][0]) == "/get-help/", path


def test_urgent_list_starts_with_emergency_services_and_reaches_every_region(help_lines) -> None:
    urgent = select(help_lines, "urgent")
    emergency = [line for line in urgent if "emergency" in line.serves]
    assert urgent[: len(emergency)] == emergency and emergency
    names = " ".join(f"{line.service} {line.country}" for line in urgent)
    for needed in ("988", "Samaritans", "Shout", "Crisis Text Line", "Australia", "New Zealand", "anywhere"):
        assert needed in names
    assert urgent[-1].web.startswith("https://findahelpline.com")


def test_links_are_well_formed(built_site: Path) -> None:
    for path in pages(built_site):
        page = path.read_text()
        for href in re.findall(r'href="(tel:[^"]*)"', page):
            assert re.fullmatch(r"tel:\+?\d+", href), (path, href)
        for href in re.findall(r'href="(sms:[^"]*)"', page):
            assert re.fullmatch(r"sms:\d+(\?&amp;body=[A-Za-z0-9]+)?", href), (path, href)


def test_every_page_shows_the_bar_numbers_and_the_quick_exit(built_site: Path, help_lines) -> None:
    banner = [line for line in help_lines if line.banner]
    assert banner
    for path in pages(built_site):
        page = path.read_text()
        bar = page[page.index('<div class="kb-help-bar">') : page.index("</div>", page.index("kb-help-bar"))]
        for line in banner:
            assert f'href="{tel_href(line.call)}">{line.call}</a>' in bar, (path, line.id)
        assert 'class="kb-quick-exit" href="https://' in bar, path


def test_footer_lists_the_urgent_lines(built_site: Path, help_lines) -> None:
    home = (built_site / "index.html").read_text()
    footer = home[home.index('<ul class="kb-footer-lines">') :]
    for line in select(help_lines, "urgent"):
        assert line.service in footer.split("</ul>")[0]


def test_every_line_records_where_and_when_it_was_checked(help_lines) -> None:
    for line in help_lines:
        assert line.source.startswith(("https://", "http://")) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", line.last_checked)
