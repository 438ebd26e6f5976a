"""Scenario sections: which fields a situation page has, declared by each site in its settings.

A section has a key (the YAML field and, with '-' for '_', the heading's anchor), a label (the
heading), a kind and whether every scenario must have it. The kind fixes the field's form:
``text`` is Markdown, ``list`` is one Markdown line per item, ``example`` is a short plain
quote (an example reply, a sample note).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

KINDS = ("text", "list", "example")
EXAMPLE_WORDS = 60

# Fields every scenario has whatever its sections, and the anchors the page uses besides them.
FIXED_FIELDS = ("id", "title", "situation", "principles", "faqs", "tags", "care_note", "notices")
FIXED_ANCHORS = ("principles", "related-questions")


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    kind: str = "text"
    required: bool = False

    @property
    def anchor(self) -> str:
        return self.key.replace("_", "-")

    def schema(self) -> dict[str, Any]:
        """The JSON Schema of this section's field."""
        common = "common.schema.json#/$defs/"
        about = {"description": f"Section '{self.label}' ({self.kind})."}
        if self.kind == "list":
            item = {"$ref": common + "markdown", "oneLine": True}
            return {"type": "array", "minItems": 1, "items": item, **about}
        if self.kind == "example":
            return {"$ref": common + "plain", "maxWords": EXAMPLE_WORDS, **about}
        return {"$ref": common + "markdown", **about}


# An engine default that fits most subjects; a site lists its own under extra.kb.sections.
DEFAULT_SECTIONS = (
    Section("do", "What helps", "list", required=True),
    Section("avoid", "What to avoid", "list", required=True),
)


def with_sections(schema: dict[str, Any], sections: tuple[Section, ...]) -> dict[str, Any]:
    """The scenarios schema with one property per section, required ones added to 'required', no other field."""
    entry = schema["properties"]["scenarios"]["items"]
    entry = {
        **entry,
        "additionalProperties": False,
        "properties": {**entry["properties"], **{s.key: s.schema() for s in sections}},
        "required": [*entry["required"], *(s.key for s in sections if s.required)],
    }
    scenarios = {**schema["properties"]["scenarios"], "items": entry}
    return {**schema, "properties": {**schema["properties"], "scenarios": scenarios}}
