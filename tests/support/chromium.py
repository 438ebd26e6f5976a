"""The system Chromium (Debian's package): Playwright drives it and never downloads a browser."""

from __future__ import annotations

import os
import shutil

# Headless Chromium as this machine runs it: without the background-networking flags it
# keeps trying hosts that a closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MISSING_CHROMIUM = "Chromium not found: install it (apt-get install -y chromium) or set CHROMIUM=/path/to/chromium"


def find_chromium() -> str | None:
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def chromium_or_exit() -> str:
    """The browser's path for a command-line tool, which stops with the install hint without one."""
    if path := find_chromium():
        return path
    raise SystemExit(MISSING_CHROMIUM)
