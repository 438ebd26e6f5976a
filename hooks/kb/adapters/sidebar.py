"""MkDocs hook: a sidebar that stays the same size however many pages a section holds.

A section of more than LIMIT pages that starts with an index page (the generated
question and situation sections) shows only that index, which lists every page of it,
and, while a reader is inside the section, the page being read. Smaller sections are
listed in full, as before. Each page gets its own trimmed copy of the navigation;
previous and next links, and everything else, still follow the whole of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

LIMIT = 15  # pages in a section, its index included, that the sidebar still lists in full


class _Shown:
    """A nav item as one page's sidebar shows it: the same item with fewer children or another title."""

    def __init__(self, item: Section | Page, *, children: list[Any] | None = None, title: str | None = None) -> None:
        self._item = item
        self.children = item.children if children is None else children
        self.title = item.title if title is None else title

    def __getattr__(self, name: str) -> Any:
        return getattr(self._item, name)

    def __eq__(self, other: object) -> bool:  # the theme marks the page being read with `item == page`
        return self._item == (other._item if isinstance(other, _Shown) else other)

    def __hash__(self) -> int:
        return hash(self._item)


def trimmed(items: Sequence[Any], page: Page | None) -> list[Any]:
    """``items`` as the sidebar of ``page`` lists them (``page`` is None for pages outside the nav)."""
    shown: list[Any] = []
    for item in items:
        children = item.children if isinstance(item, Section) else None
        if not children:
            shown.append(item)
        elif len(children) > LIMIT and isinstance(index := children[0], Page) and index.is_index:
            inside = page is not None and page is not index and page in children
            if inside:
                shown.append(_Shown(item, children=[index, page]))
            else:  # the index alone, as a link under the section's title
                shown.append(_Shown(index, title=item.title))
        else:
            inner = trimmed(children, page)
            same = all(a is b for a, b in zip(inner, children, strict=True))
            shown.append(item if same else _Shown(item, children=inner))
    return shown


def _trimmed_nav(nav: Navigation, page: Page | None) -> Navigation:
    shown = Navigation(trimmed(nav.items, page), nav.pages)
    shown.homepage = nav.homepage
    return shown


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    context["nav"] = _trimmed_nav(nav, page)
    return context


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    if isinstance(nav := context.get("nav"), Navigation):  # 404.html and other theme pages
        context["nav"] = _trimmed_nav(nav, None)
    return context
