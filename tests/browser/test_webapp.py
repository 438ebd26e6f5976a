"""The installable site in a real browser: after one visit it works with the server gone.

The test serves its own copy of the build and then shuts that server down, so nothing can
reach the network: whatever opens afterwards came from the service worker's copy.
"""

from pathlib import Path

from playwright.sync_api import Browser, expect

from ..support.server import serve

RESULT = ".md-search-result__item > a.md-search-result__link"
# The worker controls the page only once its install, which keeps every file, has finished.
CONTROLLED = """async () => { await navigator.serviceWorker.ready;
  if (!navigator.serviceWorker.controller)
    await new Promise(r => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true })); }"""


def test_after_one_visit_pages_the_checker_and_search_work_offline(browser: Browser, built_site: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="allow")
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        with serve(built_site) as url:
            page.goto(url)
            page.evaluate(CONTROLLED)
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
        page.goto(url + "faq/texting/")
        expect(page.locator("h1")).to_be_visible()
        page.goto(url + "scenarios/broke-no-contact/")
        expect(page.locator("article")).to_contain_text("no contact")
        page.goto(url + "tools/checker/")
        page.locator("#ck-draft").fill("I miss you so much. Please give us one more chance.")
        expect(page.locator(".ck-group").first).to_be_visible()
        page.locator("label[for='__search']").first.click()
        page.locator("input.md-search__input").press_sequentially("blocked")
        expect(page.locator(RESULT).first).to_be_visible(timeout=30_000)
        assert [r for r in requests if not r.startswith((url, "data:", "blob:"))] == []
    finally:
        context.close()


def test_the_file_build_has_no_service_worker(offline_site: Path) -> None:
    assert not (offline_site / "sw.js").exists()
    home = (offline_site / "index.html").read_text()
    assert "install.js" not in home and 'rel="manifest"' not in home
