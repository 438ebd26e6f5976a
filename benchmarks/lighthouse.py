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
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"


def find_lighthouse(root: Path) -> str | None:
    local = root / "node_modules" / ".bin" / "lighthouse"
    return os.environ.get("LIGHTHOUSE") or shutil.which("lighthouse") or (str(local) if local.exists() else None)


def scores(command: str, chrome: str, url: str, runs: int) -> dict[str, int]:
    """Category -> median score (0-100) over ``runs`` mobile runs; performance varies run to run."""
    results: dict[str, list[float]] = {name: [] for name in CATEGORIES.values()}
    for _ in range(runs):
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
        categories = json.loads(report.stdout)["categories"]
        for key, name in CATEGORIES.items():
            results[name].append(categories[key]["score"] * 100)
    return {name: round(statistics.median(values)) for name, values in results.items()}
