"""The inline scripts a theme writes, read from its own template files at build time.

Only a script that matches one of them gets a hash in the policy, so markup that slips a
script into a page is refused instead of being allowed. Where a template fills in a value
(``{{ base_url }}`` in Material's scope script), the match accepts only URL characters:
no quote, bracket, parenthesis or backslash can end the string the value sits in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)  # no attributes: no src, no type
_TEMPLATE_TAG = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\})", re.DOTALL)
_URL_VALUE = r"[\w./:%~+-]*"


@dataclass(frozen=True)
class ThemeScripts:
    patterns: tuple[re.Pattern[str], ...]

    @classmethod
    def from_dirs(cls, dirs: Iterable[str | Path]) -> ThemeScripts:
        patterns = []
        for folder in dirs:
            for path in sorted(Path(folder).rglob("*.html")):
                for body in _INLINE_SCRIPT.findall(path.read_text(encoding="utf-8")):
                    if pattern := _pattern(body):
                        patterns.append(pattern)
        return cls(tuple(dict.fromkeys(patterns)))

    def knows(self, text: str) -> bool:
        return any(pattern.fullmatch(text) for pattern in self.patterns)


def _pattern(body: str) -> re.Pattern[str] | None:
    parts = []
    for piece in _TEMPLATE_TAG.split(body):
        if piece.startswith("{{"):
            parts.append(_URL_VALUE)
        elif piece.startswith("{#"):
            continue
        elif piece.startswith("{%"):
            return None  # a script whose text depends on template logic is never trusted blindly
        else:
            parts.append(re.escape(piece))
    return re.compile("".join(parts), re.DOTALL)
