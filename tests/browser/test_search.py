"""Material's own search, in a real browser, finds generated FAQ and scenario pages."""

from playwright.sync_api import Page, expect

from .conftest import RequestLog

RESULT = ".md-search-result__item > a.md-search-result__link"


def search(page: Page, query: str) -> list[str]:
    page.locator("input.md-search__input").click()
    # Typing before the search worker is ready is lost, so wait for Material's ready message.
    expect(page.locator(".md-search-result__meta")).not_to_have_text("Initializing search", timeout=30_000)
    # Material reads the query on keyup, so type it key by key rather than fill().
    page.locator("input.md-search__input").press_sequentially(query)
    expect(page.locator(RESULT).first).to_be_visible(timeout=30_000)
    return [a.get_attribute("href") or "" for a in page.locator(RESULT).all()]


def test_search_finds_a_question_by_its_words(page: Page, server: str) -> None:
    page.goto(server)
    hrefs = search(page, "blocked")
    assert any("/faq/" in href or "/scenarios/" in href for href in hrefs), hrefs


def test_home_search_form_opens_results(page: Page, server: str) -> None:
    page.goto(server)
    page.locator("#kb-home-query").fill("birthday")
    page.locator("#kb-home-query").press("Enter")
    expect(page.locator(RESULT).first).to_be_visible(timeout=30_000)
    assert "q=birthday" in page.url


def test_pages_make_no_third_party_requests(page: Page, server: str, requests_log: RequestLog) -> None:
    for path in ("", "faq/", "scenarios/", "principles/messages/pressure/", "get-help/"):
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
    search(page, "silence")
    page.wait_for_load_state("networkidle")
    assert requests_log.requests, "the request log saw nothing, so it proves nothing"
    assert requests_log.foreign() == []
    assert page.context.cookies() == []


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
    hrefs = search(page, "birthday")
    target = next(href for href in hrefs if "faq/texting/" in href and "h=" in href)
    page.locator(f"{RESULT}[href='{target}']").first.click()
    page.wait_for_url("**/faq/texting/**")
    expect(page.locator(".md-tag mark[data-md-highlight]").first).to_be_attached()
    marks = page.evaluate(MARKS)
    assert any(mark["chip"] for mark in marks), marks  # "birthdays": the chip the reader saw split
    split = [mark for mark in marks if "flex" in mark["box"] or "grid" in mark["box"] or abs(mark["gap"]) > 1]
    assert not split, split
