"""Search loads when the reader starts to search: a page view alone fetches neither worker nor index.

Then the worker and a small first index (titles and tags) load side by side, and the full index
after them, built in a second worker that answers once it is ready.
"""

import json
import re
from pathlib import Path

from playwright.sync_api import Page, expect

from kb.searchtune import lazy

from ..support.search import SEARCH_INPUT, search
from .conftest import RequestLog

INDEX = re.compile(r"/search/search_index\.[0-9a-f]{8}\.json$")
WORKER = re.compile(r"/workers/search\.[0-9a-f]{8}\.min\.js$")


def loaded(log: RequestLog) -> list[str]:
    """File names of the indexes and workers requested, in order."""
    return [url.rsplit("/", 1)[1] for url in log.requests if INDEX.search(url) or WORKER.search(url)]


def test_the_search_key_starts_search_and_finds_results(
    page: Page, server: str, requests_log: RequestLog, built_site: Path
) -> None:
    config = json.loads((built_site / lazy.INDEX).read_text())["config"]
    page.goto(server + "faq/")
    page.wait_for_load_state("networkidle")
    assert loaded(requests_log) == []
    page.keyboard.press("/")  # Material's search key focuses the search box
    expect(page.locator(SEARCH_INPUT)).to_be_focused()
    # A word only in the text of answers, which the small index does not hold: the full one answers.
    assert search(page, "lonely", key_by_key=True), "no results"
    requested = loaded(requests_log)
    worker = next(name for name in requested if WORKER.search("/workers/" + name))
    # The second worker runs the same file, which the browser has by then.
    assert sorted(requested[:2]) == sorted((config["first"], worker)) and requested[2:] == [config["full"], worker]
