"""A real Chromium, driven by Playwright, against the built site served on localhost.

Chromium comes from the system (Debian's package); Playwright never downloads a browser.
A missing browser fails the run: browser tests must never be skipped silently.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, Request, sync_playwright

from ..conftest import ROOT, run_build

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Chromium not found: install it (apt-get install -y chromium) or set CHROMIUM=/path/to/chromium")
    return path


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def server(built_site: Path, site_url: str) -> Iterator[str]:
    port = urlparse(site_url).port
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield site_url
    httpd.shutdown()


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
