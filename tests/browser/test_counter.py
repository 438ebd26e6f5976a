"""The no-contact counter in a real browser: its state lives in localStorage and survives a reload."""

import json
from datetime import date, timedelta
from pathlib import Path

from playwright.sync_api import Page, expect

COUNTER = "tools/counter/"
KEY = "unsent:/:counter"  # namespaced by the site path (assets/storage.js)


def start(page: Page, server: str, days_ago: int) -> None:
    page.goto(server + COUNTER)
    page.locator("#nc-date").fill((date.today() - timedelta(days=days_ago)).isoformat())
    page.get_by_role("button", name="Save date").click()


def stored(page: Page) -> dict | None:
    value = page.evaluate(f"localStorage.getItem('{KEY}')")
    return json.loads(value) if value else None


def test_count_and_milestone_survive_reload(page: Page, server: str) -> None:
    start(page, server, 10)
    days = page.locator(".nc-days")
    expect(days).to_have_text("10 days since your last contact.")
    expect(page.locator(".nc-note")).to_contain_text("One week.")
    page.reload()
    expect(days).to_have_text("10 days since your last contact.")
    expect(page.locator("#nc-date")).to_have_value((date.today() - timedelta(days=10)).isoformat())


def test_start_again_keeps_the_history(page: Page, server: str) -> None:
    start(page, server, 12)
    page.get_by_role("button", name="I broke it, start again").click()
    expect(page.locator(".nc-days")).to_have_text("0 days since your last contact.")
    expect(page.locator(".nc-note")).to_contain_text("the days you had still count")
    page.reload()
    history = page.locator(".nc-past li")
    expect(history).to_have_count(1)
    expect(history.first).to_contain_text("12 days, from")
    assert stored(page)["past"][0]["days"] == 12


def test_hide_the_number(page: Page, server: str) -> None:
    start(page, server, 3)
    page.get_by_label("Hide the number").check()
    expect(page.locator(".nc-days")).to_have_text("The number is hidden. The count is still running.")
    page.reload()
    expect(page.get_by_label("Hide the number")).to_be_checked()
    expect(page.locator(".nc-result")).not_to_contain_text("3 days")


def test_future_date_is_refused(page: Page, server: str) -> None:
    start(page, server, -2)
    expect(page.locator(".nc-note")).to_contain_text("in the future")
    assert stored(page) is None


def test_export_and_delete(page: Page, server: str, tmp_path: Path) -> None:
    start(page, server, 5)
    page.get_by_role("button", name="I broke it, start again").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Export my data").click()
    saved = tmp_path / "export.json"
    download.value.save_as(saved)
    exported = json.loads(saved.read_text())
    assert exported["start"] == date.today().isoformat()
    assert exported["past"][0]["days"] == 5
    page.get_by_role("button", name="Delete my data").click()
    expect(page.locator(".nc-note")).to_contain_text("Deleted")
    assert stored(page) is None
    page.reload()
    expect(page.locator(".nc-days")).to_contain_text("Choose the date")
    expect(page.locator(".nc-past")).to_be_hidden()
