"""Search relevance harness: the real Material search box, in Chromium, on a real build.

Run ``python -m benchmarks.search`` from the repository root. It builds the site
twice, once as it ships and once without the search tuning hook (the baseline),
types every query of ``tests/search_queries.yml`` into the search box of each and
prints hit@1, hit@3 and MRR, the size of the search index and the time from the
last keystroke to the first results. ``tests/browser/test_search_relevance.py``
runs the same code on the build the test session makes.
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from mkdocs.utils.yaml import yaml_load
from playwright.sync_api import Browser, Page, sync_playwright

from benchmarks.browser import CHROMIUM_ARGS, MISSING_CHROMIUM, find_chromium, serve
from kb.searchtune.lazy import full_index

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "search_queries.yml"
TUNING_HOOK = "hooks/search_tuning.py"
SEARCH_INPUT = "input.md-search__input"

# Runs before Material: wraps its search worker to see each query and result message
# (Material's message types: 1 ready, 2 query, 3 result), and times the result list.
# Worker is wrapped through a setter too, as the offline build swaps in an iframe shim.
_PROBE = """
(() => {
  const probe = { ready: false, sent: 0, received: 0, lastQuery: null, keyAt: 0, shownAt: 0 };
  window.__searchProbe = probe;
  const wrap = (Base) => class extends Base {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", ({ data }) => {
        if (data && data.type === 1) probe.ready = true;
        if (data && data.type === 3) probe.received += 1;
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
      new MutationObserver(() => { if (!probe.shownAt) probe.shownAt = performance.now(); })
        .observe(results, { childList: true, characterData: true, subtree: true });
    }
  }).observe(document, { childList: true, subtree: true });
})();
"""

# Each result group (one page) is ranked by its best-scoring link, as Material's Enter key does.
_READ_RESULTS = """
() => [...document.querySelectorAll(".md-search-result__item")].map(item => {
  let best = null, bestScore = -1;
  for (const link of item.querySelectorAll("a.md-search-result__link")) {
    const score = parseFloat(link.querySelector("article").dataset.mdScore);
    if (score > bestScore) { best = link.href; bestScore = score; }
  }
  return best;
})
"""


@dataclass(frozen=True)
class Query:
    text: str
    expect: tuple[str, ...]
    group: str = ""  # queries CI holds to a stricter bar, such as "danger"


@dataclass(frozen=True)
class Answer:
    """What the search box showed for one query: the best location of each result group, in order."""

    query: Query
    ranked: tuple[str, ...]
    latency_ms: float

    def rank(self) -> int | None:
        """1-based position of the first result group that is an expected answer."""
        for position, location in enumerate(self.ranked, start=1):
            if any(_matches(location, expected) for expected in self.query.expect):
                return position
        return None


@dataclass(frozen=True)
class Scores:
    hit1: float
    hit3: float
    mrr: float
    latency_median_ms: float
    latency_p90_ms: float
    misses: tuple[Answer, ...]


def load_queries(path: Path = QUERIES) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(str(item["query"]), tuple(item["expect"]), str(item.get("group", ""))) for item in data["queries"]]


def query_groups(path: Path = QUERIES) -> dict[str, tuple[str, ...]]:
    """Query texts by group: a group starts at the first comment line after a blank line."""
    groups: dict[str, list[str]] = {}
    heading, blank = "", True
    for line in path.read_text(encoding="utf-8").splitlines():
        text = line.strip()
        if text.startswith("#") and blank:
            heading = text.lstrip("# ").strip()
        elif text.startswith("- query:"):
            groups.setdefault(heading, []).append(str(yaml.safe_load(text.removeprefix("- query:"))))
        blank = not text or text == "queries:"
    return {name: tuple(texts) for name, texts in groups.items()}


def _matches(location: str, expected: str) -> bool:
    """An expected page matches any of its sections; an expected section (with '#') only itself."""
    if "#" in expected:
        return location == expected
    return location.split("#")[0] == expected


def score(answers: Sequence[Answer]) -> Scores:
    ranks = [answer.rank() for answer in answers]
    latencies = sorted(answer.latency_ms for answer in answers)
    return Scores(
        hit1=sum(rank == 1 for rank in ranks) / len(ranks),
        hit3=sum(rank is not None and rank <= 3 for rank in ranks) / len(ranks),
        mrr=sum(1 / rank for rank in ranks if rank) / len(ranks),
        latency_median_ms=statistics.median(latencies),
        latency_p90_ms=latencies[int(0.9 * (len(latencies) - 1))],
        misses=tuple(answer for answer, rank in zip(answers, ranks, strict=True) if rank != 1),
    )


def watch_search(page: Page) -> None:
    """Install the probe that sees Material's search worker; call before the page loads."""
    page.add_init_script(_PROBE)


def wait_for_results(page: Page, query: str) -> None:
    """Wait until the result list shows the answer to ``query`` (typed last), not an earlier prefix."""
    page.wait_for_function(
        """q => { const p = window.__searchProbe;
                  return p.lastQuery === q && p.received === p.sent && p.shownAt > 0; }""",
        arg=query,
        timeout=30_000,
    )


