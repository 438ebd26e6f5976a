"""The sidebar stays small as sections grow, and situations keep one order everywhere."""

import posixpath
import re
from pathlib import Path

import yaml

from kb.adapters import sidebar

from .conftest import ROOT
from .page_parts import article, primary_nav

HREF = re.compile(r'href="([^"#:]*)"')
NEXT = re.compile(r'href="([^"]*)" class="md-footer__link md-footer__link--next"')


def targets(html: str, page: str) -> list[str]:
    """Site paths that ``html``, found on the page at ``page`` (like 'scenarios/x/'), links to."""
    return [posixpath.normpath(posixpath.join(page, href)) + "/" for href in HREF.findall(html)]


def situations_in(html: str, page: str) -> list[str]:
    return [path for path in targets(html, page) if re.fullmatch(r"scenarios/[a-z0-9-]+/", path)]


def sidebar_of(site: Path, page: str) -> str:
    return primary_nav((site / page / "index.html").read_text())


def listed(site: Path) -> list[str]:
    """The situations on their index page, in its order."""
    return situations_in(article((site / "scenarios/index.html").read_text()), "scenarios/")


def test_a_large_section_shows_its_index_and_the_page_being_read(built_site: Path) -> None:
    pages = listed(built_site)
    assert len(pages) > sidebar.LIMIT
    for page in pages:
        shown = sidebar_of(built_site, page)
        assert situations_in(shown, page) == [page]
        assert "scenarios/" in targets(shown, page)  # the index, which lists them all
    for page in ("", "faq/", "scenarios/"):
        assert situations_in(sidebar_of(built_site, page), page) == [], page


def test_situations_share_one_order_a_to_z_by_title(built_site: Path) -> None:
    files = sorted((ROOT / "docs/scenarios").glob("*.yml"))
    titles = {
        f"scenarios/{entry['id']}/": entry["title"]
        for path in files
        for entry in yaml.safe_load(path.read_text())["scenarios"]
    }
    pages = listed(built_site)
    assert pages == sorted(titles, key=lambda page: titles[page].lower())
    following = []
    for page in pages[:-1]:
        match = NEXT.search((built_site / page / "index.html").read_text())
        following.append(targets(f'href="{match.group(1)}"', page)[0] if match else None)
    assert following == pages[1:]


def test_the_link_to_the_page_being_read_is_marked_for_screen_readers(built_site: Path) -> None:
    for page in ("", "faq/", "scenarios/", f"{listed(built_site)[0]}", "tools/checker/"):
        current = re.findall(r'<a href="([^"]*)" class="([^"]*)" aria-current="page"', sidebar_of(built_site, page))
        assert len(current) == 1, page
        href, classes = current[0]
        assert "md-nav__link--active" in classes.split(), page
        assert targets(f'href="{href}"', page) == [page or "./"], page
