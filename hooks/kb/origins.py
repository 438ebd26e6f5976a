"""Where text in a generated page came from: the content file, line, entry and field.

A problem found in a generated page (a link to a page that does not exist, say) is only
useful to an author when it names the YAML they wrote, not the page the engine made.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb.kinds import KINDS, PRINCIPLE
from kb.load import LineDict, Record, line_at
from kb.problems import Problem


@dataclass(frozen=True)
class FieldText:
    """One text value of a content entry, with where it was written."""

    path: Path  # the file on disk, to find the exact line of a piece of the text
    file: str  # the file as problems name it
    line: int | None  # the line of the field's key
    entry: str
    field: str
    text: str

    def problem(self, piece: str, message: str, hint: str) -> Problem:
        """A problem with ``piece`` of this text, on the first line at or after the field that holds it."""
        return Problem(self.file, message, hint, self._line_of(piece), self.entry, self.field)

    def _line_of(self, piece: str) -> int | None:
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except OSError:
            return self.line
        start = (self.line or 1) - 1
        return next((number + 1 for number in range(start, len(lines)) if piece in lines[number]), self.line)


def field_texts(records: list[Record], docs_dir: Path) -> tuple[FieldText, ...]:
    """Every text value in the structured content files (principle pages are the authors' own pages)."""
    return tuple(
        text
        for record in records
        if record.kind in KINDS and record.kind != PRINCIPLE
        for text in _texts(record, docs_dir)
    )


def holding(texts: tuple[FieldText, ...], piece: str, page: str) -> list[FieldText]:
    """The values that contain ``piece`` on a line that also appears in the generated ``page`` Markdown."""
    return [
        text
        for text in texts
        if piece in text.text and any(_on_page(line.strip(), page) for line in text.text.splitlines() if piece in line)
    ]


def _on_page(line: str, page: str) -> bool:
    # Templates indent, quote or escape a value (&lt;), so compare one stripped line of it.
    return line in page or line.replace("<", "&lt;").replace(">", "&gt;") in page


def _texts(record: Record, docs_dir: Path) -> Iterator[FieldText]:
    kind = KINDS[record.kind]
    path = docs_dir / record.src
    for number, entry in enumerate(record.entries(), start=1):
        if not isinstance(entry, LineDict):
            continue
        name = entry.get(kind.key)
        label = f"{kind.singular} '{name}'" if isinstance(name, str) else f"{kind.singular} #{number}"
        for field, value in entry.items():
            for inside, text in _strings(value):
                name = ".".join(str(part) for part in [field, *inside])
                yield FieldText(path, record.file, line_at(entry, [field, *inside]), label, name, text)


def _strings(value: Any) -> Iterator[tuple[list[int], str]]:
    """Each text of a field's value, with its index when it is an item of a list."""
    if isinstance(value, str):
        yield [], value
    elif isinstance(value, list):
        yield from (([index], item) for index, item in enumerate(value) if isinstance(item, str))
