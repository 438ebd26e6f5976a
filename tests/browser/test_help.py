"""Help a reader can reach at once: numbers on the first phone screen, the help bar at both widths,
and the quick exit (click, keyboard shortcut and no-JS link) leaving without a trace in Back."""

from __future__ import annotations

import yaml
from playwright.sync_api import Browser, Page, Route, expect

from ..conftest import ROOT
from .test_keyboard import tab_to

EXIT_URL = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)["extra"]["help"]["exit_url"]
PHONE = {"width": 390, "height": 844}
EXIT = "a.kb-quick-exit"


def neutral_page(route: Route) -> None:
    """Stands in for the neutral site, so no request leaves this machine."""
    route.fulfill(status=200, content_type="text/html", body="<title>Weather</title><p>Weather</p>")


def open_page(page: Page, url: str) -> int:
    """Open ``url`` after one other page, so Back has somewhere to go; return history.length."""
    page.route(f"{EXIT_URL.rstrip('/')}**", neutral_page)
    page.goto(url + "privacy/")
    page.goto(url + "get-help/")
    return page.evaluate("history.length")


def test_a_number_to_tap_on_the_first_phone_screen(phone: Page, server: str) -> None:
    phone.goto(server + "get-help/")
    first = phone.locator('.md-content a[href^="tel:"]').first
    box = first.bounding_box()
    assert box is not None and box["y"] + box["height"] < PHONE["height"], box
    assert phone.locator('.md-content a[href^="sms:"]').count() >= 3


def test_help_bar_shows_numbers_on_wide_screens_and_one_tap_on_phones(page: Page, phone: Page, server: str) -> None:
    page.goto(server)
    expect(page.locator('.kb-announce__numbers a[href^="tel:"]').first).to_be_visible()
    phone.goto(server)
    expect(phone.locator(".kb-announce__numbers")).to_be_hidden()
    link = phone.locator(".kb-announce__link")
    expect(link).to_be_visible()
    link.click()
    expect(phone).to_have_url(server + "get-help/")
    expect(phone.locator('.md-content a[href^="tel:"]').first).to_be_in_viewport()


def test_quick_exit_click_replaces_this_page(page: Page, server: str) -> None:
    before = open_page(page, server)
    page.locator(EXIT).click()
    expect(page).to_have_url(EXIT_URL)
    assert page.evaluate("history.length") == before  # replaced, not pushed: Back skips the help page
    page.go_back()
    expect(page).to_have_url(server + "privacy/")


def test_quick_exit_by_keyboard_tab_and_enter(page: Page, server: str) -> None:
    before = open_page(page, server)
    tab_to(page, EXIT)
    page.keyboard.press("Enter")
    expect(page).to_have_url(EXIT_URL)
    assert page.evaluate("history.length") == before


def test_escape_twice_leaves_and_once_only_closes_search(page: Page, server: str) -> None:
    before = open_page(page, server)
    page.locator("input.md-search__input").click()
    expect(page.locator("#__search")).to_be_checked()
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()
    page.wait_for_timeout(1000)  # a second press this late is a new first press
    page.keyboard.press("Escape")
    expect(page).to_have_url(server + "get-help/")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    expect(page).to_have_url(EXIT_URL)
    assert page.evaluate("history.length") == before


def test_quick_exit_without_javascript_is_a_plain_link(browser: Browser, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        open_page(page, server)
        link = page.locator(EXIT)
        assert link.get_attribute("href") == EXIT_URL
        link.click()
        expect(page).to_have_url(EXIT_URL)
    finally:
        context.close()
