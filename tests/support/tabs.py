"""A browser context kept for many tests, each of which gets a new tab in it.

A new context and its first page cost Chromium about 1.4 CPU seconds here; a new tab in a
context that has another tab open costs about 0.5. What a tab holds goes with it when it
closes: its history, session storage, routes, init scripts, listeners and emulated media.
What the context holds is put back after each test: cookies, permissions and everything
stored for every origin the tab reached. A test that changes the context itself (its clock,
its routes, its offline mode) or watches the network (the HTTP cache is shared) makes its own.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, Page, Request

TIMEOUT = 10_000  # ms, for every action and expectation of a test's tab


class Tabs:
    def __init__(self, context: BrowserContext) -> None:
        self.context = context
        self._idle = context.new_page()  # keeps the context's renderer warm between tests
        self._origins: set[str] = set()
        context.on("request", self._note)

    def open(self) -> Page:
        tab = self.context.new_page()
        tab.set_default_timeout(TIMEOUT)
        return tab

    def reset(self) -> None:
        """Forget what the last test stored, so the next one starts as a first visit."""
        self.context.clear_cookies()
        self.context.clear_permissions()
        cdp = self.context.new_cdp_session(self._idle)
        for origin in sorted(self._origins):
            cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
        cdp.detach()
        self._origins.clear()

    def close(self) -> None:
        self.context.close()

    def _note(self, request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https"):
            self._origins.add(f"{parts.scheme}://{parts.netloc}")
