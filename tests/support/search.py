"""Material's search box, driven as a reader drives it, and waited on until the answer is settled.

Every browser test and the relevance benchmark search through here. A probe installed before
the page loads sees Material's search worker (message types: 1 ready, 2 query, 3 result), so a
search waits for the worker to be ready with the full index before typing (the loader first
answers from a small one; its READY says ``first``), and after typing until the result list
shows the answer to the last query typed (not a prefix's answer, not a half-made list). The
loader's answer to a query it asks again itself (``again``) is not an answer to a query sent.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, Page

SEARCH_INPUT = "input.md-search__input"
# One link per result group: the group's page (or its best section), as Material lists it.
RESULT_LINK = ".md-search-result__item > a.md-search-result__link"

# Worker is wrapped through a setter too, as the offline build swaps in an iframe shim.
# `shownFor` is the number of results received when the list last changed: once it equals
# `received`, the list was drawn from the newest result (Material draws in the same task).
PROBE = """
(() => {
  if (window.__searchProbe) return;
  const probe = { full: false, sent: 0, received: 0, shownFor: -1, lastQuery: null, keyAt: 0, shownAt: 0 };
  window.__searchProbe = probe;
  const wrap = (Base) => class extends Base {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", ({ data }) => {
        if (data && data.type === 1 && !data.first) probe.full = true;
        if (data && data.type === 3 && !data.again) probe.received += 1;
      });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) { probe.sent += 1; probe.lastQuery = message.data; }
      return super.postMessage(message, ...rest);
    }
  };
  let Wrapped = wrap(window.Worker);
  Object.defineProperty(window, "Worker", {
    configurable: true, get: () => Wrapped, set: (Base) => { Wrapped = wrap(Base); },
  });
  document.addEventListener("keydown", () => { probe.keyAt = performance.now(); probe.shownAt = 0; }, true);
  // The count line changes too, so a query with no results after another one still counts as shown.
  new MutationObserver(() => {
    const results = document.querySelector(".md-search-result");
    if (results && !results.dataset.probed) {
      results.dataset.probed = "1";
      new MutationObserver(() => {
        probe.shownFor = probe.received;
        if (!probe.shownAt) probe.shownAt = performance.now();
      }).observe(results, { childList: true, characterData: true, subtree: true });
    }
  }).observe(document, { childList: true, subtree: true });
})();
"""
# Predicates are functions: Playwright evaluates expression strings, which the pages' policy forbids.
_READY = "() => window.__searchProbe && window.__searchProbe.full"
_SETTLED = """q => { const p = window.__searchProbe;
  return p.lastQuery === q && p.received === p.sent && p.shownFor === p.received; }"""
# Each result group (one page) is ranked by its best-scoring link, as Material's Enter key does.
_BEST = """[...document.querySelectorAll(".md-search-result__item")].map(item => {
  let best = null, bestScore = -1;
  for (const link of item.querySelectorAll("a.md-search-result__link")) {
    const score = parseFloat(link.querySelector("article").dataset.mdScore);
    if (score > bestScore) { best = link.href; bestScore = score; }
  }
  return best;
})"""
_BEST_LINKS = f"() => {_BEST}"
# Waits in the page for the settled answer to ``q`` and returns [ms from last key to list, ranked links]:
# one call per query, as the relevance harness asks hundreds.
_SETTLED_ANSWER = f"""async ([q, timeout]) => {{ const p = window.__searchProbe, until = performance.now() + timeout;
  while (!(p.lastQuery === q && p.received === p.sent && p.shownFor === p.received)) {{
    if (performance.now() > until) throw new Error("no settled results for " + q);
    await new Promise(requestAnimationFrame);
  }}
  return [p.shownAt - p.keyAt, {_BEST}];
}}"""
WIDE = "(min-width: 76.25em)"  # Material's breakpoint for the search box in the header
TIMEOUT = 30_000  # ms: the first query also pays for building the index in the worker


def watch_search(target: Page | BrowserContext) -> None:
    """Install the probe on a page or on every page of a context; call before the page loads."""
    target.add_init_script(PROBE)


def open_search(page: Page) -> None:
    """Focus the search box the way a reader does: by the search icon below Material's wide layout."""
    if not page.evaluate(f"() => matchMedia('{WIDE}').matches"):
        page.locator("label[for='__search']").first.click()
    page.locator(SEARCH_INPUT).click()


def wait_for_results(page: Page, query: str, timeout: float = TIMEOUT) -> None:
    """Wait until the result list shows the answer to ``query``, typed last, and nothing is pending."""
    page.wait_for_function(_SETTLED, arg=query, timeout=timeout)


def search(page: Page, query: str, *, key_by_key: bool = False) -> list[str]:
    """Type ``query`` into the open search box and return the result links once they are settled.

    Material reads the box on keyup, so the last character is always a real keystroke; with
    ``key_by_key`` every character is, and each prefix is searched on the way, as a reader types.
    """
    type_query(page, query, key_by_key=key_by_key)
    wait_for_results(page, query)
    return links(page)


def type_query(page: Page, query: str, *, key_by_key: bool = False) -> None:
    """Type ``query`` into the open search box, once the full index is ready, without waiting for results."""
    page.wait_for_function(_READY, timeout=TIMEOUT)
    box = page.locator(SEARCH_INPUT)
    if page.evaluate("() => window.__searchProbe.lastQuery") == query:
        box.fill("")  # the box ignores a query equal to the last one, so make the last one differ
        box.press("Backspace")
    if key_by_key:
        box.fill("")
        box.press_sequentially(query)
    else:
        box.fill(query[:-1])
        box.press(query[-1])


def settled_answer(page: Page, query: str) -> tuple[float, list[str]]:
    """For ``query``, just typed: milliseconds from its last key to the list, and the ranked result URLs."""
    latency, hrefs = page.evaluate(_SETTLED_ANSWER, [query, TIMEOUT])
    return latency, [href for href in hrefs if href]


def links(page: Page) -> list[str]:
    """The href of each result group's own link, in order (read in one call: a list can be long)."""
    return page.evaluate(f"() => [...document.querySelectorAll({RESULT_LINK!r})].map(a => a.getAttribute('href'))")


def ranked(page: Page) -> list[str]:
    """Absolute URLs of the result groups in order, each by its best-scoring link."""
    return [href for href in page.evaluate(_BEST_LINKS) if href]


def relative(base_url: str, href: str) -> str:
    """A result link as a location like 'faq/texting/#birthday-text' (also from a build without
    directory URLs, whose links end in '.html')."""
    parts = urlsplit(href)
    path = parts.path[len(urlsplit(base_url).path) :]
    if path.endswith(".html"):
        path = path.removesuffix("index.html").removesuffix(".html")
        path = path + "/" if path and not path.endswith("/") else path
    return path + (f"#{parts.fragment}" if parts.fragment else "")
