"""Where content lives and what the generated pages are called, read from mkdocs.yml (``extra.kb``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kb.load import config_lines, read_config
from kb.notices import Notice, parse_notices
from kb.options import KbOptions, Labels, read
from kb.problems import ContentError, Problem
from kb.sections import DEFAULT_SECTIONS, Section

LABELS = tuple(name for name, _ in Labels._schema)
DEFAULT_LABELS: Mapping[str, str] = {name: option.default for name, option in Labels._schema}

__all__ = ["DEFAULT_LABELS", "LABELS", "Settings", "line_of"]


@dataclass(frozen=True)
class Settings:
    """Folders (relative to docs/), the labels and the situation sections every generated page uses."""

    labels: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_LABELS))
    principles_dir: str = "principles"
    faq_dir: str = "faq"
    scenarios_dir: str = "scenarios"
    glossary_page: str = "glossary.md"
    config_file: str = "mkdocs.yml"
    sections: tuple[Section, ...] = DEFAULT_SECTIONS
    notices: tuple[Notice, ...] = ()

    @classmethod
    def from_config(cls, kb: Any, config_file: str = "mkdocs.yml", lines: Mapping[str, int] | None = None) -> Settings:
        """Settings from the ``extra.kb`` mapping of mkdocs.yml; ``lines`` maps dotted keys to lines.

        Every problem is raised at once as a ContentError, each with the line of its key.
        """
        values, problems = read(KbOptions, kb, "extra.kb", config_file)
        sections = tuple(Section(**s) for s in values.get("sections") or () if s and None not in s.values())
        problems += _repeated_sections(sections, config_file)
        notices, notice_problems = parse_notices(values.get("notices"), config_file)
        if problems or notice_problems:
            raise ContentError([replace(p, line=line_of(p.field, lines or {})) for p in problems + notice_problems])
        return cls(
            labels=values["labels"],
            principles_dir=values["principles_dir"],
            faq_dir=values["faq_dir"],
            scenarios_dir=values["scenarios_dir"],
            glossary_page=values["glossary_page"],
            config_file=config_file,
            sections=sections,
            notices=notices,
        )

    @classmethod
    def from_file(cls, config_file: Path) -> Settings:
        """Settings from the ``extra.kb`` of a mkdocs.yml, read without a build."""
        extra = read_config(config_file).get("extra") or {}
        kb = extra.get("kb") if isinstance(extra, dict) else extra
        return cls.from_config(kb, config_file.name, config_lines(config_file))


def _repeated_sections(sections: tuple[Section, ...], config_file: str) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for number, section in enumerate(sections):
        if section.key in seen:
            where = f"extra.kb.sections.{number}.key"
            problems.append(Problem(config_file, f"section '{section.key}' is declared twice", "keep one", field=where))
        seen.add(section.key)
    return problems


def line_of(field_path: str, lines: Mapping[str, int]) -> int | None:
    """The line of a dotted key, or of its nearest parent that is in the file."""
    parts = field_path.split(".")
    while parts:
        if (line := lines.get(".".join(parts))) is not None:
            return line
        parts.pop()
    return None
