"""Timed MkDocs builds, with the time each hook spends in its events.

Times are CPU seconds of the building process (``time.process_time``) beside wall-clock seconds:
on a shared machine the wall clock mostly measures the neighbours, while CPU time stays put.
``fresh_build`` runs each build in a new Python process, so no build is helped by what an
earlier one left in memory (imported modules, compiled patterns, caches); run as
``python -m benchmarks.build CONFIG SITE_DIR`` it prints that build's timing as JSON.
"""

from __future__ import annotations

import functools
import gc
import json
import logging
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

ROOT = Path(__file__).resolve().parent.parent
ADAPTERS = "kb.adapters."  # the modules of the handlers the engine's plugin runs, timed as hooks are


@dataclass(frozen=True)
class Timing:
    cpu: float
    wall: float
    pages: int
    hooks: dict[str, float] = field(default_factory=dict)  # hook file -> CPU seconds in its events


def timed_build(config_file: Path, site_dir: Path, **options: Any) -> tuple[Timing, MkDocsConfig]:
    """One strict build; ``options`` override mkdocs.yml settings (site_url, for example)."""
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    config = load_config(str(config_file), strict=True, site_dir=str(site_dir), **options)
    spent = _time_hooks(config)
    build(config)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    pages = sum(1 for _ in site_dir.rglob("*.html"))
    return Timing(cpu, wall, pages, dict(spent)), config


def fresh_build(config_file: Path, site_dir: Path) -> Timing:
    """One strict build, timed as ``timed_build`` times it, in a new Python process."""
    command = [sys.executable, "-m", "benchmarks.build", str(config_file), str(site_dir)]
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, text=True, check=False)  # build errors: stderr
    if done.returncode != 0:
        raise RuntimeError(f"the build of {config_file} failed (exit {done.returncode}); its errors are above")
    return Timing(**json.loads(done.stdout.splitlines()[-1]))


def median(timings: list[Timing]) -> Timing:
    """The median of several runs of the same build, field by field."""
    hooks = {name: statistics.median(t.hooks.get(name, 0.0) for t in timings) for name in timings[0].hooks}
    return Timing(
        statistics.median(t.cpu for t in timings), statistics.median(t.wall for t in timings), timings[0].pages, hooks
    )


def _time_hooks(config: MkDocsConfig) -> dict[str, float]:
    """Wrap every event handler of every hook file so its CPU time adds up under the hook's name."""
    spent: dict[str, float] = defaultdict(float)
    names = set(config.hooks)
    for handlers in config.plugins.events.values():
        for index, handler in enumerate(handlers):
            module = getattr(handler, "__module__", None) or ""
            if module in names or module.startswith(ADAPTERS):
                handlers[index] = _timed(handler, spent)
    return spent


def _timed(handler: Callable[..., Any], spent: dict[str, float]) -> Callable[..., Any]:
    @functools.wraps(handler)
    def run(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return handler(*args, **kwargs)
        finally:
            spent[handler.__module__.removeprefix(ADAPTERS)] += time.process_time() - start

    return run


def main(argv: Sequence[str] | None = None) -> int:
    config_file, site_dir = (Path(arg) for arg in (sys.argv[1:] if argv is None else argv))
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")  # build errors stay visible
    timing, _ = timed_build(config_file, site_dir)
    print(json.dumps(asdict(timing)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
