"""Every built page, opened in a real browser, asks no other host for anything and sets no cookie;
what the privacy page says searches leave in the address bar is true."""

from pathlib import Path

from playwright.sync_api import Page

from .conftest import RequestLog


def test_every_page_stays_on_the_site(page: Page, server: str, built_site: Path, requests_log: RequestLog) -> None:
    pages = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        page.goto(server + path.removesuffix("index.html"), wait_until="load")
    page.wait_for_load_state("networkidle")
    assert len(requests_log.requests) >= len(pages)
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
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("panic")
    link = page.locator('.md-search-result__item > a.md-search-result__link[href*="h=panic"]').first
    link.wait_for(timeout=30_000)
