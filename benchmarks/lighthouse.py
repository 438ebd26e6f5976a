"""Lighthouse mobile scores, where Lighthouse is installed; nothing here installs it.

Point ``LIGHTHOUSE`` at the command, or have ``lighthouse`` on the PATH or in
``node_modules/.bin`` (``npm i -E lighthouse@12.2.3``; later majors need a newer Node).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
from pathlib import Path

# Lighthouse category id -> column name.
CATEGORIES = {
    "performance": "performance",
    "accessibility": "accessibility",
    "best-practices": "best practices",
    "seo": "SEO",
}
# The metrics that explain a mobile performance score here (milliseconds, as Lighthouse simulates them).
METRICS = {"total-blocking-time": "TBT", "first-contentful-paint": "FCP"}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"


def find_lighthouse(root: Path) -> str | None:
    local = root / "node_modules" / ".bin" / "lighthouse"
    return os.environ.get("LIGHTHOUSE") or shutil.which("lighthouse") or (str(local) if local.exists() else None)


def run(command: str, chrome: str, url: str) -> dict[str, float]:
    """One mobile run: category -> score (0-100), metric -> milliseconds."""
    report = subprocess.run(
        [
            command,
            url,
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            f"--chrome-flags={CHROME_FLAGS}",
            f"--only-categories={','.join(CATEGORIES)}",
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "CHROME_PATH": chrome},
        timeout=180,
    )
    found = json.loads(report.stdout)
    result = {name: found["categories"][key]["score"] * 100 for key, name in CATEGORIES.items()}
    return result | {name: found["audits"][key]["numericValue"] for key, name in METRICS.items()}


def median_scores(runs: list[dict[str, float]]) -> dict[str, int]:
    """Each score and metric's median over runs; performance varies run to run."""
    return {name: round(statistics.median(r[name] for r in runs)) for name in runs[0]}


def scores(command: str, chrome: str, url: str, runs: int) -> dict[str, int]:
    """Category -> median score (0-100) and metric -> median milliseconds over ``runs`` mobile runs."""
    return median_scores([run(command, chrome, url) for _ in range(runs)])
