"""The colour scheme toggle (overrides/partials/javascripts/palette.html), which replaces Material's palette
component: the body has the reader's colours before anything is drawn, the toggle cycles automatic ->
light -> dark and is remembered, automatic follows the system, and loading a page restyles nothing.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

SCHEMES = {"light": "default", "dark": "slate"}
# Installed before the page loads: the body's scheme when the page's main container is parsed (after the
# header, before the first style: what the reader first sees), and every attribute set on the body after.
PROBE = """(() => {
  const palette = (window.__palette = { atContainer: null, changed: [] });
  new MutationObserver((records, observer) => {
    if (!document.querySelector(".md-container")) return;
    observer.disconnect();
    palette.atContainer = document.body.getAttribute("data-md-color-scheme");
    new MutationObserver((found) => palette.changed.push(...found.map((r) => r.attributeName)))
      .observe(document.body, { attributes: true });
  }).observe(document, { childList: true, subtree: true });
})();"""
TOGGLE = "[data-kb-palette] label:not([hidden])"  # its 'for' names the option it switches to


def open_page(browser: Browser, server: str, scheme: str) -> Page:
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.add_init_script(PROBE)
    page.goto(server)
    page.wait_for_load_state("load")
    return page


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_first_view_has_the_system_colours_from_the_start(browser: Browser, server: str, scheme: str) -> None:
    page = open_page(browser, server, scheme)
    assert page.evaluate("window.__palette.atContainer") == SCHEMES[scheme]
    expect(page.locator(TOGGLE)).to_have_count(1)
    expect(page.locator(TOGGLE)).to_have_attribute("for", "__palette_1")  # automatic first: on to light
    content = "light" if scheme == "light" else "dark"
    expect(page.locator("meta[name=color-scheme]")).to_have_attribute("content", content)
    # Material's component sets data-md-color-switching (a restyle of the whole page) even when nothing changes.
    assert page.evaluate("window.__palette.changed") == []
    page.context.close()


def test_the_toggle_cycles_and_is_remembered(browser: Browser, server: str) -> None:
    page = open_page(browser, server, "dark")
    body = page.locator("body")
    page.locator(TOGGLE).click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    expect(page.locator(TOGGLE)).to_have_attribute("for", "__palette_2")
    page.locator(TOGGLE).click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    expect(page.locator("meta[name=color-scheme]")).to_have_attribute("content", "dark")
    page.emulate_media(color_scheme="light")  # a chosen scheme does not follow the system
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.reload()
    assert page.evaluate("window.__palette.atContainer") == "slate"
    expect(page.locator(TOGGLE)).to_have_attribute("for", "__palette_0")
    page.locator(TOGGLE).click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")  # automatic again: the system is light
    page.emulate_media(color_scheme="dark")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    expect(body).not_to_have_attribute("data-md-color-switching", "")
    page.context.close()


def test_enter_on_the_toggle_moves_to_the_next_scheme(browser: Browser, server: str) -> None:
    page = open_page(browser, server, "light")
    page.focus("#__palette_0")
    page.keyboard.press("Enter")
    expect(page.locator("#__palette_1")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    expect(page.locator("#__palette_2")).to_be_focused()
    page.context.close()
