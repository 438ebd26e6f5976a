"""The one error type content authors see."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, precise enough to fix without a traceback."""

    file: str
    message: str
    hint: str = ""
    line: int | None = None
    entry: str = ""
    field: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        parts = [where]
        if self.entry:
            parts.append(self.entry)
        if self.field:
            parts.append(f"field '{self.field}'")
        text = ": ".join(parts) + f": {self.message}"
        return _one_line(f"{text} (hint: {self.hint})" if self.hint else text)


# A line break or control character: in a one-line field it would start a heading, a list or a box.
NOT_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _one_line(text: str) -> str:
    """Values quoted in a problem may hold line breaks; show them escaped so each problem stays one line."""
    return NOT_ONE_LINE.sub(lambda match: repr(match.group())[1:-1], text)


def type_name(value: object) -> str:
    """How a problem names the type of a value an author wrote: 'text', 'a list', 'true/false'."""
    names = ((bool, "true/false"), (str, "text"), (list, "a list"), (dict, "a mapping"), ((int, float), "a number"))
    for kind, name in names:
        if isinstance(value, kind):
            return name
    return "empty" if value is None else type(value).__name__


class ContentError(Exception):
    """Raised once with every problem found, so authors fix them all in one pass."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.field))
        super().__init__("\n".join(str(p) for p in self.problems))
