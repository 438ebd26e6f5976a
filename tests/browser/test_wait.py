"""'Wait it out' in a real browser: the timer runs on the page's clock, the breathing pace follows
the reader's motion setting, sound plays only when asked, and reasons are kept only when ticked."""

from datetime import datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

WAIT = "tools/wait/"
KEY = "unsent:/:wait.reasons"
NIGHT = datetime(2026, 12, 2, 2, 0, 0)
# Counts AudioContexts the page makes: none may exist unless the reader asks for sound.
COUNT_AUDIO = """(() => { window.audioMade = 0; const Real = window.AudioContext;
  window.AudioContext = class extends Real { constructor(...a) { super(...a); window.audioMade++; } }; })()"""


@pytest.fixture
def page(fresh_page: Page) -> Page:
    """A page's clock belongs to its context, so each test here has a context of its own."""
    return fresh_page


def test_the_timer_runs_halfway_to_done_and_offers_next_steps(page: Page, server: str) -> None:
    page.add_init_script(COUNT_AUDIO)
    page.clock.install(time=NIGHT)
    page.goto(server + WAIT)
    page.clock.pause_at(NIGHT + timedelta(seconds=5))  # from here time moves only when the test says
    page.get_by_label("10 minutes").check()
    expect(page.locator(".wt-clock")).to_have_text("10:00")
    page.get_by_role("button", name="Start the timer").click()
    status = page.get_by_role("status").filter(has_text="timer")
    expect(status).to_contain_text("The timer is running: 10 minutes")
    expect(page.locator(".wt-cue")).to_have_text("Breathe in")
    page.clock.run_for(4_500)
    expect(page.locator(".wt-cue")).to_have_text("Breathe out")
    page.get_by_role("button", name="Pause").click()
    page.clock.run_for(60_000)
    expect(page.locator(".wt-clock")).to_have_text("09:56")  # paused time does not count
    page.get_by_role("button", name="Carry on").click()
    page.clock.run_for(296_000)
    expect(page.locator(".wt-status")).to_contain_text("Halfway there")
    expect(page.locator(".wt-done")).to_be_hidden()
    page.clock.run_for(300_000)
    expect(page.locator(".wt-clock")).to_have_text("00:00")
    expect(page.locator(".wt-status")).to_contain_text("The time is up")
    done = page.locator(".wt-done")
    expect(done).to_contain_text("Look again in daylight")
    for name, target in [("Check what", "checker/"), ("Keep the words", "letters/"), ("Count", "counter/")]:
        assert (done.get_by_role("link", name=name).get_attribute("href") or "").endswith(target)
    expect(page.get_by_role("button", name="Stop")).to_be_hidden()
    assert page.evaluate("window.audioMade") == 0, "no sound unless the reader asks for it"
    page.get_by_label("Play a soft sound when the time is up").check()
    assert page.evaluate("window.audioMade") == 1


def test_breathing_keeps_still_for_reduced_motion(page: Page, server: str) -> None:
    page.emulate_media(reduced_motion="reduce")
    page.goto(server + WAIT)
    page.get_by_role("button", name="Start the timer").click()
    circle = page.locator(".wt-circle")
    expect(circle).to_have_class("wt-circle wt-in")
    assert circle.evaluate("el => getComputedStyle(el).transform") == "none"
    page.emulate_media(reduced_motion="no-preference")
    assert circle.evaluate("el => getComputedStyle(el).transform") != "none"


def test_reasons_are_kept_only_when_ticked(page: Page, server: str) -> None:
    page.goto(server + WAIT)
    reasons = page.get_by_label("Your reasons not to send")
    reasons.fill("I want to sleep tonight.")
    page.get_by_label("What set off the urge?").fill("our song")
    assert page.evaluate(f"localStorage.getItem('{KEY}')") is None
    page.get_by_label("Keep my reasons on this device").check()
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == "I want to sleep tonight."
    page.reload()
    expect(reasons).to_have_value("I want to sleep tonight.")
    expect(page.get_by_label("What set off the urge?")).to_have_value("")  # notes are never stored
    page.get_by_label("Keep my reasons on this device").uncheck()
    assert page.evaluate(f"localStorage.getItem('{KEY}')") is None
