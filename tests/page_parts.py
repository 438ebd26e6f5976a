"""Parts of a built page, so an assertion about a page's own content is never met by the sidebar.

Material's navigation links every page and its table of contents names every heading, so a check on
the whole document passes even when the page itself lost the list it should hold.
"""

from __future__ import annotations

import re


def element(html: str, tag: str, marker: str) -> str:
    """The first ``<tag>`` element whose opening tag contains ``marker``, nested ``<tag>``s included."""
    start = next((m.start() for m in re.finditer(rf"<{tag}\b[^>]*>", html) if marker in m.group(0)), -1)
    assert start >= 0, f"no <{tag}> with {marker!r} in the page"
    depth = 0
    for match in re.compile(rf"<(/?){tag}\b[^>]*>").finditer(html, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return html[start : match.end()]
    raise AssertionError(f"<{tag}> with {marker!r} is never closed")


def article(html: str) -> str:
    """The page's own content: Material's article, without header, sidebars or footer."""
    return element(html, "article", "md-content__inner")


def primary_nav(html: str) -> str:
    """The site navigation (the left sidebar, or the drawer on a phone)."""
    return element(html, "nav", "md-nav--primary")


def head(html: str) -> str:
    return element(html, "head", "")
