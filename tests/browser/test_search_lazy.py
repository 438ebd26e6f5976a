"""Search loads when the reader starts to search: a page view alone fetches neither worker nor index."""

import re

from playwright.sync_api import Page, expect

from ..support.search import SEARCH_INPUT, search
from .conftest import RequestLog

FULL_INDEX = re.compile(r"/search/search_index\.[0-9a-f]{8}\.json$")
WORKER = re.compile(r"/workers/search\.[0-9a-f]{8}\.min\.js$")


def loaded(log: RequestLog) -> list[str]:
    return [url for url in log.requests if FULL_INDEX.search(url) or WORKER.search(url)]


def test_the_search_key_starts_search_and_finds_results(page: Page, server: str, requests_log: RequestLog) -> None:
    page.goto(server + "faq/")
    page.wait_for_load_state("networkidle")
    assert loaded(requests_log) == []
    page.keyboard.press("/")  # Material's search key focuses the search box
    expect(page.locator(SEARCH_INPUT)).to_be_focused()
    assert search(page, "blocked", key_by_key=True), "no results"
    assert len(loaded(requests_log)) == 2
