"""Notices: one short text in the settings, shown before every piece of advice that needs it.

A notice applies to the principle pages it lists, to every question and situation that
rests on one of them, and to any page or entry that names the notice in its own
``notices`` field. Authors write the text once; the engine places it everywhere.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb.kinds import KINDS
from kb.load import Record, line_at
from kb.model import Content, Faq, Principle, Scenario
from kb.problems import Problem
from kb.safety import find_brace, find_unsafe

FIELDS = ("text", "link", "link_text")


@dataclass(frozen=True)
class Notice:
    id: str
    text: str  # plain text
    link: str  # a page under docs/, like "principles/care/safety.md"
    link_text: str
    principles: tuple[str, ...] = ()  # ids of principle pages whose advice needs it


def parse_notices(raw: object, config_file: str) -> tuple[tuple[Notice, ...], list[Problem]]:
    """Notices from ``extra.kb.notices`` (a mapping of id to fields), and any problems with them."""
    if raw is None:
        return (), []
    if not isinstance(raw, Mapping):
        return (), [_problem(config_file, "notices", "should be a mapping of notice id to its fields")]
    notices, problems = [], []
    for notice_id, fields in raw.items():
        where = f"notices.{notice_id}"
        if not isinstance(fields, Mapping):
            problems.append(_problem(config_file, where, "should be a mapping with text, link and link_text"))
            continue
        missing = [name for name in FIELDS if not isinstance(fields.get(name), str) or not fields[name].strip()]
        unknown = [name for name in fields if name not in (*FIELDS, "principles")]
        principles = fields.get("principles", [])
        problems += [_problem(config_file, f"{where}.{name}", "missing text") for name in missing]
        problems += [
            _problem(config_file, f"{where}.{name}", "unknown field", f"use {', '.join(FIELDS)} or principles")
            for name in unknown
        ]
        if not isinstance(principles, list) or not all(isinstance(p, str) for p in principles):
            problems.append(_problem(config_file, f"{where}.principles", "should be a list of principle ids"))
            principles = []
        problems += [
            _problem(config_file, f"{where}.{name}", f"{risk} is not allowed", "write plain text")
            for name in ("text", "link_text")
            if name not in missing and (risk := find_unsafe(fields[name]) or find_brace(fields[name]))
        ]
        if not missing:
            notices.append(
                Notice(
                    str(notice_id),
                    fields["text"].strip(),
                    fields["link"],
                    fields["link_text"].strip(),
                    tuple(principles),
                )
            )
    return tuple(notices), problems


def notices_for(item: Principle | Faq | Scenario, notices: Iterable[Notice]) -> tuple[Notice, ...]:
    """The notices to show before ``item``, in settings order, each once."""
    rests_on = {item.id} if isinstance(item, Principle) else set(item.principles)
    return tuple(n for n in notices if n.id in item.notices or rests_on.intersection(n.principles))


def check_notices(
    records: list[Record], content: Content, notices: Iterable[Notice], docs_dir: Path, config_file: str
) -> list[Problem]:
    """Every notice named in content exists; every notice names real principles and an existing page."""
    notices = tuple(notices)
    known = [n.id for n in notices]
    problems = []
    for notice in notices:
        where = f"notices.{notice.id}"
        page = (docs_dir / notice.link).resolve()
        if not page.is_file() or not page.is_relative_to(docs_dir.resolve()):
            problems.append(_problem(config_file, f"{where}.link", f"no page '{notice.link}' under docs/"))
        for pid in notice.principles:
            if pid not in content.principles:
                problems.append(_problem(config_file, f"{where}.principles", f"unknown principle '{pid}'"))
    for record in records:
        for entry in record.entries():
            if not isinstance(entry, Mapping):
                continue
            names = entry.get("notices")
            for index, name in enumerate(names if isinstance(names, list) else ()):
                if name not in known:
                    close = difflib.get_close_matches(str(name), known, n=1)
                    hint = (
                        f"did you mean '{close[0]}'?"
                        if close
                        else f"add it under 'extra: kb: notices:' in {config_file}"
                    )
                    problems.append(
                        Problem(
                            record.file,
                            f"unknown notice '{name}'",
                            hint,
                            line_at(entry, ["notices", index]),
                            _label(record, entry),
                            "notices",
                        )
                    )
    return problems


def _label(record: Record, entry: Mapping[str, Any]) -> str:
    name = entry.get(KINDS[record.kind].key)
    return f"{KINDS[record.kind].singular} '{name}'" if isinstance(name, str) else ""


def _problem(config_file: str, field: str, message: str, hint: str = "") -> Problem:
    return Problem(config_file, message, hint or "see 'notices' in CONTRIBUTING.md", field=f"extra.kb.{field}")
