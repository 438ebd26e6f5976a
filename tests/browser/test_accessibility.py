"""axe-core in Chromium finds nothing on any page type, wide and narrow, and no contrast problem in dark.

Page types are found in the build itself, so a new kind of page (such as the tools under
tools/) is covered as soon as it ships, and a page type that disappears fails loudly. Each
page is loaded once per width: every axe rule runs in light, then the system setting turns
dark and the colour rules run again, as the dark palette changes colours and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from ..support.search import open_search, search
from ..support.site import page_types

SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material palette
WIDTHS = (1280, 390)
COLOUR_RULES = ["color-contrast", "link-in-text-block"]  # what a palette can break
AXE_SOURCE = Axe().axe_script
# The checker's answers, which only appear once a draft is typed: the crisis panel holds the help lines.
CHECKER_STATES = {
    "crisis": "I want to die. Everyone would be better off without me.",
    "flags": "You'll regret this. I can't eat or sleep. I still love you.",
    "once": "I'm pregnant. I thought you should know.",
}
# Colours measured mid-fade are wrong, so let finite CSS transitions and animations finish first.
SETTLE = """() => Promise.all(document.getAnimations()
  .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
  .map(a => a.finished.catch(() => null)))"""
RUN = "options => axe.run(document, options)"


def violations(page: Page, label: str, rules: list[str] | None = None) -> list[str]:
    """axe-core's violations on the page as it is now (every rule, or only ``rules``), one line each."""
    page.evaluate(SETTLE)
    if not page.evaluate("() => typeof axe === 'object'"):
        page.evaluate(AXE_SOURCE)  # once per document: the source is half a megabyte
    options: dict[str, Any] = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    found = page.evaluate(RUN, options)["violations"]
    return [
        f"{label}: {v['id']} ({v['impact']}): {v['help']}: " + "; ".join(", ".join(n["target"]) for n in v["nodes"][:5])
        for v in found
    ]


def in_both_schemes(page: Page, label: str) -> list[str]:
    """Every rule in light, the colour rules in dark; the page is left in light."""
    found = violations(page, f"{label}, light")
    page.emulate_media(color_scheme="dark")
    # Proves the palette follows the emulated system setting, so dark really is tested.
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES["dark"])
    found += violations(page, f"{label}, dark", COLOUR_RULES)
    page.emulate_media(color_scheme="light")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES["light"])
    return found


@pytest.fixture(scope="module", params=WIDTHS, ids=str)
def tab(request: pytest.FixtureRequest, browser: Browser, server: str) -> Iterator[Page]:
    """One tab per width, light until a check turns it dark; the tests of one width share it."""
    context = browser.new_context(viewport={"width": request.param, "height": 900}, color_scheme="light")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def report(tab: Page, found: list[str]) -> str:
    width = (tab.viewport_size or {}).get("width")
    return f"{len(found)} axe violation(s) at {width}px:\n" + "\n".join(found)


def test_every_page_type(tab: Page, server: str, built_site: Path) -> None:
    found: list[str] = []
    for name, path in page_types(built_site).items():
        tab.goto(server + path)
        assert tab.locator("body").get_attribute("data-md-color-scheme") == SCHEMES["light"], name
        found += in_both_schemes(tab, f"{name} /{path}")
    assert found == [], report(tab, found)


def test_each_checker_answer(tab: Page, server: str) -> None:
    found: list[str] = []
    tab.goto(server + "tools/checker/")
    for state, draft in CHECKER_STATES.items():
        tab.locator("#ck-draft").fill(draft)
        expect(tab.locator(".ck-result")).to_have_attribute("aria-busy", "false")
        assert tab.locator(".ck").get_attribute("data-state") == state
        found += in_both_schemes(tab, f"checker, {state} answer")
    assert found == [], report(tab, found)


def test_search_overlay_with_results(tab: Page, server: str) -> None:
    tab.goto(server)
    open_search(tab)
    assert search(tab, "text"), "no results to check"
    found = in_both_schemes(tab, "search overlay with results")
    assert found == [], report(tab, found)
