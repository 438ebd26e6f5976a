"""Help lines: tap-to-call and tap-to-text links, and the HTML fragments pages and the theme show.

Lines are rendered as HTML through an autoescaping Jinja environment, so every value is escaped
for the place it lands (text or attribute), whatever the content says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from urllib.parse import quote

from jinja2 import Environment
from markupsafe import Markup

from kb.model import HelpLine
from kb.problems import ContentError, Problem
from kb.render import new_environment

URGENT = "urgent"
ALL = "all"

# A whole line such as "[[help-lines: urgent]]" or "[[help-table: abuse]]" in a page's Markdown.
MARKER = re.compile(r"^[ \t]*\[\[help-(lines|table):[ \t]*([a-z0-9-]+)[ \t]*\]\][ \t]*$", re.MULTILINE)


def tel_href(number: str) -> str:
    """A tel: link: digits only, plus a leading + when the number has one."""
    return "tel:" + ("+" if number.startswith("+") else "") + re.sub(r"\D", "", number)


def sms_href(number: str, keyword: str = "") -> str:
    """An sms: link; '?&body=' fills in the keyword on both Android and iOS."""
    href = "sms:" + re.sub(r"\D", "", number)
    return f"{href}?&body={quote(keyword, safe='')}" if keyword else href


def select(lines: Iterable[HelpLine], selector: str) -> list[HelpLine]:
    """The lines a selector names: 'all', 'urgent', or every line that serves a tag."""
    if selector == ALL:
        return list(lines)
    if selector == URGENT:
        return [line for line in lines if line.urgent]
    return [line for line in lines if selector in line.serves]


def fragments(lines: Sequence[HelpLine], bar_labels: Mapping[str, str], config_file: str) -> dict[str, Markup]:
    """What the theme shows on every page: 'now', one <li> per urgent line; 'bar', the banner numbers.

    The bar groups banner lines by their first 'serves' tag, under the label ``bar_labels`` gives it.
    """
    banner = [line for line in lines if line.banner]
    missing = sorted({line.serves[0] for line in banner} - set(bar_labels))
    if missing:
        raise ContentError(
            [
                Problem(
                    config_file,
                    f"no help bar label for lines that serve '{tag}'",
                    hint=f"add 'extra: help: bar_groups: {tag}: ...'",
                    field="extra.help.bar_groups",
                )
                for tag in missing
            ]
        )
    return {
        "now": _render("help_items.html.j2", lines=select(lines, URGENT)),
        "bar": _render("help_bar.html.j2", groups=_groups(banner, bar_labels)),
    }


def expand_markers(markdown: str, lines: Sequence[HelpLine], file: str) -> str:
    """Replace each help-lines marker with its HTML; a marker that selects nothing is an error."""
    problems: list[Problem] = []

    def replace(match: re.Match[str]) -> str:
        form, selector = match.groups()
        chosen = select(lines, selector)
        if not chosen:
            line = markdown.count("\n", 0, match.start()) + 1
            hint = f"use '{ALL}', '{URGENT}' or a tag from 'serves:' in the help lines"
            problems.append(Problem(file, f"no help line matches '{selector}'", hint=hint, line=line))
            return ""
        template = "help_table.html.j2" if form == "table" else "help_list.html.j2"
        return f"\n\n{_render(template, lines=chosen)}\n\n"

    expanded = MARKER.sub(replace, markdown)
    if problems:
        raise ContentError(problems)
    return expanded


def _groups(lines: list[HelpLine], labels: Mapping[str, str]) -> list[tuple[str, list[HelpLine]]]:
    """Neighbouring lines with the same first tag, under its label, so the bar names each group once."""
    groups: list[tuple[str, list[HelpLine]]] = []
    for line in lines:
        label = labels[line.serves[0]]
        if groups and groups[-1][0] == label:
            groups[-1][1].append(line)
        else:
            groups.append((label, [line]))
    return groups


def _render(template: str, **context: object) -> Markup:
    return Markup(_environment().get_template(template).render(**context).strip())


def _web_label(url: str) -> str:
    return re.sub(r"^https://(www\.)?", "", url).rstrip("/")


@cache
def _environment() -> Environment:
    env = new_environment(autoescape=True)
    env.filters["tel"] = tel_href
    env.filters["sms"] = lambda line: sms_href(line.text, line.keyword)
    env.filters["web_label"] = _web_label
    return env
