"""Every internal link, script, stylesheet and #anchor in the built site points at something that exists."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from .support.site import file_for

LINK_ATTRIBUTES = {"href", "src", "action"}
EXTERNAL_SCHEMES = ("mailto:", "tel:", "sms:", "javascript:", "data:")


@dataclass
class PageScan:
    """What one HTML file offers (ids) and asks for (links)."""

    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = PageScan()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.scan.ids.add(value)
            elif name in LINK_ATTRIBUTES:
                self.scan.links.append(value)


def scan(html: Path) -> PageScan:
    scanner = _Scanner()
    scanner.feed(html.read_text(encoding="utf-8"))
    return scanner.scan


def page_url(site: Path, html: Path, site_url: str) -> str:
    return urljoin(site_url, html.relative_to(site).as_posix())


def broken_links(site: Path, site_url: str) -> tuple[list[str], int]:
    """Every internal reference that does not resolve, and how many were checked."""
    pages = {html: scan(html) for html in sorted(site.rglob("*.html"))}
    root = urlsplit(site_url)
    broken: list[str] = []
    checked = 0
    for html, found in pages.items():
        base = page_url(site, html, site_url)
        for link in found.links:
            if link.startswith(EXTERNAL_SCHEMES):
                continue
            url = urlsplit(urljoin(base, link))
            if (url.scheme, url.netloc) != (root.scheme, root.netloc) or not url.path.startswith(root.path):
                continue  # another host: nothing in the build to check against
            checked += 1
            where = f"{html.relative_to(site).as_posix()}: {link}"
            target = file_for(site, posixpath.relpath(url.path, root.path) if url.path != root.path else "")
            if target is None:
                broken.append(f"{where}: no such file")
            elif url.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else scan(target).ids
                if unquote(url.fragment) not in ids:
                    broken.append(f"{where}: no id '{unquote(url.fragment)}' in {target.relative_to(site).as_posix()}")
    return broken, checked


def test_every_internal_link_and_anchor_resolves(built_site: Path, site_url: str) -> None:
    broken, checked = broken_links(built_site, site_url)
    # A crawl that found almost nothing proves nothing: the site has hundreds of internal links.
    assert checked > 500, f"only {checked} internal links found"
    assert broken == [], f"{len(broken)} broken internal link(s):\n" + "\n".join(broken)


def test_the_crawler_reports_missing_pages_and_anchors(tmp_path: Path) -> None:
    (tmp_path / "guide").mkdir()
    (tmp_path / "guide" / "index.html").write_text('<h2 id="start">Start</h2>')
    (tmp_path / "index.html").write_text(
        '<a href="guide/#start">ok</a> <a href="guide/#end">bad anchor</a> <a href="gone/">bad page</a>'
        ' <a href="#top">bad local anchor</a> <a href="https://example.org/x">elsewhere</a>'
        ' <img src="/img.png"> <a href="mailto:a@b.c">mail</a>'
    )
    broken, checked = broken_links(tmp_path, "http://127.0.0.1:1/")
    assert checked == 5
    assert broken == [
        "index.html: guide/#end: no id 'end' in guide/index.html",
        "index.html: gone/: no such file",
        "index.html: #top: no id 'top' in index.html",
        "index.html: /img.png: no such file",
    ]
