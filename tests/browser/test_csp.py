"""The Content-Security-Policy in Chromium: script injected into a built page does not run.

A built page is served with a hostile paragraph and an inline script slipped into its
content (as if an audit had missed them). The policy must block both, and Chromium must
report each block, while the theme's own inline scripts and the site's tools keep working.
Every other browser test also fails on any violation (see conftest.CspWatch).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from playwright.sync_api import Browser, Page, Route

from ..support.search import open_search, search
from .conftest import CspWatch

INJECTED = (
    '<p id="bait" onclick="window.__ran = \'handler\'">Tap</p>'
    "<script>window.__ran = 'script'</script>"
    '<img id="pixel" src="x.png" onerror="window.__ran = \'onerror\'">'
)
# Set up before any page script, outside the policy's reach (Playwright adds it over CDP).
LISTEN = """window.__violations = [];
document.addEventListener("securitypolicyviolation", e => window.__violations.push(e.violatedDirective));"""


def inject(html: str) -> str:
    return html.replace(
        '<article class="md-content__inner md-typeset">', '<article class="md-content__inner md-typeset">' + INJECTED, 1
    )


def assert_blocked(page: Page, csp_watch: CspWatch) -> None:
    page.locator("#bait").click()
    page.wait_for_function("() => window.__violations.length >= 3")
    assert page.evaluate("window.__ran") is None
    assert set(page.evaluate("window.__violations")) <= {"script-src-elem", "script-src-attr", "script-src"}
    reported = csp_watch.take()
    assert any("inline event handler" in text for text in reported), reported
    assert any("inline script" in text for text in reported), reported


def test_injected_handler_and_script_are_blocked(page: Page, server: str, csp_watch: CspWatch) -> None:
    def serve_injected(route: Route) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=inject(response.text()))

    page.add_init_script(LISTEN)
    page.route(f"{server}faq/", serve_injected)
    page.goto(f"{server}faq/")
    assert_blocked(page, csp_watch)
    # The theme's inline scripts ran: the scope script defines __md_get; the no-js swap happened.
    assert page.evaluate("typeof __md_get") == "function"
    assert page.evaluate("document.documentElement.classList.contains('js')")


def test_offline_copy_blocks_injected_script_from_disk(
    browser: Browser, offline_site: Path, csp_watch: CspWatch, tmp_path: Path
) -> None:
    """On file:// Chromium matches 'self' against file: URLs: the site's files load, inline script does not."""
    probe = offline_site / "faq" / "csp-probe.html"
    shutil.copy(offline_site / "faq" / "index.html", probe)
    probe.write_text(inject(probe.read_text()))
    try:
        page = browser.new_page()
        page.add_init_script(LISTEN)
        page.goto(probe.as_uri())
        assert_blocked(page, csp_watch)
        open_search(page)
        assert search(page, "blocked"), "search found nothing in the offline copy"
        page.close()
    finally:
        probe.unlink()
