"""Where content lives and what the generated pages are called, read from mkdocs.yml."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kb.problems import ContentError, Problem

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

    @classmethod
    def from_config(cls, kb: Mapping[str, Any] | None, config_file: str = "mkdocs.yml") -> Settings:
        """Build settings from the ``extra.kb`` mapping of mkdocs.yml."""
        kb = dict(kb or {})
        labels = kb.pop("labels", None) or {}
        problems = [
            Problem(
                config_file,
                f"missing label '{name}'",
                hint=f"add 'extra: kb: labels: {name}: ...' to {config_file}",
                field=f"extra.kb.labels.{name}",
            )
            for name in LABELS
            if not isinstance(labels.get(name), str)
        ]
        known = {"principles_dir", "faq_dir", "scenarios_dir", "glossary_page"}
        problems += [
            Problem(
                config_file,
                f"unknown setting '{key}'",
                hint=f"known settings: {', '.join(sorted(known | {'labels'}))}",
                field=f"extra.kb.{key}",
            )
            for key in kb
            if key not in known
        ]
        if problems:
            raise ContentError(problems)
        return cls(labels=labels, config_file=config_file, **kb)
