"""One page of each type, opened in a real browser and searched from, asks no other host for
anything and sets no cookie (tests/test_privacy.py reads every built page for the same); what the
privacy page says searches leave in the address bar is true."""

from pathlib import Path

from playwright.sync_api import Page

from ..support.search import open_search, search, wait_for_results
from ..support.site import page_types
from .conftest import RequestLog


def test_every_page_type_stays_on_the_site(page: Page, server: str, built_site: Path, requests_log: RequestLog) -> None:
    pages = page_types(built_site)
    for path in pages.values():
        page.goto(server + path)
        page.wait_for_load_state("networkidle")  # what scripts fetch after the load event counts too
    open_search(page)
    assert search(page, "silence")
    page.wait_for_load_state("networkidle")
    assert len(requests_log.requests) >= 2 * len(pages), "the request log saw too little to prove anything"
    assert any("search_index" in url for url in requests_log.requests), "the search index was never fetched"
    assert requests_log.foreign() == []
    assert page.context.cookies() == []


def test_what_the_privacy_page_says_searches_leave_is_true(page: Page, server: str, built_site: Path) -> None:
    """The privacy page warns that searches show in addresses; both ways of searching really do that."""
    said = (built_site / "privacy" / "index.html").read_text()
    assert "?q=" in said and "IP address" in said
    page.goto(server)
    page.locator(".kb-home-search input").fill("panic attack")
    page.locator(".kb-home-search button").click()
    page.wait_for_url("**q=panic+attack**")
    wait_for_results(page, "panic attack")
    open_search(page)
    hrefs = search(page, "panic", key_by_key=True)
    assert any("h=panic" in href for href in hrefs), hrefs
