"""OFFLINE=true builds a folder that works from file:// with navigation and search."""

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from ..conftest import ROOT, run_build


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory, monkeypatch_module: pytest.MonkeyPatch) -> Path:
    out = tmp_path_factory.mktemp("offline")
    monkeypatch_module.setenv("OFFLINE", "true")
    result = run_build(ROOT / "mkdocs.yml", out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_offline_build_navigates_and_searches_from_disk(browser: Browser, offline_site: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    foreign: list[str] = []
    page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(("file:", "data:", "blob:")) else None)
    page.goto((offline_site / "index.html").as_uri())
    page.locator("article a[href$='faq/index.html']").first.click()
    expect(page).to_have_url((offline_site / "faq/index.html").as_uri())
    page.locator("input.md-search__input").click()
    expect(page.locator(".md-search-result__meta")).not_to_have_text("Initializing search", timeout=30_000)
    page.locator("input.md-search__input").press_sequentially("blocked")
    result = page.locator(".md-search-result__item > a.md-search-result__link").first
    expect(result).to_be_visible(timeout=30_000)
    assert ".html" in (result.get_attribute("href") or "")
    assert foreign == []
    context.close()
