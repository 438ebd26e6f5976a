"""One pass of the standard library's HTML parser over a built page.

It records every element with its decoded attributes, whether it sits inside the page's
content (the element carrying ``content_class``), the id of the nearest heading before it
there, every inline script exactly as written, and where a policy tag can go in the head.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
_NEWLINE = re.compile("\n")
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# A script runs when its type is missing, empty, "module" or a JavaScript MIME type; any
# other type (application/json, application/ld+json) makes it a data block that never runs.
_SCRIPT_TYPES = frozenset(
    {
        "",
        "module",
        "application/ecmascript",
        "application/javascript",
        "application/x-ecmascript",
        "application/x-javascript",
        "text/ecmascript",
        "text/javascript",
        "text/javascript1.0",
        "text/javascript1.1",
        "text/javascript1.2",
        "text/javascript1.3",
        "text/javascript1.4",
        "text/javascript1.5",
        "text/jscript",
        "text/livescript",
        "text/x-ecmascript",
        "text/x-javascript",
    }
)


@dataclass(frozen=True)
class Element:
    tag: str
    attrs: tuple[tuple[str, str], ...]
    line: int
    in_content: bool
    section: str  # id of the nearest heading before it inside the content, '' before the first
    classes: frozenset[str]  # its own classes and those of its ancestors inside the content

    def get(self, name: str) -> str | None:
        return next((value for key, value in self.attrs if key == name), None)


@dataclass(frozen=True)
class Script:
    """An inline script that a browser would run, with its text exactly as in the file."""

    element: Element
    text: str


@dataclass
class Document:
    elements: list[Element] = field(default_factory=list)
    scripts: list[Script] = field(default_factory=list)
    head_insert: int = 0  # character offset where a tag early in <head> can be inserted


def parse(html: str, content_class: str) -> Document:
    parser = _Parser(html, content_class)
    parser.feed(html)
    parser.close()
    return parser.document


class _Parser(HTMLParser):
    def __init__(self, html: str, content_class: str) -> None:
        super().__init__(convert_charrefs=True)
        self.document = Document()
        self._content_class = content_class
        self._line_starts = [0, *(match.end() for match in _NEWLINE.finditer(html))]
        self._stack: list[tuple[str, frozenset[str]]] = []  # open elements: (tag, classes inside the content)
        self._open: Counter[str] = Counter()  # how many of each tag are open, to ignore stray end tags
        self._content_at: int | None = None  # stack depth of the element that holds the content
        self._section = ""
        self._script: Element | None = None
        self._head: Element | None = None
        self._script_text: list[str] = []

    def _offset_after_tag(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column + len(self.get_starttag_text() or "")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closes=tag in VOID)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closes=True)

    def _start(self, tag: str, raw: list[tuple[str, str | None]], closes: bool) -> None:
        attrs = tuple((name, value or "") for name, value in raw)
        named = dict(attrs)
        own = frozenset(named["class"].split()) if "class" in named else frozenset()
        inside = self._content_at is not None
        opens = not inside and self._content_class in own
        if inside and tag in HEADINGS and named.get("id"):
            self._section = named["id"]
        classes = (self._stack[-1][1] | own) if inside and self._stack else own
        element = Element(tag, attrs, self.getpos()[0], inside, self._section, classes)
        self.document.elements.append(element)
        if tag == "head" and self._head is None:
            self._head = element
            self.document.head_insert = self._offset_after_tag()
        elif tag == "meta" and "charset" in named and self.document.elements[-2:-1] == [self._head]:
            self.document.head_insert = self._offset_after_tag()  # the charset tag comes first
        if tag == "script" and "src" not in named and _runs(named.get("type")):
            self._script, self._script_text = element, []
        if not closes:
            if opens:
                self._content_at = len(self._stack)
            self._stack.append((tag, classes if inside or opens else frozenset()))
            self._open[tag] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.document.scripts.append(Script(self._script, "".join(self._script_text)))
            self._script = None
        if self._open[tag]:
            while self._stack:
                name, _ = self._stack.pop()
                self._open[name] -= 1
                if name == tag:
                    break
            if self._content_at is not None and len(self._stack) <= self._content_at:
                self._content_at = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)


def _runs(kind: str | None) -> bool:
    return kind is None or kind.strip().lower() in _SCRIPT_TYPES
