"""Both tools, used with the keyboard alone from the top of the page, then checked by axe-core.

Each control is reached with Tab (never clicked or focused by script), must look different
when focused, and works with Enter or Space. The states the tools reach this way (results,
history) only exist after input, so axe runs on them here: every rule in light, the colour rules in dark.
"""

from __future__ import annotations

from datetime import date, timedelta

from playwright.sync_api import Page, expect

from .test_accessibility import in_both_schemes

CHECKER = "tools/checker/"
COUNTER = "tools/counter/"
# What changes on screen when a control takes focus.
FOCUS_STYLE = """el => { const s = getComputedStyle(el);
  return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor, s.color, s.borderColor]
    .join(" | "); }"""


def tab_to(page: Page, selector: str, key: str = "Tab", limit: int = 150) -> None:
    """Press Tab until the element matching ``selector`` has focus; fail if it never does."""
    target = page.locator(selector)
    unfocused = target.evaluate(FOCUS_STYLE)
    for _ in range(limit):
        page.keyboard.press(key)
        if target.evaluate("el => el === document.activeElement"):
            assert target.evaluate(FOCUS_STYLE) != unfocused, f"{selector} shows no sign of focus"
            return
    raise AssertionError(f"{selector} not reached after {limit} presses of {key}")


def no_violations_in_both_schemes(page: Page, label: str) -> None:
    found = in_both_schemes(page, label)
    assert found == [], "\n".join(found)


def test_checker_by_keyboard(page: Page, server: str) -> None:
    page.goto(server + CHECKER)
    expect(page.locator(".ck")).to_be_visible()
    tab_to(page, "#ck-draft")
    page.keyboard.type("I miss you so much. Please give me one more chance.")
    expect(page.locator(".ck-group").first).to_be_visible()
    tab_to(page, ".ck-check")
    page.keyboard.press("Enter")
    expect(page.locator(".ck-status")).not_to_be_empty()
    tab_to(page, "[data-act=letter]")
    tab_to(page, "[data-act=wipe]")
    tab_to(page, ".ck-group:first-child a")  # the advice links in the results come next, in reading order
    no_violations_in_both_schemes(page, "checker with results")
    tab_to(page, "[data-act=wipe]", key="Shift+Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#ck-draft")).to_have_value("")
    expect(page.locator(".ck-status")).to_contain_text("Deleted")
    assert page.evaluate("document.activeElement.id") == "ck-draft", "focus should return to the empty draft"
    tab_to(page, ".ck .tool-undo")  # the draft comes back for a few seconds
    page.keyboard.press("Enter")
    expect(page.locator("#ck-draft")).to_have_value("I miss you so much. Please give me one more chance.")


def test_counter_by_keyboard(page: Page, server: str) -> None:
    page.goto(server + COUNTER)
    expect(page.locator(".nc")).to_be_visible()
    tab_to(page, "#nc-date")
    start = date.today() - timedelta(days=10)
    page.keyboard.type(start.strftime("%m%d%Y"))  # Chromium's en-US date field: month, day, year
    expect(page.locator("#nc-date")).to_have_value(start.isoformat())
    tab_to(page, "[data-act=set]")
    page.keyboard.press("Enter")
    expect(page.locator(".nc-days")).to_contain_text("10 days since")
    tab_to(page, "#nc-hide")
    page.keyboard.press("Space")
    expect(page.locator(".nc-days")).to_contain_text("hidden")
    page.keyboard.press("Space")
    expect(page.locator(".nc-days")).to_contain_text("10 days")
    tab_to(page, "[data-act=slip]")
    page.keyboard.press("Enter")
    expect(page.locator(".nc-past li")).to_have_count(1)
    expect(page.locator(".nc-days")).to_contain_text("0 days")
    no_violations_in_both_schemes(page, "counter with history")
    tab_to(page, "[data-act=delete]")
    page.keyboard.press("Enter")
    expect(page.locator(".nc-note")).to_contain_text("Deleted")
    expect(page.locator(".nc-past")).to_be_hidden()
