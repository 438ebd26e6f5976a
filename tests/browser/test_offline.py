"""OFFLINE=true builds a folder that works from file://: navigation, search and the tools."""

from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from ..support.search import links, open_search, search, wait_for_results


def open_from_disk(browser: Browser, path: Path) -> tuple[Page, list[str]]:
    page = browser.new_page()
    foreign: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(("file:", "data:", "blob:")) else foreign.append(r.url))
    page.goto(path.as_uri())
    return page, foreign


def test_offline_build_navigates_and_searches_from_disk(browser: Browser, offline_site: Path) -> None:
    page, foreign = open_from_disk(browser, offline_site / "index.html")
    page.locator("article a[href$='faq/index.html']").first.click()
    expect(page).to_have_url((offline_site / "faq/index.html").as_uri())
    open_search(page)
    hrefs = search(page, "blocked", key_by_key=True)
    assert hrefs and ".html" in hrefs[0], hrefs
    assert foreign == []
    page.close()


def test_offline_checker_marks_a_draft(browser: Browser, offline_site: Path) -> None:
    page, foreign = open_from_disk(browser, offline_site / "tools/checker.html")
    page.locator("#ck-draft").press_sequentially("I miss you so much. Please give us one more chance.")
    expect(page.locator(".ck-group").first).to_be_visible()
    assert foreign == []
    page.close()


def test_offline_home_search_form_shows_results(browser: Browser, offline_site: Path) -> None:
    page, foreign = open_from_disk(browser, offline_site / "index.html")
    page.locator("#kb-home-query").fill("blocked")
    page.locator("#kb-home-query").press("Enter")
    page.wait_for_url("**q=blocked**")
    wait_for_results(page, "blocked")
    assert links(page), "the home form opened no results"
    assert page.url.startswith((offline_site / "index.html").as_uri())
    assert foreign == []
    page.close()
