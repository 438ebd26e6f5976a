"""Typed content objects. Everything after validation works on these, never on raw dicts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kb.kinds import PRINCIPLE
from kb.load import Record


@dataclass(frozen=True)
class Principle:
    id: str
    title: str
    summary: str
    src: str
    covers: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    intro: str


@dataclass(frozen=True)
class Faq:
    id: str
    question: str
    short_answer: str
    answer: str
    topic: str
    principles: tuple[str, ...]
    tags: tuple[str, ...]
    scenarios: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()


SectionValue = str | tuple[str, ...]


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    situation: str
    principles: tuple[str, ...]
    tags: tuple[str, ...]
    sections: tuple[tuple[str, SectionValue], ...] = ()  # (key, value) in the author's order, as settings declare
    faqs: tuple[str, ...] = ()
    care_note: str = ""
    notices: tuple[str, ...] = ()

    def section(self, key: str) -> SectionValue:
        """The value of one section ('' when this scenario leaves it out)."""
        return dict(self.sections).get(key, "")

    def section_texts(self, *keys: str) -> list[str]:
        """The text of the named sections (all of them if none is named), list items one by one."""
        texts: list[str] = []
        for key, value in self.sections:
            if not keys or key in keys:
                texts += [value] if isinstance(value, str) else list(value)
        return texts


@dataclass(frozen=True)
class Term:
    term: str
    definition: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class HelpLine:
    id: str
    service: str
    country: str
    serves: tuple[str, ...]
    last_checked: str
    source: str
    call: str = ""
    text: str = ""
    keyword: str = ""
    web: str = ""
    hours: str = ""
    note: str = ""
    urgent: bool = False
    banner: bool = False


@dataclass(frozen=True)
class Content:
    """All validated content, in author order (file order, then entry order)."""

    principles: dict[str, Principle]
    topics: tuple[Topic, ...]
    faqs: tuple[Faq, ...]
    scenarios: tuple[Scenario, ...]
    terms: tuple[Term, ...]
    sources: tuple[str, ...]
    help_lines: tuple[HelpLine, ...] = ()


def build_content(records: list[Record]) -> Content:
    """Turn validated records into typed objects."""
    by_kind: dict[str, list[tuple[Record, dict[str, Any]]]] = {}
    for record in records:
        by_kind.setdefault(record.kind, []).extend((record, entry) for entry in record.entries())
    principles = {
        entry["id"]: Principle(
            entry["id"],
            entry["title"],
            entry["summary"],
            record.src,
            tuple(entry.get("covers", ())),
            tuple(entry.get("notices", ())),
        )
        for record, entry in by_kind.get(PRINCIPLE, [])
    }
    return Content(
        principles=principles,
        topics=tuple(_make(Topic, entry) for _, entry in by_kind.get("topics", [])),
        faqs=tuple(_make(Faq, entry) for _, entry in by_kind.get("faqs", [])),
        scenarios=tuple(_scenario(entry) for _, entry in by_kind.get("scenarios", [])),
        terms=tuple(_make(Term, entry) for _, entry in by_kind.get("terms", [])),
        sources=tuple(record.src for record in records if record.kind != PRINCIPLE),
        help_lines=tuple(_make(HelpLine, entry) for _, entry in by_kind.get("helplines", [])),
    )


def _scenario(entry: dict[str, Any]) -> Scenario:
    """A scenario: its fixed fields, and every other field (validation allowed only declared ones) as a section."""
    fixed = {name for name in Scenario.__dataclass_fields__ if name != "sections"}
    values = _make(dict, entry)
    sections = tuple((key, value) for key, value in values.items() if key not in fixed)
    return Scenario(**{key: value for key, value in values.items() if key in fixed}, sections=sections)


def _make(cls: type, entry: dict[str, Any]) -> Any:
    """Build a dataclass from an entry, turning lists into tuples and trimming text."""
    values = {
        key: tuple(value) if isinstance(value, list) else value.strip() if isinstance(value, str) else value
        for key, value in entry.items()
    }
    return cls(**values)
