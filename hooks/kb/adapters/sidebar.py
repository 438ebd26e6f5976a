"""MkDocs hook: a sidebar that stays the same size however many pages a section holds.

A section of more than LIMIT pages that starts with an index page (the generated
question and situation sections) shows only that index, which lists every page of it,
and, while a reader is inside the section, the page being read. Smaller sections are
listed in full, as before. Each page gets its own trimmed copy of the navigation;
previous and next links, and everything else, still follow the whole of it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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


def trimmed(items: Sequence[Any], page: Page | None, homes: Mapping[int, frozenset[int]]) -> list[Any]:
    """``items`` as the sidebar of ``page`` lists them (``page`` is None for pages outside the nav).

    ``homes`` is ``sections_of(items)``: the sections a page is inside, looked up instead of searched.
    """
    shown: list[Any] = []
    inside = homes.get(id(page), frozenset())
    for item in items:
        children = item.children if isinstance(item, Section) else None
        if not children:
            shown.append(item)
        elif (index := _trimmed_to(children)) is not None:
            if id(item) in inside:
                shown.append(_Shown(item, children=[index, page]))
            else:  # the index alone, as a link under the section's title
                shown.append(_Shown(index, title=item.title))
        else:
            inner = trimmed(children, page, homes)
            same = all(a is b for a, b in zip(inner, children, strict=True))
            shown.append(item if same else _Shown(item, children=inner))
    return shown


def sections_of(items: Sequence[Any]) -> dict[int, frozenset[int]]:
    """Each page (by id) that a trimmed section holds besides its index -> the ids of those sections."""
    found: dict[int, set[int]] = {}
    for item in items:
        children = item.children if isinstance(item, Section) else None
        if not children:
            continue
        if (index := _trimmed_to(children)) is not None:
            for child in children:
                if isinstance(child, Page) and child is not index:
                    found.setdefault(id(child), set()).add(id(item))
        else:
            for page, sections in sections_of(children).items():
                found.setdefault(page, set()).update(sections)
    return {page: frozenset(sections) for page, sections in found.items()}


def _trimmed_to(children: Sequence[Any]) -> Page | None:
    """The index page a section with these children is shown as (with the page being read), if it is trimmed."""
    index = children[0]
    return index if len(children) > LIMIT and isinstance(index, Page) and index.is_index else None


# The navigation of the build under way and its sections_of, worked out once rather than per page.
_homes: tuple[Navigation, dict[int, frozenset[int]]] | None = None


def _trimmed_nav(nav: Navigation, page: Page | None) -> Navigation:
    global _homes
    if _homes is None or _homes[0] is not nav:
        _homes = (nav, sections_of(nav.items))
    shown = Navigation(trimmed(nav.items, page, _homes[1]), nav.pages)
    shown.homepage = nav.homepage
    return shown


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    context["nav"] = _trimmed_nav(nav, page)
    return context


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    if isinstance(nav := context.get("nav"), Navigation):  # 404.html and other theme pages
        context["nav"] = _trimmed_nav(nav, None)
    return context
