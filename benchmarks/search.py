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

import yaml
from mkdocs.utils.yaml import yaml_load
from playwright.sync_api import Browser, Page, sync_playwright

from kb.searchtune.lazy import full_index
from tests.support.chromium import CHROMIUM_ARGS, chromium_or_exit
from tests.support.search import open_search, relative, search, settled_answer, type_query, watch_search
from tests.support.server import serve

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "search_queries.yml"


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


class SearchBox:
    """One browser tab on the site; each query replaces the last, its final character a real keystroke."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url.rstrip("/") + "/"
        watch_search(page)
        page.goto(self.base_url)
        open_search(page)

    def answer(self, query: Query) -> Answer:
        type_query(self.page, query.text)
        latency, hrefs = settled_answer(self.page, query.text)
        return Answer(query, tuple(relative(self.base_url, href) for href in hrefs), latency)


def run_queries(page: Page, base_url: str, queries: Sequence[Query]) -> list[Answer]:
    box = SearchBox(page, base_url)
    search(page, "warm up")  # the first query also pays for building the index in the worker
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
    """A config that inherits everything but runs the engine's plugin without search tuning (lists replace)."""
    with config.open(encoding="utf-8") as handle:
        plugins = [{"kb": {"skip": ["search_tuning"]}} if p == "kb" else p for p in yaml_load(handle)["plugins"]]
    # Beside mkdocs.yml, so relative paths in the inherited config still resolve.
    handle, name = tempfile.mkstemp(prefix=".baseline-", suffix=".yml", dir=config.parent)
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            yaml.safe_dump({"INHERIT": config.name, "plugins": plugins}, out)
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
        browser = playwright.chromium.launch(executable_path=chromium_or_exit(), args=CHROMIUM_ARGS)
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
