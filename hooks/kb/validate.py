"""Check loaded records against their schemas and each other; collect every problem."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from jsonschema import ValidationError

from kb.load import PRINCIPLE_KIND, LineDict, Record
from kb.problems import Problem
from kb.schemas import KINDS, validator_for

# Which list of ids each reference field points into.
REFERENCES = {
    ("faqs", "topic"): "topics",
    ("faqs", "principles"): PRINCIPLE_KIND,
    ("faqs", "scenarios"): "scenarios",
    ("scenarios", "principles"): PRINCIPLE_KIND,
    ("scenarios", "faqs"): "faqs",
    ("rules", "principle"): PRINCIPLE_KIND,
}
_SINGULAR = {
    "topics": "topic",
    "faqs": "faq",
    "scenarios": "scenario",
    "terms": "term",
    PRINCIPLE_KIND: "principle",
    "rules": "pattern",
    "synonyms": "synonym group",
}
# Kinds whose top-level key holds a mapping; their entries are the list under this key of it.
NESTED_ENTRIES = {"rules": "patterns"}


def validate(records: list[Record]) -> list[Problem]:
    """Every problem in the content: schema errors, then cross-references between entries."""
    problems = [problem for record in records for problem in _check_schema(record)]
    return problems + list(_check_references([r for r in records if _is_list_of_entries(r)]))


def entries(record: Record) -> list[Any]:
    """The entries of a record: the list under its key, or the front matter itself."""
    if record.kind == PRINCIPLE_KIND:
        return [record.data]
    data = record.data[record.kind]
    return data[NESTED_ENTRIES[record.kind]] if record.kind in NESTED_ENTRIES else data


def entry_key(kind: str) -> str:
    """The field that names an entry: 'term' for glossary terms, 'id' for the rest."""
    return "term" if kind == "terms" else "id"


def _is_list_of_entries(record: Record) -> bool:
    """Cross-references are checked even in files with schema errors, wherever the shape allows."""
    if record.kind == PRINCIPLE_KIND:
        return isinstance(record.data, dict)
    if record.kind not in KINDS:
        return False
    data = record.data[record.kind]
    if record.kind in NESTED_ENTRIES:
        data = data.get(NESTED_ENTRIES[record.kind]) if isinstance(data, dict) else None
    return isinstance(data, list)


def _entries_with_ids(record: Record) -> Iterator[tuple[Any, str]]:
    key = entry_key(record.kind)
    for entry in entries(record):
        if isinstance(entry, dict) and isinstance(entry.get(key), str):
            yield entry, entry[key]


def _check_schema(record: Record) -> Iterator[Problem]:
    if record.kind not in KINDS or (record.kind == PRINCIPLE_KIND and record.src.endswith((".yml", ".yaml"))):
        kinds = ", ".join(f"'{k}:'" for k in KINDS if k != PRINCIPLE_KIND)
        yield Problem(record.file, "not a content file", hint=f"a content file holds one list under one of {kinds}")
        return
    for error in validator_for(record.kind).iter_errors(record.data):
        yield from _describe(record, error)


def _describe(record: Record, error: ValidationError) -> Iterator[Problem]:
    path = list(error.absolute_path)
    entry, label, field_path = _locate(record, path)
    line = _line(entry, field_path) or getattr(record.data, "line", None)
    hint = error.schema.get("x-hint", "") if isinstance(error.schema, dict) else ""
    field = ".".join(str(p) for p in field_path)
    instance = error.instance
    if error.validator == "required":
        for name in error.validator_value:
            if name not in instance:
                yield Problem(
                    record.file, "missing required field", hint=f"add '{name}:'", line=line, entry=label, field=name
                )
        return
    if error.validator == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        for name in instance:
            if name not in allowed:
                close = difflib.get_close_matches(str(name), allowed, n=1)
                suggestion = f"did you mean '{close[0]}'?" if close else f"allowed fields: {', '.join(allowed)}"
                where = _line(instance, [name]) or line
                yield Problem(
                    record.file, "unknown field", hint=suggestion, line=where, entry=label, field=_join(field, name)
                )
        return
    message = _MESSAGES.get(str(error.validator), lambda e: e.message)(error)
    if error.validator == "pattern" and not hint:
        hint = "see the field reference in CONTRIBUTING.md"
    yield Problem(
        record.file, message, hint=hint or _HINTS.get(str(error.validator), ""), line=line, entry=label, field=field
    )


_TYPE_NAMES = {"string": "text", "array": "a list", "object": "a mapping of fields", "integer": "a whole number"}


def _type_name(value: Any) -> str:
    return {
        str: "text",
        list: "a list",
        dict: "a mapping",
        LineDict: "a mapping",
        bool: "true/false",
        type(None): "empty",
    }.get(type(value), type(value).__name__)


_MESSAGES = {
    "type": lambda e: (
        f"should be {_TYPE_NAMES.get(e.validator_value, e.validator_value)}, not {_type_name(e.instance)}"
    ),
    "minLength": lambda e: "is empty",
    "minItems": lambda e: f"needs at least {e.validator_value} item{'s' if e.validator_value != 1 else ''}",
    "uniqueItems": lambda e: "lists the same value twice",
    "pattern": lambda e: f"'{e.instance}' is not in the right form",
}
_HINTS = {
    "type": "compare with the examples in CONTRIBUTING.md",
    "minLength": "write some text or remove the field if it is optional",
    "minItems": "add at least one item",
    "uniqueItems": "remove the repeated value",
    "maxWords": "shorten it",
}


def _locate(record: Record, path: list[Any]) -> tuple[Any, str, list[Any]]:
    """Split a schema error path into (entry, entry label, path inside the entry)."""
    singular = _SINGULAR.get(record.kind, "entry")
    if record.kind == PRINCIPLE_KIND:
        entry = record.data
        return entry, _label(singular, entry, "id"), path
    inside = [NESTED_ENTRIES[record.kind]] if record.kind in NESTED_ENTRIES else []
    depth = 1 + len(inside)
    if len(path) > depth and path[1:depth] == inside and isinstance(path[depth], int):
        entry = entries(record)[path[depth]]
        key = entry_key(record.kind)
        fallback = f"{singular} #{path[depth] + 1}"
        return entry, _label(singular, entry, key) or fallback, path[depth + 1 :]
    return record.data, "", path


def _label(singular: str, entry: Any, key: str) -> str:
    value = entry.get(key) if isinstance(entry, dict) else None
    return f"{singular} '{value}'" if isinstance(value, str) and value else ""


def _line(entry: Any, field_path: list[Any]) -> int | None:
    """Line of the deepest mapping key on the path, else of the entry itself."""
    node, line = entry, getattr(entry, "line", None)
    for part in field_path:
        if isinstance(node, LineDict) and part in node.key_lines:
            line = node.key_lines[part]
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        line = getattr(node, "line", line)
    return line


def _join(prefix: str, name: Any) -> str:
    name = str(name) if str(name).strip() else "(empty)"  # a blank key still needs a visible name
    return f"{prefix}.{name}" if prefix else name


def _check_references(records: list[Record]) -> Iterator[Problem]:
    ids: dict[str, dict[str, tuple[Record, Any]]] = {kind: {} for kind in KINDS}
    for record in records:
        key = entry_key(record.kind)
        for entry, value in _entries_with_ids(record):
            name = value.lower() if key == "term" else value
            label = _label(_SINGULAR[record.kind], entry, key)
            if seen := ids[record.kind].get(name):
                first = seen[0].file + (f":{seen[1].line}" if getattr(seen[1], "line", 0) else "")
                hint = f"give each {_SINGULAR[record.kind]} its own {key}"
                yield Problem(
                    record.file, f"duplicate {key}, first used in {first}", hint, _line(entry, [key]), label, key
                )
            else:
                ids[record.kind][name] = (record, entry)
    used_topics: set[str] = set()
    for record in records:
        for entry, _ in _entries_with_ids(record):
            label = _label(_SINGULAR[record.kind], entry, entry_key(record.kind))
            for (kind, field), target in REFERENCES.items():
                if kind != record.kind:
                    continue
                refs = entry.get(field)
                refs = [refs] if isinstance(refs, str) else refs if isinstance(refs, list) else []
                if field == "topic":
                    used_topics.update(ref for ref in refs if isinstance(ref, str))
                for ref in refs:
                    if isinstance(ref, str) and ref not in ids[target]:
                        close = difflib.get_close_matches(ref, list(ids[target]), n=1)
                        hint = f"did you mean '{close[0]}'?" if close else f"no {_SINGULAR[target]} has the id '{ref}'"
                        message = f"unknown {_SINGULAR[target]} '{ref}'"
                        yield Problem(record.file, message, hint, _line(entry, [field]), label, field)
    for topic_id, (record, entry) in ids["topics"].items():
        if topic_id not in used_topics:
            hint = f"add FAQ entries with 'topic: {topic_id}' or remove the topic"
            yield Problem(
                record.file, "topic has no questions", hint, _line(entry, ["id"]), f"topic '{topic_id}'", "id"
            )
