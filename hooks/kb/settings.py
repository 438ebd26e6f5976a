"""Where content lives and what the generated pages are called, read from mkdocs.yml."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from kb.notices import Notice, parse_notices
from kb.problems import NOT_ONE_LINE, ContentError, Problem, type_name
from kb.safety import find_brace, find_unsafe

LABELS = (
    "faq_index_title",
    "faq_index_intro",
    "scenario_index_title",
    "scenario_index_intro",
    "glossary_title",
    "glossary_intro",
    "glossary_aliases",
    "short_answer",
    "rests_on",
    "related_scenarios",
    "related_faqs",
    "their_side",
    "do",
    "avoid",
    "if_you_must_reply",
    "principles",
    "care_note",
    "cited_by_faqs",
    "cited_by_scenarios",
)


@dataclass(frozen=True)
class Settings:
    """Folders (relative to docs/) and the labels every generated page uses."""

    labels: Mapping[str, str]
    principles_dir: str = "principles"
    faq_dir: str = "faq"
    scenarios_dir: str = "scenarios"
    glossary_page: str = "glossary.md"
    config_file: str = "mkdocs.yml"
    extra: Mapping[str, Any] = field(default_factory=dict)
    notices: tuple[Notice, ...] = ()

    @classmethod
    def from_config(cls, kb: Any, config_file: str = "mkdocs.yml", lines: Mapping[str, int] | None = None) -> Settings:
        """Build settings from the ``extra.kb`` mapping of mkdocs.yml; ``lines`` maps dotted keys to lines."""
        problems = setting_problems(kb, config_file)
        notices: tuple[Notice, ...] = ()
        if isinstance(kb, Mapping):
            notices, notice_problems = parse_notices(kb.get("notices"), config_file)
            problems += notice_problems
        if problems:
            lines = lines or {}
            raise ContentError([replace(p, line=_line_of(p.field, lines)) for p in problems])
        kb = dict(kb or {})
        kb.pop("notices", None)
        return cls(labels=kb.pop("labels"), config_file=config_file, notices=notices, **kb)


# Each setting that names a place under docs/, with an example.
_PATHS = {
    "principles_dir": "principles",
    "faq_dir": "faq",
    "scenarios_dir": "scenarios",
    "glossary_page": "glossary.md",
}
# A place under docs/: plain names joined by '/'; never '..', an absolute path or a backslash.
_UNDER_DOCS = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*")


def setting_problems(kb: Any, config_file: str) -> list[Problem]:
    """Everything wrong with ``extra.kb``: a wrong type, a label missing or on two lines, a path outside docs/."""
    if kb is None:
        kb = {}
    if not isinstance(kb, Mapping):
        return [Problem(config_file, f"should be a mapping, not {type_name(kb)}", _HINT, field="extra.kb")]
    problems = []
    labels = kb.get("labels")
    if labels is not None and not isinstance(labels, Mapping):
        problems.append(
            Problem(config_file, f"should be a mapping, not {type_name(labels)}", _HINT, field="extra.kb.labels")
        )
        labels = None
    for name in LABELS if labels is not None or "labels" not in kb else ():
        where = f"extra.kb.labels.{name}"
        value = (labels or {}).get(name)
        if value is None:
            hint = f"add 'extra: kb: labels: {name}: ...' to {config_file}"
            problems.append(Problem(config_file, f"missing label '{name}'", hint, field=where))
        elif not isinstance(value, str):
            problems.append(Problem(config_file, f"should be text, not {type_name(value)}", _HINT, field=where))
        elif NOT_ONE_LINE.search(value):
            hint = "write the label on one line, without control characters"
            problems.append(Problem(config_file, "contains a line break or control character", hint, field=where))
        elif found := find_unsafe(value) or find_brace(value):
            # Labels are headings and lead-ins on generated pages: plain text, like any one-line field.
            hint = "labels are plain text: no HTML, no Markdown links or attribute lists"
            problems.append(Problem(config_file, f"contains {found}", hint, field=where))
    for key, value in kb.items():
        where = f"extra.kb.{key}"
        if key in ("labels", "notices"):  # notices are checked by kb.notices
            continue
        if key not in _PATHS:
            known = ", ".join(sorted([*_PATHS, "labels", "notices"]))
            problems.append(Problem(config_file, f"unknown setting '{key}'", f"known settings: {known}", field=where))
        elif not isinstance(value, str):
            problems.append(Problem(config_file, f"should be text, not {type_name(value)}", _HINT, field=where))
        elif not is_inside_docs(value):
            hint = f"a path inside docs/, like '{_PATHS[key]}'"
            problems.append(Problem(config_file, f"'{value}' is not a path inside docs/", hint, field=where))
        elif key.endswith("_page") and not value.endswith(".md"):
            problems.append(Problem(config_file, f"'{value}' is not a Markdown page", "end it in '.md'", field=where))
    return problems


_HINT = "compare with extra.kb in the README and CONTRIBUTING.md"


def is_inside_docs(path: str) -> bool:
    """Whether a setting names a place under docs/ (never '..', an absolute path or a backslash)."""
    return bool(_UNDER_DOCS.fullmatch(path)) and ".." not in path.split("/")


def _line_of(field_path: str, lines: Mapping[str, int]) -> int | None:
    """The line of a dotted key, or of its nearest parent that is in the file."""
    parts = field_path.split(".")
    while parts:
        if (line := lines.get(".".join(parts))) is not None:
            return line
        parts.pop()
    return None
