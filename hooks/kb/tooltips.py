"""Glossary tooltips a reader can live with: the first use of each term on a page, in running text.

Markdown's ``abbr`` extension marks every use of every term, in headings and inside links too, where a
dotted underline fights the link's and a tooltip hides what a tap would open. This Markdown extension
runs just after it and turns back into plain text each ``<abbr>`` inside a link or a heading and each
one after the first with the same title (all spellings of a term share its definition as the title).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

# Where a tooltip never goes: inside a link, or in a heading (which also feeds the table of contents).
NO_TOOLTIP = frozenset({"a", "h1", "h2", "h3", "h4", "h5", "h6"})
# Markdown's abbr treeprocessor runs at 7 and the table of contents at 5; this must sit between them.
PRIORITY = 6.5


class FirstUseOnly(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        seen: set[str] = set()
        self._walk(root, seen, inside=False)

    def _walk(self, parent: etree.Element, seen: set[str], inside: bool) -> None:
        # Children are read from a copy: unwrapping removes them from parent as we go.
        for child in list(parent):
            if child.tag == "abbr":
                title = child.get("title", "")
                if inside or title in seen:
                    _unwrap(parent, child)
                else:
                    seen.add(title)
            else:
                self._walk(child, seen, inside or child.tag in NO_TOOLTIP)


def _unwrap(parent: etree.Element, child: etree.Element) -> None:
    """Replace ``child`` (an element with text only) by its text, keeping the text after it."""
    text = (child.text or "") + (child.tail or "")
    index = list(parent).index(child)
    if index:
        before = parent[index - 1]
        before.tail = (before.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    parent.remove(child)


class TooltipsOnce(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(FirstUseOnly(md), "kb_tooltips_once", PRIORITY)


def makeExtension(**kwargs: Any) -> TooltipsOnce:  # the name Markdown looks for
    """Lets a site list ``kb.tooltips`` under ``markdown_extensions`` (a hook-free build needs it there)."""
    return TooltipsOnce(**kwargs)
