"""The no-contact counter in a real browser: its state lives in localStorage and survives a reload,
odd stored state, time-zone changes and daylight saving."""

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page, expect

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


def test_a_slip_keeps_the_history_the_longest_stretch_and_the_total(page: Page, server: str) -> None:
    """Counter data saved before the counter forgave (same shape, no longest or total) keeps every day."""
    earlier = {"from": "2026-01-01", "to": "2026-01-21", "days": 20}
    start_day = (date.today() - timedelta(days=12)).isoformat()
    visit_with_stored(page, server, json.dumps({"start": start_day, "hidden": False, "past": [earlier]}))
    sums = page.locator(".nc-sums")
    expect(sums).to_have_text("Your longest stretch: 20 days. Days without contact in all: 32 days.")
    what_now = page.get_by_role("link", name="What to do after you broke no contact")
    expect(what_now).to_be_hidden()
    page.get_by_role("button", name="I had contact, log it").click()
    expect(page.locator(".nc-days")).to_have_text("0 days since your last contact.")
    expect(page.locator(".nc-note")).to_contain_text("does not wipe anything out")
    expect(sums).to_have_text("Your longest stretch: 20 days. Days without contact in all: 32 days.")
    expect(what_now).to_be_visible()
    assert (what_now.get_attribute("href") or "").endswith("scenarios/broke-no-contact/")
    page.reload()
    history = page.locator(".nc-past li")
    expect(history).to_have_count(2)
    expect(history.first).to_contain_text("12 days, from")
    assert [p["days"] for p in stored(page)["past"]] == [12, 20]
    page.get_by_label("Hide the numbers").check()
    expect(page.locator(".nc-result")).not_to_contain_text("20 days")


def test_hide_the_number(page: Page, server: str) -> None:
    start(page, server, 3)
    page.get_by_label("Hide the numbers").check()
    expect(page.locator(".nc-days")).to_have_text("The numbers are hidden. The count is still running.")
    page.reload()
    expect(page.get_by_label("Hide the numbers")).to_be_checked()
    expect(page.locator(".nc-result")).not_to_contain_text("3 days")


def test_future_date_is_refused(page: Page, server: str) -> None:
    start(page, server, -2)
    expect(page.locator(".nc-note")).to_contain_text("in the future")
    assert stored(page) is None


def test_export_and_delete(page: Page, server: str, tmp_path: Path) -> None:
    start(page, server, 5)
    page.get_by_role("button", name="I had contact, log it").click()
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
    page.get_by_role("button", name="Undo").click()  # a few seconds to change your mind
    expect(page.locator(".nc-past li")).to_have_count(1)
    assert stored(page)["past"][0]["days"] == 5
    page.get_by_role("button", name="Delete my data").click()
    assert stored(page) is None
    page.reload()
    expect(page.locator(".nc-days")).to_contain_text("Choose the date")
    expect(page.locator(".nc-past")).to_be_hidden()


def visit_with_stored(page: Page, server: str, value: str) -> None:
    page.goto(server + COUNTER)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, value])
    page.reload()


@pytest.mark.parametrize(
    "value",
    ["not json", "null", "5", '"2026-01-02"', "[]", '{"past": 7}', '{"start": 12}', '{"start": "2026-02-30"}'],
)
def test_unreadable_stored_state_never_blanks_the_counter(page: Page, server: str, value: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    visit_with_stored(page, server, value)
    expect(page.locator(".nc-days")).to_have_text("Choose the date of your last contact to start counting.")
    start(page, server, 4)
    expect(page.locator(".nc-days")).to_have_text("4 days since your last contact.")
    assert errors == []


def test_what_can_be_read_is_kept(page: Page, server: str) -> None:
    good = {"from": "2026-01-01", "to": "2026-01-11", "days": 10}
    stretches = [None, "x", {"from": "2026-13-01", "to": "2026-01-11"}, good, {"from": "2025-12-01", "to": 3}]
    start_day = (date.today() - timedelta(days=2)).isoformat()
    visit_with_stored(page, server, json.dumps({"start": start_day, "hidden": "yes", "past": stretches}))
    expect(page.locator(".nc-days")).to_have_text("2 days since your last contact.")
    expect(page.locator(".nc-note")).to_contain_text("could not be read")
    expect(page.locator(".nc-past li")).to_have_count(1)
    expect(page.locator(".nc-past li")).to_contain_text("10 days, from")
    assert json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))["past"] == stretches  # untouched until a save


