"""A real Chromium, driven by Playwright, against the built site served on localhost.

Chromium comes from the system (Debian's package); Playwright never downloads a browser.
A missing browser fails the run: browser tests must never be skipped silently.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from mkdocs.utils.yaml import yaml_load
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request, sync_playwright

from ..conftest import MKDOCS, ROOT
from ..support import builds, shared
from ..support.chromium import CHROMIUM_ARGS, MISSING_CHROMIUM, find_chromium
from ..support.search import watch_search
from ..support.server import free_port
from ..support.tabs import TIMEOUT, Tabs


def chromium_path() -> str:
    path = find_chromium()
    if not path:
        pytest.fail(MISSING_CHROMIUM)
    return path


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory, built_site: Path, site_url: str) -> str:
    """The run's one server, at the address the site was built for."""
    return shared.server(tmp_path_factory, built_site, urlparse(site_url).port or 0)


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The OFFLINE=true build, made once per run, for tests that open it from disk."""

    def build(out: Path) -> None:
        result = builds.command([*MKDOCS, "build", "--strict", "-d", str(out)], ROOT, {"OFFLINE": "true"})
        assert result.returncode == 0, result.stderr

    return shared.folder(tmp_path_factory, "offline", build)


@pytest.fixture(scope="session")
def instant_server(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The site with Material's instant navigation on, built and served once per run. This site leaves it
    off (mkdocs.yml says why); the engine's scripts and theme must still work for a site that turns it on."""
    url = shared.value(tmp_path_factory, "instant-url", lambda: f"http://127.0.0.1:{free_port()}/")

    def build(out: Path) -> None:
        features = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["theme"]["features"]
        config = out.with_name("instant.yml")  # paths absolute: MkDocs reads them from this file's folder
        config.write_text(
            f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {ROOT / 'docs'}\n"
            f"theme:\n  custom_dir: {ROOT / 'overrides'}\n  features: {['navigation.instant', *features]}\n"
        )
        command = [*MKDOCS, "build", "--strict", "-f", str(config), "-d", str(out)]
        result = builds.command(command, ROOT, {"NO_MKDOCS_2_WARNING": "1", "SITE_URL": url})
        assert result.returncode == 0, result.stderr

    site = shared.folder(tmp_path_factory, "instant", build)
    return shared.server(tmp_path_factory, site, urlparse(url).port or 0)


class CspWatch:
    """Every Content-Security-Policy violation Chromium reports on any page a test opens."""

    def __init__(self) -> None:
        self.violations: list[str] = []

    def watch(self, page: Page) -> None:
        def record(message: ConsoleMessage) -> None:
            if "Content Security Policy" in message.text:
                self.violations.append(f"{page.url}: {message.text}")

        page.on("console", record)

    def take(self) -> list[str]:
        found, self.violations = self.violations, []
        return found


@pytest.fixture(scope="session")
def csp_watch() -> CspWatch:
    return CspWatch()


@pytest.fixture(autouse=True)
def no_csp_violations(csp_watch: CspWatch) -> Iterator[None]:
    """Every browser test also proves the pages it used run under their policy without a violation."""
    csp_watch.take()
    yield
    assert csp_watch.take() == []


@pytest.fixture(scope="session")
def browser(csp_watch: CspWatch) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        new_context, new_page = launched.new_context, launched.new_page

        # Every page any test opens reports policy violations and carries the search probe.
        def watched_context(**options: Any) -> BrowserContext:
            # The service worker would copy the whole site into every new context; tests that
            # are about it ask for it with service_workers="allow".
            context = new_context(**{"service_workers": "block", **options})
            context.on("page", csp_watch.watch)
            watch_search(context)
            return context

        def watched_page(**options: Any) -> Page:
            tab = new_page(**{"service_workers": "block", **options})
            csp_watch.watch(tab)
            watch_search(tab)
            return tab

        launched.new_context, launched.new_page = watched_context, watched_page  # type: ignore[method-assign]
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


DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture(scope="session")
def desktop_tabs(browser: Browser) -> Iterator[Tabs]:
    tabs = Tabs(browser.new_context(**DESKTOP))
    yield tabs
    tabs.close()


@pytest.fixture(scope="session")
def phone_tabs(browser: Browser) -> Iterator[Tabs]:
    tabs = Tabs(browser.new_context(**PHONE))
    yield tabs
    tabs.close()


def tab_in(tabs: Tabs) -> Iterator[Page]:
    tab = tabs.open()
    yield tab
    tab.close()
    tabs.reset()


@pytest.fixture
def page(request: pytest.FixtureRequest, browser: Browser, desktop_tabs: Tabs, server: str) -> Iterator[Page]:
    """A new tab, 1280 x 900, with nothing stored; a test that logs requests gets a fresh context (nothing cached)."""
    if "requests_log" in request.fixturenames:
        yield request.getfixturevalue("fresh_page")
    else:
        yield from tab_in(desktop_tabs)


@pytest.fixture
def fresh_page(browser: Browser, server: str) -> Iterator[Page]:
    """A 1280 x 900 tab in a context of its own, for a test that changes the context (its clock, say)."""
    context = browser.new_context(**DESKTOP)
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT)
    yield tab
    context.close()


@pytest.fixture
def phone(phone_tabs: Tabs, server: str) -> Iterator[Page]:
    """A new tab on a 390 x 844 touch screen, with nothing stored."""
    yield from tab_in(phone_tabs)


@pytest.fixture
def requests_log(page: Page, server: str) -> RequestLog:
    log = RequestLog(server.rstrip("/"))
    page.on("request", log.record)
    return log
