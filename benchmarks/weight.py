"""What a first visit downloads, measured in a real browser, and the size of the search index."""

from __future__ import annotations

import functools
import gzip
import os
import shutil
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from playwright.sync_api import Response, sync_playwright

from benchmarks.pages import page_types

PHONE = {"width": 390, "height": 844}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
KINDS = {"document": "html", "stylesheet": "css", "script": "js"}
SEARCH_INDEX = Path("search", "search_index.json")
TEXT = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _GzipHandler(SimpleHTTPRequestHandler):
    """Serves text files gzipped, as any real host does, so Lighthouse judges the site and not this server."""

    def do_GET(self) -> None:
        file = Path(self.translate_path(self.path))
        if file.is_dir() and self.path.split("?")[0].endswith("/"):
            file = file / "index.html"
        kind = self.guess_type(str(file))
        if not (file.is_file() and "gzip" in self.headers.get("Accept-Encoding", "") and kind.startswith(TEXT)):
            super().do_GET()
            return
        body = gzip.compress(file.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serving(site: Path, port: int) -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_GzipHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        httpd.shutdown()


def chromium() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise SystemExit("Chromium not found: install it (apt-get install -y chromium) or set CHROMIUM")
    return path


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
