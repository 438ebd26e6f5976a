"""Nothing in the built site makes a reader's browser ask another host for anything.

Every built page and stylesheet is read for what a browser fetches on its own (scripts,
styles, images, frames, icons, prefetch hints, a refresh, CSS url() and @import) and where a
form sends what is typed; any of it on another host is a leak. Links a reader may follow are
not requests. tests/browser/test_privacy.py opens one page of each type to catch what
scripts fetch at run time.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

# Attributes whose URL the browser fetches without a click (or, for action, sends a form to).
FETCHED = {
    "src": None,
    "srcset": None,
    "poster": None,
    "data": {"object"},
    "action": {"form"},
    "formaction": None,
    "href": {"link", "image", "use"},
}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.IGNORECASE)
REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\"\s;]+)", re.IGNORECASE)


class _Fetches(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            tags = FETCHED.get(name, set())
            if name in FETCHED and (tags is None or tag in tags):
                if name == "srcset":
                    self.urls += [part.split()[0] for part in value.split(",") if part.strip()]
                else:
                    self.urls.append(value)
            elif name == "style":
                self.urls += css_urls(value)
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.urls += REFRESH_URL.findall(values.get("content", ""))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.urls += css_urls(data)


def css_urls(css: str) -> list[str]:
    return [first or second for first, second in CSS_URL.findall(css)]


def fetched(file: Path) -> list[str]:
    """The URLs a browser fetches (or a form sends to) from one built HTML or CSS file."""
    text = file.read_text(encoding="utf-8")
    if file.suffix == ".css":
        return css_urls(text)
    parser = _Fetches()
    parser.feed(text)
    return parser.urls


def foreign(site: Path, site_url: str) -> tuple[list[str], int]:
    """Every fetched URL, in every built page and stylesheet, that is not on the site; and how many files."""
    files = sorted([*site.rglob("*.html"), *site.rglob("*.css")])
    home = urlsplit(site_url)
    found = []
    for file in files:
        base = urljoin(site_url, file.relative_to(site).as_posix())
        for url in fetched(file):
            target = urlsplit(urljoin(base, url.strip()))
            if target.scheme not in ("data", "blob") and (target.scheme, target.netloc) != (home.scheme, home.netloc):
                found.append(f"{file.relative_to(site).as_posix()}: {url}")
    return found, len(files)


def test_no_built_page_or_stylesheet_fetches_from_another_host(built_site: Path, site_url: str) -> None:
    found, files = foreign(built_site, site_url)
    assert files > 50
    assert found == []


def test_the_scan_finds_every_kind_of_fetch(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<link rel="preconnect" href="https://fonts.example"><script src="//cdn.example/a.js"></script>'
        '<img srcset="ok.png 1x, https://img.example/b.png 2x"><p style="background: url(\'https://bg.example/c\')">'
        '<style>@import "https://css.example/d.css";</style><form action="https://form.example/e"></form>'
        '<meta http-equiv="refresh" content="0; url=https://go.example/f"><a href="https://fine.example/">ok</a>'
        '<img src="/logo.png"><script src="assets/x.js"></script><img src="data:image/png;base64,AA==">'
    )
    (tmp_path / "site.css").write_text("a { background: url(https://font.example/g.woff2) } b { x: url(ok.svg) }")
    found, files = foreign(tmp_path, "http://127.0.0.1:8000/")
    assert files == 2
    assert [line.split(": ", 1)[1] for line in found] == [
        "https://fonts.example",
        "//cdn.example/a.js",
        "https://img.example/b.png",
        "https://bg.example/c",
        "https://css.example/d.css",
        "https://form.example/e",
        "https://go.example/f",
        "https://font.example/g.woff2",
    ]
