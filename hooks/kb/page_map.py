"""Which entry and field of the content wrote each section of a generated page.

Problems found in the built HTML (the page audit) are reported against the YAML that wrote
them. Unlike ``origins``, which finds a piece of text in the content, this reads the page's
structure, so it also places what the text became (a decoded tooltip, an attribute).
Generated pages make that possible: each question on a topic page and each glossary
term sits under a heading whose id is the entry's id, each section of a situation page has a
fixed id, and the templates mark short fields with a class (``kb-short-answer``).
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

from kb.kinds import KINDS, PRINCIPLE
from kb.load import Record
from kb.render import anchor
from kb.settings import Settings


@dataclass(frozen=True)
class Origin:
    file: str
    line: int | None
    entry: str  # as problems name it: "faq 'north-window'"
    field: str = ""


# Fixed section ids of a situation page (see templates/scenario.md.j2) and the field each one shows;
# the sections a site declares add their own.
_SCENARIO_SECTIONS = {"principles": "principles", "related-questions": "faqs"}


@dataclass(frozen=True)
class PageMap:
    by_id: dict[tuple[str, str], Origin]  # (kind, id) -> where the entry is written
    settings: Settings

    @classmethod
    def from_records(cls, records: Iterable[Record], settings: Settings) -> PageMap:
        by_id: dict[tuple[str, str], Origin] = {}
        for record in records:
            kind = KINDS.get(record.kind)
            if kind is None:
                continue
            for entry in record.entries():
                value = entry.get(kind.key) if isinstance(entry, dict) else None
                if isinstance(value, str):
                    key = anchor(value) if kind.name == "terms" else value
                    origin = Origin(record.file, getattr(entry, "line", None), f"{kind.singular} '{value}'")
                    by_id.setdefault((kind.name, key), origin)
                    if kind.name == "terms" and isinstance(entry.get("definition"), str):
                        by_id.setdefault(("definition", _tooltip(entry["definition"])), origin)
                    if kind.name == PRINCIPLE:
                        by_id.setdefault(("page", record.src), origin)
        return cls(by_id, settings)

    def locate(self, page: str, section: str, classes: frozenset[str], tag: str, title: str = "") -> Origin | None:
        """The entry and field behind an element of ``page`` (a path under docs/), if known.

        A glossary tooltip (an ``abbr`` whose title is a term's definition) can sit on any page.
        """
        if tag == "abbr" and (origin := self.by_id.get(("definition", " ".join(title.split())))):
            return _with(origin, "definition")
        s = self.settings
        folder, _, name = page.rpartition("/")
        stem = name.removesuffix(".md")
        if page == s.glossary_page and (origin := self.by_id.get(("terms", section))):
            return _with(origin, "definition")
        if folder == s.faq_dir and stem == "index":
            origin = self.by_id.get(("topics", section))
            return _with(origin, "title" if tag.startswith("h") else "intro") if origin else None
        if folder == s.faq_dir:
            if origin := self.by_id.get(("faqs", section)):
                field = "short_answer" if "kb-short-answer" in classes else "question" if tag == "h2" else "answer"
                return _with(origin, "principles" if "kb-related" in classes else field)
            origin = self.by_id.get(("topics", stem))
            return _with(origin, "intro") if origin else None
        if folder == s.scenarios_dir and (origin := self.by_id.get(("scenarios", stem))):
            if section:
                declared = {s.anchor: s.key for s in self.settings.sections}
                return _with(origin, {**declared, **_SCENARIO_SECTIONS}.get(section, ""))
            return _with(origin, "care_note" if "admonition" in classes else "situation")
        return self.by_id.get(("page", page))


def _tooltip(definition: str) -> str:
    """A definition as a browser reads it back from the tooltip's title attribute."""
    return " ".join(html.unescape(definition).split())


def _with(origin: Origin, field: str) -> Origin:
    return Origin(origin.file, origin.line, origin.entry, field)
