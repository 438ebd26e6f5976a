"""Each stylesheet is applied once per page load (hooks/kb/theme/main.html): Material's instant navigation
makes every address on the page absolute when its bundle starts, and a stylesheet whose address changes
is applied again, restyling the whole page after the first paint (a long task on a phone). This site leaves
instant navigation off, so the test runs on a build that turns it on."""

from __future__ import annotations

from playwright.sync_api import Page

# Installed before the page loads: the stylesheet objects as they are when the body starts, before
# Material's bundle has run.
PROBE = """new MutationObserver((records, observer) => {
  if (!document.body) return;
  observer.disconnect();
  window.__sheets = [...document.querySelectorAll("link[rel=stylesheet]")].map((link) => link.sheet);
}).observe(document, { childList: true, subtree: true });"""
SAME = """() => [...document.querySelectorAll("link[rel=stylesheet]")]
  .map((link, i) => link.sheet === window.__sheets[i])"""


def test_no_stylesheet_is_applied_twice(page: Page, instant_server: str) -> None:
    page.add_init_script(PROBE)
    for path in ("", "faq/", "tools/checker/"):
        page.goto(instant_server + path)
        page.wait_for_load_state("load")
        # Without the feature nothing rewrites the addresses, and the test would pass whatever main.html does.
        assert "navigation.instant" in (page.locator("#__config").text_content() or "")
        same = page.evaluate(SAME)
        assert len(same) >= 2 and all(same), f"/{path}: {same}"
