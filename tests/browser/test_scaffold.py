"""The starter site's tools work in a real browser: its checker answers a draft and its counter starts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from ..support.server import serve
from ..test_scaffold import run_readme_block


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site the README's own commands make, built and served."""
    with serve(run_readme_block(tmp_path_factory.mktemp("starter")) / "site") as url:
        yield url


@pytest.fixture
def tab(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_the_starters_checker_answers_and_its_counter_starts(starter: str, tab: Page) -> None:
    """Policy violations fail it too (the autouse check in conftest.py)."""
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(f"{starter}tools/checker/")
    tab.locator(".ck[data-ready]").wait_for()
    tab.fill("#ck-draft", "Nothing ever works out for me, and it never changes.")
    tab.click(".ck-check")
    expect(tab.locator(".ck-status")).to_contain_text("All in all, this message asks the reader")
    expect(tab.locator(".ck-marked mark")).to_have_text(["Nothing ever", "never changes"])
    tab.goto(f"{starter}tools/counter/")
    tab.fill("#nc-date", "2026-01-01")
    tab.click("[data-act=set]")
    expect(tab.locator(".nc-days")).to_contain_text("so far")
    assert errors == [], "no script errors"
