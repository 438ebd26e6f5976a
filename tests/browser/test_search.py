"""Material's own search, in a real browser, finds generated FAQ and scenario pages."""

from playwright.sync_api import Page, expect

from ..support.search import RESULT_LINK, links, open_search, search, wait_for_results


def test_search_finds_a_question_by_its_words(page: Page, server: str) -> None:
    page.goto(server)
    open_search(page)
    hrefs = search(page, "blocked", key_by_key=True)
    assert any("/faq/" in href or "/scenarios/" in href for href in hrefs), hrefs


def test_home_search_form_opens_results(page: Page, server: str) -> None:
    page.goto(server)
    page.locator("#kb-home-query").fill("birthday")
    page.locator("#kb-home-query").press("Enter")
    page.wait_for_url("**q=birthday**")
    wait_for_results(page, "birthday")
    assert links(page), "the home form opened no results"


# Every mark Material's search.highlight added, with the display of the box it sits in: a mark inside a
# flex or grid box (a tag chip is one in Material) becomes an item of its own, split off from its word.
MARKS = """() => [...document.querySelectorAll("article mark[data-md-highlight]")].map((mark) => ({
  text: mark.textContent,
  chip: !!mark.closest(".md-tag"),
  box: getComputedStyle(mark.parentElement).display,
  gap: mark.nextSibling && mark.nextSibling.nodeType === 3 && mark.nextSibling.textContent.trim()
    ? (() => { const r = document.createRange(); r.selectNodeContents(mark.nextSibling);
               return r.getClientRects()[0].left - mark.getBoundingClientRect().right; })()
    : 0,
}))"""


def test_a_followed_result_highlights_words_without_splitting_chips(page: Page, server: str) -> None:
    page.goto(server)
    open_search(page)
    hrefs = search(page, "birthday")
    target = next(href for href in hrefs if "faq/texting/" in href and "h=" in href)
    page.locator(f"{RESULT_LINK}[href='{target}']").first.click()
    page.wait_for_url("**/faq/texting/**")
    expect(page.locator(".md-tag mark[data-md-highlight]").first).to_be_attached()
    marks = page.evaluate(MARKS)
    assert any(mark["chip"] for mark in marks), marks  # "birthdays": the chip the reader saw split
    split = [mark for mark in marks if "flex" in mark["box"] or "grid" in mark["box"] or abs(mark["gap"]) > 1]
    assert not split, split
