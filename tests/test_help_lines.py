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


# A number written by hand in prose: "call 116 123", "text SHOUT to 85258", "call 911, 999 or 112".
HAND_NUMBER = re.compile(
    r"\b(?:call|text|ring|dial|phone|on)\s+(?:(?P<keyword>[A-Z]{2,})\s+to\s+)?"
    r"(?P<numbers>\+?\d[\d -]*\d(?:(?:,\s*|\s+or\s+)\+?\d[\d -]*\d)*)",
    re.I,
)


def hand_written_numbers() -> list[tuple[str, str, str]]:
    """(file, number, keyword) for every number typed into a page or content file, outside the help data."""
    found = []
    for path in sorted((ROOT / "docs").rglob("*")):
        if path.suffix not in (".md", ".yml") or path.parent.name in ("help", "checker"):
            continue
        for match in HAND_NUMBER.finditer(path.read_text()):
            for number in re.split(r",\s*|\s+or\s+", match["numbers"]):
                found.append((path.relative_to(ROOT).as_posix(), number.strip(), match["keyword"] or ""))
    return found


def test_numbers_typed_into_pages_match_the_help_data(help_lines) -> None:
    calls = {re.sub(r"\D", "", n) for line in help_lines for n in (line.call, line.text) if n}
    keywords = {(re.sub(r"\D", "", line.text), line.keyword.upper()) for line in help_lines if line.keyword}
    typed = hand_written_numbers()
    assert len(typed) >= 5  # the home page and the not-coping note still carry some; proves the scan sees them
    wrong = [t for t in typed if re.sub(r"\D", "", t[1]) not in calls]
    wrong += [t for t in typed if t[2] and (re.sub(r"\D", "", t[1]), t[2].upper()) not in keywords]
    assert wrong == []


# When to see a doctor, said the same way everywhere: several days of hardly eating or sleeping means
# a doctor within days; milder changes that last two weeks mean booking a visit.
CARE = re.compile(r"\b(doctor|therapist|GP|book a visit)\b", re.I)
DURATION = re.compile(
    r"\b(a few|few|several|a couple of|couple of|\d+|one|two|three|four|some|many|within|for|after)"
    r"\s+(days?|weeks?|months?)\b",
    re.I,
)
AGREED = {"several days", "within days", "two weeks"}


def prose_sentences() -> list[tuple[str, str]]:
    found = []
    for path in sorted((ROOT / "docs").rglob("*")):
        if path.suffix in (".md", ".yml") and path.parent.name not in ("help", "checker"):
            for sentence in re.split(r"(?<=[.!?])\s+|\n\s*\n", path.read_text()):
                found.append((path.relative_to(ROOT).as_posix(), " ".join(sentence.split())))
    return found


def test_doctor_thresholds_agree_on_every_page() -> None:
    about_care = [(file, s) for file, s in prose_sentences() if CARE.search(s) and DURATION.search(s)]
    assert len(about_care) >= 5  # get-help, when-it-hurts, the coping answers, the not-coping situation
    wrong = [
        (file, sentence)
        for file, sentence in about_care
        for match in DURATION.finditer(sentence)
        if f"{match[1]} {match[2]}".lower() not in AGREED
    ]
    assert wrong == []


def test_markers_are_all_expanded_and_the_help_page_lists_every_line(built_site: Path, help_lines) -> None:
    assert [p for p in pages(built_site) if "[[help-" in p.read_text()] == []
    help_page = (built_site / "get-help" / "index.html").read_text()
    table = help_page[help_page.index('<table class="kb-help-table">') :]
    for line in help_lines:
        assert line.service.replace("'", "&#39;") in table and line.source.replace("&", "&amp;") in table, line.id
    for src in ("faq/coping/index.html", "principles/self-care/when-it-hurts/index.html"):
        page = (built_site / src).read_text()
        assert 'class="kb-help-lines"' in page and "suicide" in page, src
