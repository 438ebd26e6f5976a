"""axe-core in Chromium finds nothing on any page type, in light and dark, wide and narrow.

Page types are found in the build itself, so a new kind of page (such as the tools under
tools/) is covered as soon as it ships, and a page type that disappears fails loudly.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from benchmarks.pages import page_types

SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material palette
WIDTHS = (1280, 390)
RESULT = ".md-search-result__item > a.md-search-result__link"
# The checker's answers, which only appear once a draft is typed: the crisis panel holds the help lines.
CHECKER_STATES = {
    "crisis": "I want to die. Everyone would be better off without me.",
    "flags": "You'll regret this. I can't eat or sleep. I still love you.",
    "once": "I'm pregnant. I thought you should know.",
}
# Colours measured mid-fade are wrong, so let finite CSS transitions and animations finish first.
SETTLE = """Promise.all(document.getAnimations()
  .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
  .map(a => a.finished.catch(() => null)))"""


def violations(axe: Axe, page: Page, label: str) -> list[str]:
    page.evaluate(SETTLE)
    found = axe.run(page).response["violations"]
    return [
        f"{label}: {v['id']} ({v['impact']}): {v['help']}: " + "; ".join(", ".join(n["target"]) for n in v["nodes"][:5])
        for v in found
    ]


def open_search_with_results(page: Page, width: int, query: str) -> None:
    if width < 1220:  # Material hides the search box behind an icon below its wide layout
        page.locator("label[for='__search']").first.click()
    page.locator("input.md-search__input").click()
    expect(page.locator(".md-search-result__meta")).not_to_have_text("Initializing search", timeout=30_000)
    page.locator("input.md-search__input").press_sequentially(query)
    expect(page.locator(RESULT).first).to_be_visible(timeout=30_000)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_axe_violations(browser: Browser, server: str, built_site: Path, scheme: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.set_default_timeout(10_000)
    axe = Axe()
    found: list[str] = []
    try:
        for name, path in page_types(built_site).items():
            page.goto(server + path)
            # Proves the palette follows the emulated system setting, so dark really is tested.
            assert page.locator("body").get_attribute("data-md-color-scheme") == SCHEMES[scheme], name
            found += violations(axe, page, f"{name} /{path}")
        page.goto(server + "tools/checker/")
        for state, draft in CHECKER_STATES.items():
            page.locator("#ck-draft").fill(draft)
            expect(page.locator(".ck-result")).to_have_attribute("aria-busy", "false")
            assert page.locator(".ck").get_attribute("data-state") == state
            found += violations(axe, page, f"checker, {state} answer")
        page.goto(server)
        open_search_with_results(page, width, "text")
        found += violations(axe, page, "search overlay with results")
    finally:
        context.close()
    assert found == [], f"{len(found)} axe violation(s) at {width}px, {scheme}:\n" + "\n".join(found)
