"""Browser tools whose texts and settings are content: a marker in a page becomes the tool's HTML.

A page writes ``[[tool: wait]]`` on a line of its own; the engine puts there the HTML of the
template ``tool_wait.html.j2``, filled from the ``tools:`` entry with that id. The template
escapes every text; the texts the script needs later go into a ``data-texts`` attribute as JSON,
so the script in docs/assets/ holds no wording of its own and another site can reuse it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from jinja2 import Environment

from kb.load import LineDict, Record
from kb.problems import ContentError, Problem
from kb.render import new_environment

KIND = "tools"
MARKER = re.compile(r"^[ \t]*\[\[tool:[ \t]*([a-z0-9-]+)[ \t]*\]\][ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Tool:
    id: str
    texts: Mapping[str, str]
    links: Mapping[str, str]  # name -> page path under docs/
    settings: Mapping[str, Any]  # every other field of the entry


def tool_sets(records: list[Record]) -> dict[str, Tool]:
    """Each validated tool entry, by id."""
    tools: dict[str, Tool] = {}
    for record in records:
        if record.kind != KIND:
            continue
        for entry in record.data[KIND]:
            settings = {key: value for key, value in entry.items() if key not in ("id", "texts", "links")}
            tools[entry["id"]] = Tool(entry["id"], dict(entry["texts"]), dict(entry["links"]), settings)
    return tools


def tools_problems(records: list[Record], pages: Collection[str]) -> list[Problem]:
    """What the schema cannot see: a default outside its choices, links to no page.

    ``pages`` holds every page path under docs/, hand-written and generated.
    """
    return [
        problem
        for record in records
        if record.kind == KIND
        for entry in record.data[KIND]
        for problem in _entry_problems(record.file, entry, pages)
    ]


def _entry_problems(file: str, entry: Any, pages: Collection[str]) -> Iterator[Problem]:
    label = f"tool '{entry['id']}'"
    line = entry.line if isinstance(entry, LineDict) else None
    if "default_minutes" in entry and entry["default_minutes"] not in entry["minutes"]:
        hint = f"choose one of {', '.join(map(str, entry['minutes']))}"
        yield Problem(file, "is not one of the lengths in 'minutes'", hint, line, label, "default_minutes")
    for name, page in entry["links"].items():
        if page.replace(".yml", ".md") not in pages:
            hint = "use a path under docs/, like tools/checker.md; a situation is scenarios/<id>.md"
            yield Problem(file, f"no page '{page}'", hint, line, label, f"links.{name}")


def expand_tools(markdown: str, tools: Mapping[str, Tool], file: str, href: Callable[[str], str]) -> str:
    """Replace each tool marker with the tool's HTML; ``href`` turns a page path into a link from this page."""
    problems: list[Problem] = []

    def replace(match: re.Match[str]) -> str:
        tool = tools.get(match.group(1))
        if tool is None:
            line = markdown.count("\n", 0, match.start()) + 1
            hint = f"use one of {', '.join(sorted(tools)) or 'the ids in a tools: file'}"
            problems.append(Problem(file, f"no tool '{match.group(1)}'", hint=hint, line=line))
            return ""
        links = {name: href(page.replace(".yml", ".md")) for name, page in tool.links.items()}
        html = (
            _environment()
            .get_template(f"tool_{tool.id}.html.j2")
            .render(
                tool=tool, t=tool.texts, s=tool.settings, links=links, data=json.dumps(tool.texts, ensure_ascii=False)
            )
        )
        return f"\n\n{html.strip()}\n\n"

    expanded = MARKER.sub(replace, markdown)
    if problems:
        raise ContentError(problems)
    return expanded


@cache
def _environment() -> Environment:
    env = new_environment(autoescape=True)
    env.filters["fill"] = lambda text, **values: re.sub(r"\{(\w+)\}", lambda m: str(values.get(m[1], m[0])), text)
    return env