class SearchBox:
    """One browser tab on the site; each query clears the box and types the query."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url.rstrip("/") + "/"
        watch_search(page)
        page.goto(self.base_url)
        page.locator(SEARCH_INPUT).click()  # the first search starts the worker and loads the index
        page.wait_for_function("() => window.__searchProbe.ready", timeout=60_000)

    def ask(self, text: str) -> tuple[tuple[str, ...], float]:
        """Type ``text`` (the last character as a real keystroke) and return ranked locations and latency."""
        box = self.page.locator(SEARCH_INPUT)
        box.fill(text[:-1])
        box.press(text[-1])
        wait_for_results(self.page, text)
        latency = self.page.evaluate("window.__searchProbe.shownAt - window.__searchProbe.keyAt")
        return tuple(self._relative(href) for href in self.page.evaluate(_READ_RESULTS) if href), latency

    def answer(self, query: Query) -> Answer:
        ranked, latency = self.ask(query.text)
        return Answer(query, ranked, latency)

    def _relative(self, href: str) -> str:
        """A result link as a location like 'faq/texting/#birthday-text' (also from a build without
        directory URLs, whose links end in '.html')."""
        parts = urlsplit(href)
        path = parts.path[len(urlsplit(self.base_url).path) :]
        if path.endswith(".html"):
            path = path.removesuffix("index.html").removesuffix(".html")
            path = path + "/" if path and not path.endswith("/") else path
        return path + (f"#{parts.fragment}" if parts.fragment else "")


def run_queries(page: Page, base_url: str, queries: Sequence[Query]) -> list[Answer]:
    box = SearchBox(page, base_url)
    box.ask("warm up")  # the first query also pays for building the index in the worker
    return [box.answer(query) for query in queries]


def index_size(site_dir: Path) -> tuple[int, int]:
    """Bytes of the index the reader's search runs on, raw and gzipped (level 9)."""
    data = full_index(site_dir).read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=9))


def build(site_dir: Path, site_url: str, baseline: bool = False) -> None:
    """A strict build of the site; the baseline drops only the search tuning hook."""
    config = ROOT / "mkdocs.yml"
    with _baseline_config(config) if baseline else _same(config) as used:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(used), "-d", str(site_dir)]
        result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    if result.returncode != 0:
        raise SystemExit(f"build failed:\n{result.stderr}")


@contextmanager
def _same(config: Path) -> Iterator[Path]:
    yield config


@contextmanager
def _baseline_config(config: Path) -> Iterator[Path]:
    """A config that inherits everything but lists the hooks without ours (lists replace on INHERIT)."""
    with config.open(encoding="utf-8") as handle:
        hooks = [hook for hook in yaml_load(handle).get("hooks", []) if hook != TUNING_HOOK]
    # Beside mkdocs.yml, so relative paths in the inherited config still resolve.
    handle, name = tempfile.mkstemp(prefix=".baseline-", suffix=".yml", dir=config.parent)
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            yaml.safe_dump({"INHERIT": config.name, "hooks": hooks}, out)
        yield path
    finally:
        path.unlink(missing_ok=True)


@dataclass(frozen=True)
class Run:
    label: str
    scores: Scores
    index_raw: int
    index_gzip: int
    answers: tuple[Answer, ...] = ()


def measure(browser: Browser, label: str, baseline: bool, queries: Sequence[Query], work: Path) -> Run:
    site_dir = work / label
    with serve(site_dir) as url:
        build(site_dir, url, baseline=baseline)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        answers = run_queries(context.new_page(), url, queries)
        context.close()
    return Run(label, score(answers), *index_size(site_dir), answers=tuple(answers))


def table(runs: Sequence[Run], count: int) -> str:
    lines = [
        f"| build ({count} queries) | hit@1 | hit@3 | MRR | index raw | index gzip | last keystroke to results |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for run in runs:
        s = run.scores
        lines.append(
            f"| {run.label} | {s.hit1:.2f} | {s.hit3:.2f} | {s.mrr:.2f} | {run.index_raw / 1024:.0f} KB"
            f" | {run.index_gzip / 1024:.0f} KB | {s.latency_median_ms:.0f} ms median, {s.latency_p90_ms:.0f} ms p90 |"
        )
    return "\n".join(lines)


def group_table(runs: Sequence[Run], groups: dict[str, tuple[str, ...]], wanted: Sequence[str]) -> str:
    """hit@1, hit@3 and MRR of each query group whose heading contains one of ``wanted``."""
    lines = ["| group | build | queries | hit@1 | hit@3 | MRR |", "| --- | --- | --- | --- | --- | --- |"]
    for name, texts in groups.items():
        if not any(part.lower() in name.lower() for part in wanted):
            continue
        for run in runs:
            s = score([answer for answer in run.answers if answer.query.text in texts])
            lines.append(f"| {name} | {run.label} | {len(texts)} | {s.hit1:.2f} | {s.hit3:.2f} | {s.mrr:.2f} |")
    return "\n".join(lines)


def _chromium() -> str:
    if path := find_chromium():
        return path
    raise SystemExit(MISSING_CHROMIUM)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list queries whose first result is not expected")
    parser.add_argument(
        "--group",
        action="append",
        default=[],
        metavar="TEXT",
        help="also score each group of queries whose comment heading contains TEXT (repeatable)",
    )
    args = parser.parse_args(argv)
    queries = load_queries()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
        runs = [
            measure(browser, "ours", False, queries, Path(tmp)),
            measure(browser, "baseline (Material alone)", True, queries, Path(tmp)),
        ]
        browser.close()
    print(table(runs, len(queries)))
    if args.group:
        print()
        print(group_table(runs, query_groups(), args.group))
    if args.misses:
        for run in runs:
            for miss in run.scores.misses:
                print(f"{run.label}: {miss.query.text!r} -> {list(miss.ranked[:3])} (want {list(miss.query.expect)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
