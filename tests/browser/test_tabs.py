"""The shared tabs of tests/support/tabs.py: a test after another starts with nothing stored."""

from playwright.sync_api import Page

from ..support.tabs import Tabs

STORE = """() => new Promise((done) => {
  localStorage.setItem("left", "behind");
  document.cookie = "left=behind; path=/";
  const open = indexedDB.open("left-behind");
  open.onsuccess = () => { open.result.close(); done(); };
})"""
FOUND = """async () => [localStorage.length, document.cookie, (await indexedDB.databases()).map((db) => db.name)]"""


def test_the_next_tab_finds_nothing_the_last_one_stored(desktop_tabs: Tabs, server: str) -> None:
    tab = desktop_tabs.open()
    tab.goto(server + "privacy/")
    tab.evaluate(STORE)
    assert tab.evaluate(FOUND)[1:] == ["left=behind", ["left-behind"]]
    stored = tab.evaluate("localStorage.length")
    tab.close()
    desktop_tabs.reset()
    tab = desktop_tabs.open()
    try:
        tab.goto(server + "privacy/")
        assert tab.evaluate(FOUND) == [stored - 1, "", []]  # the page may store its own key again
    finally:
        tab.close()
        desktop_tabs.reset()


def test_a_test_that_logs_requests_has_a_context_of_its_own(
    page: Page, requests_log: object, desktop_tabs: Tabs
) -> None:
    assert page.context is not desktop_tabs.context
