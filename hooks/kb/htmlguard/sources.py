"""Where a part of a built page was written, so audit findings name the file to fix.

A content engine that generates pages registers a lookup from (page source path, element)
to a one-line location such as ``docs/faq/light.yml:12: faq 'north-window': field 'answer'``.
"""

from __future__ import annotations

from collections.abc import Callable

from kb.htmlguard.document import Element

Lookup = Callable[[str, Element], str | None]

_lookups: dict[str, Lookup] = {}


def register(name: str, lookup: Lookup) -> None:
    """Add or replace (on every rebuild) the lookup of one content engine."""
    _lookups[name] = lookup


def describe(page: str, element: Element) -> str | None:
    return next((where for lookup in _lookups.values() if (where := lookup(page, element))), None)