def test_a_stored_date_after_today_counts_zero(page: Page, server: str) -> None:
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    visit_with_stored(page, server, json.dumps({"start": tomorrow, "past": []}))
    expect(page.locator(".nc-days")).to_have_text("0 days since your last contact.")
    page.get_by_role("button", name="I had contact, log it").click()
    expect(page.locator(".nc-past li")).to_have_count(0)  # no stretch of "-1 days"
    assert stored(page)["start"] == date.today().isoformat()


def local_today(zone: str) -> date:
    return datetime.now(ZoneInfo(zone)).date()


def test_travelling_west_after_saving_today_never_goes_negative(browser: Browser, server: str) -> None:
    """Saved as today at UTC+14, opened at UTC-11, where it is still one or two days earlier."""
    ahead = browser.new_context(timezone_id="Pacific/Kiritimati")
    page = ahead.new_page()
    page.goto(server + COUNTER)
    page.locator("#nc-date").fill(local_today("Pacific/Kiritimati").isoformat())
    page.get_by_role("button", name="Save date").click()
    expect(page.locator(".nc-days")).to_have_text("0 days since your last contact.")
    state = ahead.storage_state()
    ahead.close()
    behind = browser.new_context(timezone_id="Pacific/Pago_Pago", storage_state=state)
    try:
        page = behind.new_page()
        page.goto(server + COUNTER)
        expect(page.locator(".nc-days")).to_have_text("0 days since your last contact.")
        page.get_by_label("Hide the numbers").check()
        page.get_by_label("Hide the numbers").uncheck()
        expect(page.locator(".nc-days")).to_have_text("0 days since your last contact.")
    finally:
        behind.close()


@pytest.mark.parametrize(
    ("now", "start_day", "expected"),
    [
        ("2026-03-08T12:00:00-04:00", "2026-03-07", "1 day"),  # the 23-hour day clocks spring forward
        ("2026-03-09T00:30:00-04:00", "2026-03-01", "8 days"),
        ("2026-11-01T23:30:00-05:00", "2026-10-31", "1 day"),  # the 25-hour day clocks fall back
        ("2026-11-02T00:10:00-05:00", "2026-10-01", "32 days"),
    ],
)
def test_days_across_daylight_saving_changes(
    browser: Browser, server: str, now: str, start_day: str, expected: str
) -> None:
    context = browser.new_context(timezone_id="America/New_York")
    try:
        page = context.new_page()
        page.clock.set_fixed_time(datetime.fromisoformat(now))
        visit_with_stored(page, server, json.dumps({"start": start_day, "past": []}))
        expect(page.locator(".nc-days")).to_have_text(f"{expected} since your last contact.")
    finally:
        context.close()


# Only shifts of the counter's own parts count: the page around it is Material's and is measured elsewhere.
SHIFTS = """window.shifted = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries())
    if (!e.hadRecentInput && e.sources.some((s) => s.node?.closest?.(".nc"))) shifted += e.value;
}).observe({ type: "layout-shift", buffered: true });"""


@pytest.mark.parametrize("width", [390, 1280])
def test_nothing_moves_when_the_counter_starts(page: Page, server: str, width: int) -> None:
    """The script's first line and the date field's width are in the page already, so its start shifts nothing."""
    page.set_viewport_size({"width": width, "height": 844})
    page.add_init_script(SHIFTS)
    page.goto(server + COUNTER)
    expect(page.locator(".nc-days")).to_have_text("Choose the date of your last contact to start counting.")
    page.wait_for_function("document.querySelector('#nc-date').max !== '9999-12-31'")  # the script has run
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    assert page.evaluate("shifted") == 0
