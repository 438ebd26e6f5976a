"""Glossary tooltips: the first use of a term on a page, never in a link or a heading (kb/tooltips.py)."""

from __future__ import annotations

import re

import markdown

from kb.tooltips import TooltipsOnce

TERMS = "*[No contact]: Not calling.\n*[no contact]: Not calling.\n*[NC]: Not calling.\n*[Closure]: A sense.\n"


def convert(text: str, once: bool = True) -> str:
    extensions: list[object] = ["abbr", "toc", *([TooltipsOnce()] if once else [])]
    return markdown.markdown(text + "\n\n" + TERMS, extensions=extensions)


def abbrs(html: str) -> list[str]:
    return re.findall(r"<abbr [^>]*>([^<]*)</abbr>", html)


def test_a_term_gets_one_tooltip_whatever_its_spelling() -> None:
    html = convert("No contact helps. Keep no contact, NC for short. Closure comes. closure")
    assert abbrs(html) == ["No contact", "Closure"]


def test_no_tooltip_inside_a_link_or_a_heading() -> None:
    text = "# Why no contact\n\n## *No contact*, again\n\n[read about **no contact**](x.md)\n\nThen no contact in text."
    html = convert(text)
    assert abbrs(html) == ["no contact"]
    assert re.search(r"<p>Then <abbr [^>]*>no contact</abbr> in text\.</p>", html), html
    assert not re.search(r"<(h\d|a)\b[^>]*>(?:(?!</\1>).)*<abbr", html, re.S), html


def test_only_the_markup_changes() -> None:
    text = "# NC\n\nNo contact, [no contact](x.md), *NC and no contact*; no contact.\n\n- Closure\n- closure"
    plain = [re.sub(r"<[^>]+>", "", convert(text, once)) for once in (True, False)]
    assert plain[0] == plain[1]
    assert len(abbrs(convert(text, once=False))) > len(abbrs(convert(text)))
