"""Every kind of content the engine reads, described in one place.

Adding a kind means one entry here and one JSON Schema in schemas/.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

PRINCIPLE = "principle"  # front matter of a hand-written page, not a YAML file


@dataclass(frozen=True)
class Kind:
    name: str  # the top-level key of a YAML file of this kind
    schema: str  # file name in schemas/
    singular: str  # how problems name one entry
    key: str = "id"  # the field that names an entry
    nested: str = ""  # entries sit in this list inside the top-level mapping, not directly under it
    references: Mapping[str, str] = field(default_factory=dict)  # field -> kind whose ids it names
    used_by: tuple[str, str] | None = None  # (kind, field) that must name every entry, or it is an orphan
    pages: bool = True  # read by the page engine; False: another hook reads it (kb_pages still never publishes it)


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("topics", "topics.schema.json", "topic", used_by=("faqs", "topic")),
        Kind(
            "faqs",
            "faqs.schema.json",
            "faq",
            references={"topic": "topics", "principles": PRINCIPLE, "scenarios": "scenarios"},
        ),
        Kind("scenarios", "scenarios.schema.json", "scenario", references={"principles": PRINCIPLE, "faqs": "faqs"}),
        Kind("terms", "terms.schema.json", "term", key="term"),
        Kind(PRINCIPLE, "principle.schema.json", "principle"),
        Kind("rules", "rules.schema.json", "pattern", nested="patterns", references={"principle": PRINCIPLE}),
        Kind("synonyms", "synonyms.schema.json", "synonym group", pages=False),  # hooks/kb/adapters/search_tuning.py
        Kind("helplines", "helplines.schema.json", "help line"),
        Kind("tools", "tools.schema.json", "tool"),
    )
}
