"""What a first visit downloads, measured in a real browser, and the size of the search index."""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from playwright.sync_api import Response, sync_playwright

from benchmarks.browser import CHROMIUM_ARGS, MISSING_CHROMIUM, find_chromium
from benchmarks.pages import page_types

PHONE = {"width": 390, "height": 844}
KINDS = {"document": "html", "stylesheet": "css", "script": "js"}
SEARCH_INDEX = Path("search", "search_index.json")


@dataclass(frozen=True)
class FirstView:
    """Gzipped bytes a page type fetches on first load, by kind; 'other' is anything else (JSON, images)."""

    html: int
    css: int
    js: int
    other: int

    @property
    def budgeted(self) -> int:
        return self.html + self.css + self.js


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))  # a common server default


def chromium() -> str:
    if path := find_chromium():
        return path
    raise SystemExit(MISSING_CHROMIUM)


def first_views(site: Path, url: str) -> dict[str, FirstView]:
    """Page type -> what its first view downloads, each file counted once, gzipped from the build."""
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        for name, path in page_types(site).items():
            context = browser.new_context(viewport=PHONE)  # empty cache: a first visit
            page = context.new_page()
            fetched: dict[str, str] = {}

            def record(response: Response, fetched: dict[str, str] = fetched) -> None:
                if response.url.startswith(url):
                    fetched[response.url] = KINDS.get(response.request.resource_type, "other")

            page.on("response", record)
            page.goto(url + path, wait_until="networkidle")
            context.close()
            sizes = {"html": 0, "css": 0, "js": 0, "other": 0}
            for address, kind in fetched.items():
                file = _file_for(site, urlsplit(address).path)
                if file is not None:
                    sizes[kind] += gzipped(file.read_bytes())
            results[name] = FirstView(**sizes)
        browser.close()
    return results


def search_index(site: Path) -> tuple[int, int]:
    """The search index as served: raw bytes and gzipped bytes."""
    data = (site / SEARCH_INDEX).read_bytes()
    return len(data), gzipped(data)


def _file_for(site: Path, path: str) -> Path | None:
    file = site / unquote(path).lstrip("/")
    if file.is_dir():
        file = file / "index.html"
    return file if file.is_file() else None
