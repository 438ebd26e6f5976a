"""The whole pipeline in one call: load, validate, model, link, render."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from kb.checker import rule_sets, rules_problems
from kb.helplines import expand_markers
from kb.kinds import KINDS
from kb.links import Graph, link
from kb.load import display, list_docs, load_docs
from kb.model import Content, Principle, build_content
from kb.notices import check_notices
from kb.origins import FieldText, field_texts, holding
from kb.outputs import clashes as output_clashes
from kb.page_map import PageMap
from kb.problems import ContentError
from kb.render import render_abbreviations, render_backlinks, render_notices, render_pages
from kb.settings import Settings
from kb.tools import Tool, expand_tools, tool_sets, tools_problems
from kb.validate import validate


@dataclass(frozen=True)
class Site:
    """Everything the MkDocs adapter needs, computed once per build."""

    content: Content
    graph: Graph
    pages: dict[str, str]
    abbreviations: str
    settings: Settings
    rules: Mapping[str, Mapping[str, Any]]  # checker rules by source path
    texts: tuple[FieldText, ...]  # every text value of the content, with where it was written
    page_map: PageMap  # which entry and field wrote each section of a generated page
    tools: Mapping[str, Tool]  # the browser tools' texts and settings, by id

    @cached_property
    def _principles_by_page(self) -> dict[str, Principle]:
        return {p.src: p for p in self.content.principles.values()}

    def principle_at(self, src: str) -> Principle | None:
        """The principle whose page is ``src``, if it is one."""
        return self._principles_by_page.get(src)

    def backlinks(self, src: str) -> str:
        """Markdown to append to the principle page at ``src`` ('' for any other page)."""
        principle = self.principle_at(src)
        return render_backlinks(principle, self.graph, self.settings) if principle else ""

    def written_in(self, piece: str, page: str) -> list[FieldText]:
        """The content values that put ``piece`` (a link, say) into the generated ``page`` ([] for any other page)."""
        return holding(self.texts, piece, self.pages[page]) if page in self.pages else []

    def notices(self, src: str) -> str:
        """Markdown to put before the text of the principle page at ``src`` ('' for any other page)."""
        principle = self.principle_at(src)
        return render_notices(principle, self.settings) if principle else ""

    def finish_page(self, src: str, markdown: str, file: str, href: Callable[[str], str] = str) -> str:
        """The body of the page at ``src`` (front matter removed) with everything the engine adds to it.

        Help-line and tool markers are filled in, the notices go after the title, backlinks and
        abbreviations at the end. ``file`` names the page in problems; raises ContentError for a bad
        marker. ``href`` turns a page path under docs/ into a link from this page (for the tools).
        """
        markdown = expand_tools(expand_markers(markdown, self.content.help_lines, file), self.tools, file, href)
        markdown = _after_title(markdown, self.notices(src))
        return "\n\n".join(part for part in (markdown, self.backlinks(src), self.abbreviations) if part)

    def sections(self) -> dict[str, list[str]]:
        """Each generated index page and the generated pages beside it, in reading order."""
        return {
            index: [p for p in self.pages if p != index and posixpath.dirname(p) == posixpath.dirname(index)]
            for index in self.pages
            if posixpath.basename(index) == "index.md"
        }


def build_site(docs_dir: Path, settings: Settings, root: Path | None = None) -> Site:
    """Load and check all content under ``docs_dir``; raise ContentError listing every problem."""
    root = root or docs_dir.parent
    loaded, problems = load_docs(docs_dir, root, settings.principles_dir)
    # A file another hook reads (search synonyms) is that hook's to check; it stays a source, so
    # kb_pages keeps it out of the site like every other content file.
    records = [r for r in loaded if r.kind not in KINDS or KINDS[r.kind].pages]
    elsewhere = tuple(r.src for r in loaded if r.kind in KINDS and not KINDS[r.kind].pages)
    problems += validate(records, settings.sections)
    if not problems:  # only valid rule files can be compiled and timed
        problems += rules_problems(records, docs_dir)
    # Clashes are looked for even in invalid content: an id like 'index' must be named, not only the
    # references it breaks elsewhere.
    problems += output_clashes(records, settings, list_docs(docs_dir), display(docs_dir, root))
    if problems:
        raise ContentError(problems)
    content = build_content(records)
    content = replace(content, sources=(*content.sources, *elsewhere))
    if problems := check_notices(records, content, settings.notices, docs_dir, settings.config_file):
        raise ContentError(problems)
    graph = link(content)
    pages = render_pages(content, graph, settings)
    if problems := tools_problems(records, {*list_docs(docs_dir), *pages}):
        raise ContentError(problems)
    abbreviations = render_abbreviations(content.terms)
    return Site(
        content,
        graph,
        pages,
        abbreviations,
        settings,
        rule_sets(records),
        field_texts(records, docs_dir),
        PageMap.from_records(records, settings),
        tool_sets(records),
    )


def _after_title(markdown: str, block: str) -> str:
    """``block`` before the text of a page, but after its '# Title' line if it starts with one."""
    if not block:
        return markdown
    title, newline, rest = markdown.partition("\n")
    if title.startswith("# "):
        return f"{title}{newline}\n{block}\n{rest}"
    return f"{block}\n{markdown}"
