"""Every built page, opened in a real browser, asks no other host for anything and sets no cookie."""

from pathlib import Path

from playwright.sync_api import Page

from .conftest import RequestLog


def test_every_page_stays_on_the_site(page: Page, server: str, built_site: Path, requests_log: RequestLog) -> None:
    pages = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        page.goto(server + path.removesuffix("index.html"), wait_until="load")
    page.wait_for_load_state("networkidle")
    assert len(requests_log.requests) >= len(pages)
    assert requests_log.foreign() == []
    assert page.context.cookies() == []
