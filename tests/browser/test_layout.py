"""The phone layout of every page type, asserted from bounding boxes (no screenshots, no pixel values).

One page load per page type: each is laid out at 390 x 844 (a phone), checked, then resized to 1280
and checked again. What is asserted is what a new reader tripped over (issue 17): nothing wider than
the screen, the title first and the answer on the first screen, tags after the text, example replies
as readable as the running text in both schemes, the 404 search box's hint in full, a long query clear
of the search icons, and the checker's "Check" on the first screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from ..support.site import page_types

PHONE, WIDE = {"width": 390, "height": 844}, {"width": 1280, "height": 900}
LONG_QUERY = "what do I say when my ex texts me happy birthday after months of silence"
PRACTICAL = "Can you pick the kids up from school on Friday? I'm stuck at work until 6."
# Every page type of tests/support/site.py, tools included; a test below keeps the list complete.
LAID_OUT = [
    "home",
    "principle section index",
    "principle",
    "FAQ index",
    "FAQ topic",
    "scenario index",
    "scenario",
    "glossary",
    "get help",
    "about",
    "tags",
    "not found",
    "tool tools/checker/",
    "tool tools/counter/",
    "tool tools/letters/",
    "tool tools/wait/",
]

# Boxes of the article's parts, read in one call: the title, what comes before it, the first block of
# text after it, the tags and everything laid out before or after them.
LAYOUT = """() => {
  const article = document.querySelector("article.md-content__inner");
  const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const blocks = [...article.children].filter(shown);
  const h1 = article.querySelector("h1");
  const tags = article.querySelector(":scope > .md-tags");
  const at = tags ? blocks.indexOf(tags) : -1;
  const answer = blocks.find((el, i) => i > blocks.indexOf(h1) && el.matches("p, ul, ol, form, div"));
  const short = article.querySelector(".kb-short-answer");
  return {
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    h1: h1.getBoundingClientRect().top,
    first: Math.min(...blocks.map((el) => el.getBoundingClientRect().top)),
    answer: (answer || h1).getBoundingClientRect().top,
    short: short ? short.getBoundingClientRect().top : null,
    tags: tags && shown(tags) ? tags.getBoundingClientRect().top : null,
    before_tags: Math.max(0, ...blocks.slice(0, Math.max(at, 0)).map((el) => el.getBoundingClientRect().bottom)),
    after_tags: at < 0 ? 0 : blocks.length - at - 1,
    screen: innerHeight,
  };
}"""

# WCAG contrast of each quoted example and of the first paragraph of running text, colours blended
# over the nearest opaque background, as a reader sees them.
CONTRAST = """() => {
  const rgba = (c) => { const n = c.match(/[\\d.]+/g).map(Number); return n.length > 3 ? n : [...n, 1]; };
  const over = (top, base) => top.slice(0, 3).map((v, i) => v * top[3] + base[i] * (1 - top[3]));
  const ground = (el) => {
    for (let node = el; node; node = node.parentElement) {
      const c = rgba(getComputedStyle(node).backgroundColor);
      if (c[3] === 1) return c;
    }
    return [255, 255, 255, 1];
  };
  const linear = (v) => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  const lum = (rgb) => { const [r, g, b] = rgb.map(linear); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (el) => {
    const back = ground(el);
    const [a, b] = [lum(over(rgba(getComputedStyle(el).color), back)), lum(back.slice(0, 3))];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  };
  const text = document.querySelector("article.md-content__inner > p");
  return { quotes: [...document.querySelectorAll("article blockquote")].map(ratio), text: text ? ratio(text) : null };
}"""


FITS = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def layout(page: Page) -> dict[str, Any]:
    return page.evaluate(LAYOUT)


def assert_layout(page: Page, name: str, width: int) -> None:
    # Material's header animates its search box when the width changes; wait for the page to settle.
    try:
        page.wait_for_function(FITS, timeout=5_000)
    except PlaywrightError:
        pytest.fail(f"{name} at {width}px is wider than the screen: {layout(page)}")
    box = layout(page)
    where = f"{name} at {width}px: {box}"
    assert box["first"] >= box["h1"] - 1, f"something sits above the title: {where}"
    assert box["answer"] > box["h1"], where
    if width == PHONE["width"]:
        assert box["answer"] < box["screen"], f"the first text is below the first screen: {where}"
        if box["short"] is not None:
            assert box["short"] < box["screen"], f"the first short answer is below the first screen: {where}"
    if box["tags"] is not None:
        assert box["tags"] >= box["before_tags"] and box["after_tags"] == 0, f"tags are not after the text: {where}"


def assert_examples_readable(page: Page, name: str) -> None:
    """In light and dark, every quoted example is at least AA and no fainter than the running text."""
    for scheme, palette in (("light", "default"), ("dark", "slate")):
        page.emulate_media(color_scheme=scheme)
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", palette)
        found = page.evaluate(CONTRAST)
        assert found["quotes"], f"{name}: no example to check"
        for ratio in found["quotes"]:
            assert ratio >= 4.5 and ratio >= found["text"] - 0.01, f"{name} ({scheme}): example {ratio:.2f}, {found}"


SHOWN = """() => [...document.querySelectorAll(".md-search__options > .md-search__icon")]
  .filter((el) => getComputedStyle(el).opacity === "1").length === 2"""


def assert_query_clear_of_icons(page: Page, width: int) -> None:
    if width < 1220:  # below Material's wide layout the search box opens from an icon
        page.locator("label[for='__search']").first.click()
    field = page.locator("input.md-search__input")
    field.click()
    field.fill(LONG_QUERY)
    page.wait_for_function(SHOWN)  # Material fades the icons in once there is a query
    clear = page.evaluate(
        """() => {
      const input = document.querySelector("input.md-search__input");
      const textEnd = input.getBoundingClientRect().right - parseFloat(getComputedStyle(input).paddingRight);
      const icons = [...document.querySelectorAll(".md-search__options > .md-search__icon")]
        .map((el) => el.getBoundingClientRect().left);
      return { textEnd, icons, scrolled: input.scrollWidth > input.clientWidth };
    }"""
    )
    assert len(clear["icons"]) == 2 and (clear["scrolled"] or width > PHONE["width"]), clear
    assert clear["textEnd"] <= min(clear["icons"]), f"at {width}px the query runs under the icons: {clear}"
    page.keyboard.press("Escape")


def assert_placeholder_fits(page: Page) -> None:
    fits = page.evaluate(
        """() => {
      const input = document.querySelector("#kb-404-query");
      const style = getComputedStyle(input);
      const pen = document.createElement("canvas").getContext("2d");
      pen.font = `${style.fontSize} ${style.fontFamily}`;
      const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return { text: input.placeholder, width: pen.measureText(input.placeholder).width, room };
    }"""
    )
    assert fits["text"].strip() and fits["width"] <= fits["room"], fits


def assert_check_on_first_screen(page: Page) -> None:
    check = page.get_by_role("button", name="Check", exact=True)
    expect(check).to_be_visible()
    box = check.bounding_box()
    assert box and box["y"] + box["height"] <= PHONE["height"], f"'Check' is below the first screen: {box}"


def pages(site: Path) -> dict[str, str]:
    """One page per type; the scenario is one with an example reply, so its contrast is checked."""
    found = page_types(site)
    reply = next(p for p in sorted(site.glob("scenarios/*/index.html")) if 'id="if-you-must-reply"' in p.read_text())
    found["scenario"] = reply.relative_to(site).parent.as_posix() + "/"
    return found


@pytest.fixture(scope="module")
def layout_pages(built_site: Path) -> dict[str, str]:
    return pages(built_site)


@pytest.mark.parametrize("name", LAID_OUT)
def test_phone_and_wide_layout(page: Page, server: str, layout_pages: dict[str, str], name: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(server + layout_pages[name])
    assert_layout(page, name, PHONE["width"])
    if name == "not found":
        assert_placeholder_fits(page)
    if name == "tool tools/checker/":
        assert_check_on_first_screen(page)
    if name == "home":
        assert_query_clear_of_icons(page, PHONE["width"])
    page.set_viewport_size(WIDE)
    assert_layout(page, name, WIDE["width"])
    if name == "home":
        assert_query_clear_of_icons(page, WIDE["width"])
    if name == "scenario":
        assert_examples_readable(page, name)
    if name == "tool tools/checker/":
        page.locator("#ck-draft").fill(PRACTICAL)
        expect(page.locator(".ck-example")).to_be_visible()
        assert_examples_readable(page, name)


def test_every_page_type_is_laid_out(built_site: Path) -> None:
    """A new page type (a new tool) must be added to the list above."""
    assert sorted(LAID_OUT) == sorted(pages(built_site))
