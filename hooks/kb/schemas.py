"""JSON Schemas for each content kind, plus the keywords the standard lacks (word limits, safe text)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError, validators
from referencing import Registry, Resource

from kb.checker import phrase_error
from kb.kinds import KINDS
from kb.problems import NOT_ONE_LINE
from kb.safety import find_brace, find_unsafe
from kb.sections import DEFAULT_SECTIONS, Section, with_sections

SCHEMA_DIR = Path(__file__).parent / "schemas"


def count_words(text: str) -> int:
    return len(text.split())


def _max_words(validator: Any, limit: int, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    if isinstance(instance, str) and (words := count_words(instance)) > limit:
        yield ValidationError(f"has {words} words; the limit is {limit}")


def _no_html(validator: Any, enabled: bool, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    if enabled and isinstance(instance, str) and (found := find_unsafe(instance)):
        yield ValidationError(f"contains {found}")


def _plain_text(validator: Any, enabled: bool, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    # One problem per field: what noHtml reports already covers a brace in the same text.
    if enabled and isinstance(instance, str) and not find_unsafe(instance) and (found := find_brace(instance)):
        yield ValidationError(f"contains {found}")


# Controls a Markdown field never needs (tab and newline are fine); \x02 and \x03 are Markdown's own markers.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _character(found: re.Match[str]) -> str:
    char = found.group()
    return "a line break" if char in "\n\r\x0b\x0c\x85\u2028\u2029" else f"the control character U+{ord(char):04X}"


def _one_line(validator: Any, enabled: bool, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    if enabled and isinstance(instance, str) and (found := NOT_ONE_LINE.search(instance)):
        yield ValidationError(f"contains {_character(found)}; this field is one line")


def _no_control(validator: Any, enabled: bool, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    if enabled and isinstance(instance, str) and (found := _CONTROL.search(instance)):
        yield ValidationError(f"contains {_character(found)}")


def _pattern(validator: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    if isinstance(instance, str) and not _whole_text(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _whole_text(pattern: str) -> re.Pattern[str]:
    """``pattern`` read as JSON Schema reads it (ECMA-262), where '$' is the very end of the text.

    In Python '$' also matches before a final newline, so 'an-id\\n' would pass '^[a-z-]+$'.
    """
    out, in_class, escaped = [], False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in "[]":
            in_class = char == "["
        elif char == "$" and not in_class:
            char = r"\Z"
        out.append(char)
    return re.compile("".join(out))


def _phrase_syntax(validator: Any, enabled: bool, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    if enabled and isinstance(instance, str) and (problem := phrase_error(instance)):
        yield ValidationError(f"phrase '{instance}': {problem}")


def _any_required(validator: Any, names: list[str], instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    if isinstance(instance, dict) and not any(name in instance for name in names):
        listed = ", ".join(f"'{name}'" for name in names)
        yield ValidationError(f"needs at least one of {listed}")


_Validator = validators.extend(  # type: ignore[no-untyped-call]  # the stubs leave extend unannotated
    Draft202012Validator,
    {
        "maxWords": _max_words,
        "noHtml": _no_html,
        "plainText": _plain_text,
        "phraseSyntax": _phrase_syntax,
        "anyRequired": _any_required,
        "oneLine": _one_line,
        "noControl": _no_control,
        "pattern": _pattern,
    },
)


@cache
def _registry() -> Registry:
    resources = [
        (path.name, Resource.from_contents(json.loads(path.read_text(encoding="utf-8"))))
        for path in SCHEMA_DIR.glob("*.schema.json")
    ]
    return Registry().with_resources(resources)


@cache
def validator_for(kind: str, sections: tuple[Section, ...] = DEFAULT_SECTIONS) -> Any:
    """The validator of a kind; for scenarios, with the fields of the sections the site declares."""
    schema = _registry().contents(KINDS[kind].schema)
    if kind == "scenarios":
        schema = with_sections(schema, sections)
    return _Validator(inlined(schema, _registry().resolver(KINDS[kind].schema)), registry=_registry())


_DATA = frozenset({"const", "enum", "default", "examples"})  # keywords whose values are data, not schemas


def inlined(schema: Any, resolver: Any, depth: int = 0) -> Any:
    """``schema`` with each $ref replaced by the schema it names (under allOf beside other keywords),
    so checking an entry looks nothing up: the same errors, without resolving a reference per value."""
    if depth > 20:
        raise ValueError("the schemas refer to each other in a loop")
    if isinstance(schema, list):
        return [inlined(item, resolver, depth) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "$ref" and isinstance(value, str):
            found = resolver.lookup(value)
            target = inlined(found.contents, found.resolver, depth + 1)
            if len(schema) == 1:
                return target
            # In the place $ref held, so errors keep their order.
            out["allOf"] = [*inlined(schema.get("allOf", []), resolver, depth), target]
        elif key == "allOf" and "$ref" in schema:
            continue  # merged above
        else:
            out[key] = value if key in _DATA else inlined(value, resolver, depth)
    return out
