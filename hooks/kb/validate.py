"""Check loaded records against their schemas and each other; collect every problem."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from jsonschema import ValidationError

from kb.kinds import KINDS, PRINCIPLE, Kind
from kb.load import Record, line_at
from kb.problems import Problem, type_name
from kb.schemas import validator_for
from kb.sections import DEFAULT_SECTIONS, Section


def validate(records: list[Record], sections: tuple[Section, ...] = DEFAULT_SECTIONS) -> list[Problem]:
    """Every problem in the content: schema errors, then cross-references between entries.

    ``sections`` are the situation sections the site declares (extra.kb.sections).
    """
    problems = [problem for record in records for problem in _check_schema(record, sections)]
    return problems + list(_check_references([r for r in records if r.has_entry_list()]))


def _entries_with_ids(record: Record) -> Iterator[tuple[Any, str]]:
    key = KINDS[record.kind].key
    for entry in record.entries():
        if isinstance(entry, dict) and isinstance(entry.get(key), str):
            yield entry, entry[key]


def _check_schema(record: Record, sections: tuple[Section, ...]) -> Iterator[Problem]:
    if record.kind not in KINDS or (record.kind == PRINCIPLE and record.src.endswith((".yml", ".yaml"))):
        kinds = ", ".join(f"'{k}:'" for k in KINDS if k != PRINCIPLE)
        yield Problem(record.file, "not a content file", hint=f"a content file holds one list under one of {kinds}")
        return
    for error in validator_for(record.kind, sections).iter_errors(record.data):
        yield from _describe(record, error)


def _describe(record: Record, error: ValidationError) -> Iterator[Problem]:
    path = list(error.absolute_path)
    entry, label, field_path = _locate(record, path)
    line = line_at(entry, field_path) or getattr(record.data, "line", None)
    # Errors from iter_errors always carry these; the stubs also allow "unset".
    schema: Mapping[str, Any] = error.schema if isinstance(error.schema, Mapping) else {}
    instance: Any = error.instance
    value: Any = error.validator_value
    hint = schema.get("x-hint", "")
    field = ".".join(str(p) for p in field_path)
    if error.validator == "required":
        for name in value:
            if name not in instance:
                yield Problem(
                    record.file, "missing required field", hint=f"add '{name}:'", line=line, entry=label, field=name
                )
        return
    if error.validator == "anyRequired":
        names = value
        yield Problem(
            record.file,
            error.message,
            hint=f"add '{names[0]}:' or another of them",
            line=line,
            entry=label,
            field=_join(field, names[0]),
        )
        return
    if error.validator == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        for name in instance:
            if name not in allowed:
                close = difflib.get_close_matches(str(name), allowed, n=1)
                suggestion = f"did you mean '{close[0]}'?" if close else f"allowed fields: {', '.join(allowed)}"
                where = line_at(instance, [name]) or line
                yield Problem(
                    record.file, "unknown field", hint=suggestion, line=where, entry=label, field=_join(field, name)
                )
        return
    if error.validator == "uniqueItems" and (repeat := _first_repeat(instance)) is not None:
        line = line_at(entry, [*field_path, repeat]) or line
    message = _MESSAGES[str(error.validator)](error) if error.validator in _MESSAGES else error.message
    if error.validator == "pattern" and not hint:
        hint = "see the field reference in CONTRIBUTING.md"
    yield Problem(
        record.file, message, hint=hint or _HINTS.get(str(error.validator), ""), line=line, entry=label, field=field
    )


_TYPE_NAMES = {"string": "text", "array": "a list", "object": "a mapping of fields", "integer": "a whole number"}


_MESSAGES: dict[str, Callable[[Any], str]] = {  # each takes the ValidationError
    "type": lambda e: f"should be {_TYPE_NAMES.get(e.validator_value, e.validator_value)}, not {type_name(e.instance)}",
    "minLength": lambda e: "is empty",
    "maxLength": lambda e: f"has {len(e.instance)} characters; the limit is {e.validator_value}",
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
    "oneLine": "write it on one line; in YAML, '>-' folds several lines into one",
    "noControl": "delete it: it is invisible, and Markdown reads some of these characters as its own markers",
}


def _locate(record: Record, path: list[Any]) -> tuple[Any, str, list[Any]]:
    """Split a schema error path into (entry, entry label, path inside the entry)."""
    kind = KINDS[record.kind]
    if kind.name == PRINCIPLE:
        return record.data, _label(kind, record.data), path
    inside = [kind.nested] if kind.nested else []
    depth = 1 + len(inside)
    if len(path) > depth and path[1:depth] == inside and isinstance(path[depth], int):
        entry = record.entries()[path[depth]]
        fallback = f"{kind.singular} #{path[depth] + 1}"
        return entry, _label(kind, entry) or fallback, path[depth + 1 :]
    return record.data, "", path


def _first_repeat(items: Any) -> int | None:
    """The index of the first item that repeats an earlier one."""
    seen: list[Any] = []
    for index, item in enumerate(items if isinstance(items, list) else ()):
        if item in seen:
            return index
        seen.append(item)
    return None


def _label(kind: Kind, entry: Any) -> str:
    value = entry.get(kind.key) if isinstance(entry, dict) else None
    return f"{kind.singular} '{value}'" if isinstance(value, str) and value else ""


def _join(prefix: str, name: Any) -> str:
    name = str(name) if str(name).strip() else "(empty)"  # a blank key still needs a visible name
    return f"{prefix}.{name}" if prefix else name


def _check_references(records: list[Record]) -> Iterator[Problem]:
    ids, duplicates = _collect_ids(records)
    yield from duplicates
    used: dict[tuple[str, str], set[str]] = {}
    for record in records:
        kind = KINDS[record.kind]
        for entry, _ in _entries_with_ids(record):
            for field, target in kind.references.items():
                refs = _references(entry.get(field), field)
                used.setdefault((kind.name, field), set()).update(ref for ref, _ in refs)
                for ref, path in ((r, p) for r, p in refs if r not in ids[target]):
                    close = difflib.get_close_matches(ref, list(ids[target]), n=1)
                    singular = KINDS[target].singular
                    hint = f"did you mean '{close[0]}'?" if close else f"no {singular} has the id '{ref}'"
                    yield Problem(
                        record.file,
                        f"unknown {singular} '{ref}'",
                        hint,
                        line_at(entry, path),
                        _label(kind, entry),
                        field,
                    )
    for kind in KINDS.values():
        if kind.used_by is None:
            continue
        for name, (record, entry) in ids[kind.name].items():
            if name not in used.get(kind.used_by, set()):
                by_kind, by_field = kind.used_by
                hint = f"name it in '{by_field}:' of a {KINDS[by_kind].singular}, or remove it"
                message = f"no {KINDS[by_kind].singular} uses this {kind.singular}"
                yield Problem(record.file, message, hint, line_at(entry, [kind.key]), _label(kind, entry), kind.key)


def _references(value: Any, field: str) -> list[tuple[str, list[Any]]]:
    """Each id a reference field names (one id, or a list of them), with its path in the entry."""
    if isinstance(value, str):
        return [(value, [field])]
    items = value if isinstance(value, list) else []
    return [(item, [field, index]) for index, item in enumerate(items) if isinstance(item, str)]


def _collect_ids(records: list[Record]) -> tuple[dict[str, dict[str, Any]], list[Problem]]:
    """Each kind's entries by id (terms compare without case), and a problem for each repeated id."""
    ids: dict[str, dict[str, Any]] = {name: {} for name in KINDS}
    duplicates: list[Problem] = []
    for record in records:
        kind = KINDS[record.kind]
        for entry, value in _entries_with_ids(record):
            name = value.strip().lower() if kind.key == "term" else value.strip()  # as the model reads it
            if seen := ids[kind.name].get(name):
                first = seen[0].file + (f":{seen[1].line}" if getattr(seen[1], "line", 0) else "")
                message = f"duplicate {kind.key}, first used in {first}"
                hint = f"give each {kind.singular} its own {kind.key}"
                duplicates.append(
                    Problem(record.file, message, hint, line_at(entry, [kind.key]), _label(kind, entry), kind.key)
                )
            else:
                ids[kind.name][name] = (record, entry)
    return ids, duplicates
