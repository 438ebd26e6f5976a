"""``python -m benchmarks``: build scaling, hook overhead, first-view weight, search index, Lighthouse.

Prints Markdown tables (the README's "Numbers" section is this output). Everything is
built in a temporary folder; the working tree is only read. Search relevance has its
own command: ``python -m benchmarks.search``.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from benchmarks.browser import free_port, serve
from benchmarks.build import Timing, median, timed_build
from benchmarks.lighthouse import CATEGORIES, find_lighthouse, scores
from benchmarks.pages import page_types
from benchmarks.synthetic import ROOT, copy_project, prerender, scale_content
from benchmarks.weight import chromium, first_views, search_index

BUDGET = 75_000  # bytes of HTML + CSS + JS, gzipped, on a first view
OVERHEAD_TARGET = 1.15


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    lines = [headers, ["---"] * len(headers), *rows]
    return "\n".join("| " + " | ".join(str(cell) for cell in line) + " |" for line in lines)


def kb(size: int) -> str:
    return f"{size / 1000:.1f} kB"


def scaling(work: Path, factors: Sequence[int], runs: int) -> tuple[str, Path]:
    """Build time as content grows; returns the table and the 1x site for the other measurements."""
    rows, shipped = [], work / "site-1x"
    for factor in factors:
        config = copy_project(work / f"scaled-{factor}")
        scale_content(config.parent / "docs", factor)
        site = shipped if factor == 1 else work / f"site-{factor}x"
        timing = median([timed_build(config, site)[0] for _ in range(runs if factor < 100 else 1)])
        label = "shipped content" if factor == 1 else f"{factor}x synthetic"
        html = sum(page.stat().st_size for page in site.rglob("*.html")) / timing.pages
        hooks = sum(timing.hooks.values())
        rows.append(
            [
                label,
                timing.pages,
                f"{timing.cpu:.2f}",
                f"{hooks:.2f}",
                f"{timing.wall:.2f}",
                _per_page(timing),
                kb(html),
            ]
        )
        if site != shipped:
            shutil.rmtree(site)  # the 100x site takes gigabytes
    if 1 not in factors:
        timed_build(copy_project(work / "scaled-1"), shipped)
    headers = [
        "content",
        "pages",
        "build, CPU s",
        "in hooks, CPU s",
        "build, wall s",
        "CPU ms per page",
        "HTML per page",
    ]
    return table(headers, rows), shipped


def overhead(work: Path, factors: Sequence[int], runs: int) -> str:
    """Normal builds against pre-rendered, hook-free builds of the same content, interleaved."""
    rows = []
    for factor in factors:
        config, plain_project = (copy_project(work / f"{kind}-{factor}") for kind in ("hooked", "plain"))
        for project in (config, plain_project):
            scale_content(project.parent / "docs", factor)
        _, loaded = timed_build(plain_project, work / "overhead-plain")
        plain = prerender(loaded, work / "overhead-plain")
        hooked, bare = [], []
        for _ in range(runs):
            hooked.append(timed_build(config, work / "overhead-normal")[0])
            bare.append(timed_build(plain, work / "overhead-plain")[0])
        with_hooks, without = median(hooked), median(bare)
        ratio = with_hooks.cpu / without.cpu
        verdict = "meets" if ratio <= OVERHEAD_TARGET else "misses"
        label = "shipped content" if factor == 1 else f"{factor}x synthetic"
        rows.append(
            [
                label,
                f"{with_hooks.cpu:.2f}",
                f"{without.cpu:.2f}",
                f"**{ratio:.2f}** ({verdict} {OVERHEAD_TARGET})",
                _by_hook(with_hooks, without),
            ]
        )
    headers = ["content", "with hooks, CPU s", "pre-rendered, no hooks, CPU s", "ratio", "CPU s inside each hook"]
    return table(headers, rows)


def weights(site: Path, url: str) -> str:
    rows = []
    for name, view in first_views(site, url).items():
        verdict = "within" if view.budgeted <= BUDGET else "**over**"
        rows.append(
            [name, kb(view.html), kb(view.css), kb(view.js), f"{kb(view.budgeted)} ({verdict})", kb(view.other)]
        )
    headers = ["page type", "HTML", "CSS", "JS", f"total (budget {kb(BUDGET)})", "other fetched on load"]
    return table(headers, rows)


def lighthouse(site: Path, url: str, runs: int) -> str:
    command = find_lighthouse(ROOT)
    if command is None:
        return "Lighthouse is not installed, so its scores are skipped (see benchmarks/lighthouse.py to enable them)."
    rows = [[name, *scores(command, chromium(), url + path, runs).values()] for name, path in page_types(site).items()]
    return table(["page type", *CATEGORIES.values()], rows) + f"\n\nMedian of {runs} mobile runs per page type."


def _per_page(timing: Timing) -> str:
    return f"{1000 * timing.cpu / timing.pages:.1f}"


def _by_hook(timing: Timing, plain: Timing) -> str:
    """CPU seconds in each hook, and what share of the hook-free build that adds."""
    spent = sorted(timing.hooks.items(), key=lambda item: -item[1])
    return ", ".join(
        f"{Path(name).stem} {seconds:.2f} (+{seconds / plain.cpu:.0%})" for name, seconds in spent if seconds >= 0.005
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100", help="content multiples to build (default: 1,10,100)")
    parser.add_argument("--runs", type=int, default=3, help="runs per build, median reported (100x runs once)")
    parser.add_argument("--overhead-scales", default="1,10", help="content multiples for the hook overhead")
    parser.add_argument("--lighthouse-runs", type=int, default=3)
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")  # build errors stay visible
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    os.environ["SITE_URL"] = url  # every build knows the address it is served from
    work = Path(tempfile.mkdtemp(prefix="unsent-bench-"))
    try:
        build_table, site = scaling(work, [int(n) for n in args.scales.split(",")], args.runs)
        print("### Build time\n\n" + build_table + "\n")
        print("### Hook overhead\n\n" + overhead(work, [int(n) for n in args.overhead_scales.split(",")], args.runs))
        raw, packed = search_index(site)
        print(f"\n### Search index\n\n{table(['raw', 'gzipped'], [[kb(raw), kb(packed)]])}\n")
        with serve(site, port):
            print("### First view (phone, empty cache, gzipped)\n\n" + weights(site, url) + "\n")
            print("### Lighthouse (mobile)\n\n" + lighthouse(site, url, args.lighthouse_runs))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
