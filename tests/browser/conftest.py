"""A real Chromium, driven by Playwright, against the built site served on localhost.

Chromium comes from the system (Debian's package); Playwright never downloads a browser.
A missing browser fails the run: browser tests must never be skipped silently.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, Request, sync_playwright

from benchmarks.browser import CHROMIUM_ARGS, MISSING_CHROMIUM, find_chromium, serve

from ..conftest import ROOT, run_build


def chromium_path() -> str:
    path = find_chromium()
    if not path:
        pytest.fail(MISSING_CHROMIUM)
    return path


@pytest.fixture(scope="session")
def server(built_site: Path, site_url: str) -> Iterator[str]:
    with serve(built_site, urlparse(site_url).port or 0) as url:
        yield url


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The OFFLINE=true build, made once per session, for tests that open it from disk."""
    out = tmp_path_factory.mktemp("offline")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OFFLINE", "true")  # read by mkdocs.yml; run_build passes the environment on
        result = run_build(ROOT / "mkdocs.yml", out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class RequestLog:
    """Every request a page makes, so tests can prove nothing leaves the site."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.requests: list[str] = []

    def record(self, request: Request) -> None:
        self.requests.append(request.url)

    def foreign(self) -> list[str]:
        return [
            url for url in self.requests if not url.startswith(self.origin) and not url.startswith(("data:", "blob:"))
        ]


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


@pytest.fixture
def requests_log(page: Page, server: str) -> RequestLog:
    log = RequestLog(server.rstrip("/"))
    page.on("request", log.record)
    return log
