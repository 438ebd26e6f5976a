"""Search on a phone (the search overlay), across instant navigation (for a site that turns it on) and in the
offline build."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, expect

from ..support.search import SEARCH_INPUT, open_search, ranked, search

FIRST = ".md-search-result__item:first-child a.md-search-result__link"


def search_and_go(page: Page, query: str) -> str:
    """Search key by key, as a reader does, press Enter and wait to arrive where the best result points."""
    search(page, query, key_by_key=True)
    href = ranked(page)[0]  # where Enter goes: the first result's best-scoring link, as Material picks it
    page.locator(SEARCH_INPUT).press("Enter")
    # Instant navigation, where a site turns it on, swaps the page without a load event: watch the address.
    target = urlsplit(href)
    page.wait_for_function(
        "([path, hash]) => location.pathname === path && location.hash === hash",
        arg=[target.path, f"#{target.fragment}" if target.fragment else ""],
    )
    return href


def test_search_works_in_the_phone_overlay(page: Page, server: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(server)
    box = page.locator(SEARCH_INPUT)
    expect(box).not_to_be_in_viewport()
    page.locator("label[for='__search']").first.click()
    expect(box).to_be_in_viewport()
    expect(box).to_be_focused()
    search(page, "kids", key_by_key=True)
    expect(page.locator(FIRST).first).to_be_in_viewport()
    # The overlay slides in, so wait for it to settle; a real overflow never does.
    page.wait_for_function(
        "() => Math.max(...[...document.querySelectorAll('.md-search-result__item')]"
        ".map(item => item.getBoundingClientRect().right)) <= innerWidth",
        timeout=5_000,
    )
    href = search_and_go(page, "kids")
    assert "/scenarios/shared-children/" in href or "/faq/special-situations/" in href


def test_search_keeps_working_across_instant_navigation(page: Page, instant_server: str) -> None:
    page.goto(instant_server)
    page.evaluate("window.__sameDocument = true")
    open_search(page)
    assert "#left-on-read" in search_and_go(page, "he left me on read")
    assert page.evaluate("window.__sameDocument === true"), "the page reloaded: instant navigation did not run"
    open_search(page)
    assert "block" in search_and_go(page, "why did she block me")
    assert page.evaluate("window.__sameDocument === true")


def test_the_offline_build_searches_with_the_tuning(browser: Browser, offline_site: Path) -> None:
    assert "title_synonyms" in (offline_site / "search/search_index.js").read_text()
    page = browser.new_page()
    page.goto((offline_site / "index.html").as_uri())
    open_search(page)
    assert "#left-on-read" in search_and_go(page, "he left me on read")
    page.close()
