"""A first view on a throttled phone, in Chromium: bytes on the wire, first contentful paint, layout shift.

Chromium applies Lighthouse's mobile throttling itself (DevTools protocol), as Lighthouse's
"devtools" mode does: the CPU 4x slower, 562.5 ms per request, 1.47 Mbit/s down and 0.68 up.
First contentful paint is the browser's own paint timing entry, layout shift the sum of its
layout-shift entries, bytes the encoded length of every response until the network is idle.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from playwright.sync_api import Browser, Page

PHONE = {"width": 390, "height": 844}
NETWORK = {
    "offline": False,
    "latency": 150 * 3.75,
    "downloadThroughput": 1.6 * 1024 * 0.9 * 1024 / 8,  # bytes per second
    "uploadThroughput": 750 * 0.9 * 1024 / 8,
}
CPU_SLOWDOWN = 4
_FCP = '() => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null'
_CLS = """() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
  setTimeout(() => resolve(total), 100);
})"""
RESULT = ".md-search-result__item"


@dataclass(frozen=True)
class View:
    bytes: int  # on the wire, headers included
    fcp_ms: float
    cls: float


def median_view(views: list[View]) -> View:
    return View(
        round(statistics.median(v.bytes for v in views)),
        statistics.median(v.fcp_ms for v in views),
        statistics.median(v.cls for v in views),
    )


def _throttled(browser: Browser) -> tuple[Page, dict[str, int]]:
    """A fresh phone tab (empty cache) with throttling on; the dict collects bytes per request."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", NETWORK)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    sizes: dict[str, int] = {}
    cdp.on("Network.loadingFinished", lambda event: sizes.__setitem__(event["requestId"], event["encodedDataLength"]))
    return page, sizes


def first_view(browser: Browser, url: str) -> View:
    page, sizes = _throttled(browser)
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    fcp, cls = page.evaluate(_FCP), page.evaluate(_CLS)
    page.context.close()
    return View(sum(sizes.values()), float(fcp), float(cls))


# Installed before the page loads: the time of the first key press, and of the first result
# item in the page, each from the page's own clock (a round trip to this process would add
# its own delay to a wait that should end when the results are drawn).
_SEARCH_PROBE = """(() => {
  const times = (window.__firstSearch = { key: null, shown: null });
  addEventListener("keydown", () => { times.key ??= performance.now(); }, true);
  new MutationObserver(() => {
    if (times.key !== null && times.shown === null && document.querySelector(RESULT)) times.shown = performance.now();
  }).observe(document, { childList: true, subtree: true });
})();""".replace("RESULT", f"'{RESULT}'")


def first_search_ms(browser: Browser, url: str, query: str) -> float:
    """Cold load, then the time from pressing the search key to the first results of ``query`` in the page.

    The search key focuses the search box, where search starts to load: this counts loading too.
    """
    page, _ = _throttled(browser)
    page.add_init_script(_SEARCH_PROBE)
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    page.keyboard.press("/")
    page.keyboard.type(query)
    page.wait_for_function("() => window.__firstSearch.shown !== null", timeout=60_000, polling=100)
    times = page.evaluate("() => window.__firstSearch")
    page.context.close()
    return float(times["shown"] - times["key"])
