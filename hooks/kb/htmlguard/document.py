"""One pass over a built page with the tokenizer rules of the HTML standard that decide where
tags, comments and scripts begin and end.

It records every element with its decoded attributes, whether it sits inside the page's
content (the element carrying ``content_class``), the id of the nearest heading before it
there, every inline script exactly as written, and where a policy tag can go in the head.

Where a browser and this reader could disagree, this reader sees more markup, never less:
only a script's text is skipped as text (it is checked whole against the theme's scripts),
and the text of <style>, <title>, <textarea> and the like is read as markup.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from html import unescape
from typing import NamedTuple

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
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

# The tokenizer's white space (a carriage return reaches it as a line feed). Quantifiers are
# possessive and every token may end at the end of the text, so reading costs one pass however
# the page is written.
_S = r"\t\n\f\r "
_NAME = rf"[^{_S}/>][^{_S}/>=]*+"  # its first character may be '='


def _attribute(group: str) -> str:
    """A name and maybe a value: quoted, or bare up to white space or '>'; ``group`` is '(' to capture the parts."""
    value = rf"\"{group}[^\"]*+)\"|'{group}[^']*+)'|{group}[^{_S}>\"'][^{_S}>]*+|(?=>))"
    return rf"{group}{_NAME})(?:[{_S}]*+=[{_S}]*+(?:{value}))?+"


_BODY = rf"(?:[{_S}/]++|{_attribute('(?:')})*+"
_TAG_END = r"(?:>|\Z)"  # a browser drops a tag the text ends in
_START = re.compile(rf"<([a-zA-Z][^{_S}/>]*+)({_BODY}){_TAG_END}")
_TOKEN = re.compile(
    r"<!--(?:-?>|.*?(?:--!?>|\Z))"  # a comment, ended by the first --> or --!> (or <!--> and <!--->)
    rf"|<(?P<start>[a-zA-Z])[^{_S}/>]*+{_BODY}{_TAG_END}"
    rf"|</(?P<end>[a-zA-Z][^{_S}/>]*+){_BODY}{_TAG_END}"
    r"|<[!?/][^>]*+>?",  # a doctype, bogus comment or </>: up to the first >
    re.DOTALL,
)
_ATTRIBUTES = re.compile(_attribute("("))
_NONE: frozenset[str] = frozenset()
_SCRIPT_END = re.compile(rf"</script[{_S}/>]", re.IGNORECASE | re.ASCII)
_CACHED = 500  # characters: longer tags are read each time, so the cache stays small


class Element(NamedTuple):  # a tuple: a page holds hundreds, each made once and only read
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
    document = Document()
    elements = document.elements
    stack: list[tuple[str, frozenset[str]]] = []  # open elements: (tag, classes inside the content)
    open_tags: Counter[str] = Counter()  # how many of each tag are open, to ignore stray end tags
    content_at: int | None = None  # stack depth of the element that holds the content
    section = ""
    head: Element | None = None
    line, counted, at = 1, 0, 0
    while match := _TOKEN.search(html, at):
        at = match.end()
        tag = match["start"]
        if tag is None:
            if (tag := match["end"]) is not None and open_tags[tag := tag.lower()]:
                while stack:
                    name, _ = stack.pop()
                    open_tags[name] -= 1
                    if name == tag:
                        break
                if content_at is not None and len(stack) <= content_at:
                    content_at = None
            continue
        text = match[0]
        tag, attrs, named, own, closes = _tag(text) if len(text) < _CACHED else _read_tag(text)
        line += html.count("\n", counted, match.start())
        counted = match.start()
        inside = content_at is not None
        if inside and tag in HEADINGS and named.get("id"):
            section = named["id"]
        classes = (stack[-1][1] | own if own else stack[-1][1]) if inside and stack else own
        element = Element(tag, attrs, line, inside, section, classes)
        elements.append(element)
        if tag == "head" and head is None:
            head = element
            document.head_insert = at
        elif tag == "meta" and "charset" in named and len(elements) > 1 and elements[-2] is head:
            document.head_insert = at  # the charset tag comes first
        elif tag == "script":  # its text is script data up to the first </script
            end = _SCRIPT_END.search(html, at)
            at = end.start() if end else len(html)
            if "src" not in named and _runs(named.get("type")):
                document.scripts.append(Script(element, html[match.end() : at]))
        if not closes:
            opens = not inside and content_class in own
            if opens:
                content_at = len(stack)
            stack.append((tag, classes if inside or opens else _NONE))
            open_tags[tag] += 1
    return document


Tag = tuple[str, tuple[tuple[str, str], ...], Mapping[str, str], frozenset[str], bool]


def _read_tag(text: str) -> Tag:
    """A start tag's name, attributes (also by name, the first of each), classes, and whether it opens nothing."""
    match = _START.match(text)
    assert match is not None  # the token matched the same pattern
    attrs = tuple(
        [
            (name.lower(), unescape(value) if "&" in value else value)
            for name, double, single, bare in _ATTRIBUTES.findall(match[2])
            for value in (double or single or bare,)
        ]
    )
    named = dict(reversed(attrs))  # a browser keeps the first of two attributes of one name
    own = frozenset(named["class"].split()) if "class" in named else _NONE
    tag = match[1].lower()
    return tag, attrs, named, own, tag in VOID or text.endswith("/>")


_tag = functools.lru_cache(maxsize=1 << 15)(_read_tag)  # a site repeats most of its tags on every page


def _runs(kind: str | None) -> bool:
    return kind is None or kind.strip().lower() in _SCRIPT_TYPES
