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


# Values quoted in a problem may hold line breaks; show them escaped so each problem stays one line.
_LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


def _one_line(text: str) -> str:
    return _LINE_BREAKS.sub(lambda match: repr(match.group())[1:-1], text)


class ContentError(Exception):
    """Raised once with every problem found, so authors fix them all in one pass."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.field))
        super().__init__("\n".join(str(p) for p in self.problems))
