"""MkDocs hooks: thin adapters from MkDocs events to the ``kb`` content engine."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from kb import ContentError, Problem, Settings, Site, build_site
from kb.checker import compile_rules, output_path, pages_named, to_script
from kb.helplines import fragments
from kb.htmlguard import sources
from kb.htmlguard.document import Element
from kb.load import config_lines
from kb.options import HelpOptions, read
from kb.render import ASSETS, SCRIPTS, STYLESHEETS, THEME
from kb.settings import line_of
from kb.tooltips import TooltipsOnce

TOOLTIPS = "kb.tooltips"  # the extension's name, for a site that lists it itself

# Set by on_config on every build (mkdocs serve re-runs it after each edit).
_site: Site | None = None

# MkDocs' wording (mkdocs/structure/pages.py) for links it cannot resolve and anchors it cannot find.
_LINK_WARNING = re.compile(
    r"Doc file '(?P<page>[^']+)' contains (?P<what>a link|an unrecognized relative link|an absolute link) "
    r"'(?P<link>.*?)'(?:, but (?P<but>.*?)|, it was left as is)\.(?: Did you mean '(?P<guess>.*)'\?)?( .*)?",
    re.S,
)
_LINK_SAYS = {"an unrecognized relative link": "is not a path to a page or file", "an absolute link": "is absolute"}


class _LinksInContent(logging.Filter):
    """Takes MkDocs' warnings about links and anchors in generated pages and keeps them as problems
    with the YAML file, line, entry and field they came from; any other record passes through."""

    def __init__(self, site: Site) -> None:
        super().__init__()
        self.site = site
        self.problems: dict[str, Problem] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        match = _LINK_WARNING.fullmatch(record.getMessage())
        if record.levelno < logging.WARNING or not match:
            return True
        page, link = match["page"], match["link"]
        origins = self.site.written_in(link, page)
        reason = match["but"] or _LINK_SAYS[match["what"]]
        hint = (
            f"did you mean '{match['guess']}'?"
            if match["guess"]
            else "link to a heading that is on that page"
            if "anchor" in reason
            else f"links are relative to the page it becomes, {page}"
        )
        for origin in origins:
            problem = origin.problem(link, f"link '{link}': {reason}", hint)
            self.problems.setdefault(str(problem), problem)
        return not origins


_links: _LinksInContent | None = None
_links_log: logging.Logger | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _site
    config_file = Path(config.config_file_path or "mkdocs.yml")
    lines = config_lines(config_file)
    try:
        settings = Settings.from_config(config.extra.get("kb"), config_file.name, lines)
        _site = build_site(Path(config.docs_dir), settings, root=config_file.parent)
    except ContentError as error:
        # One line per problem, and no traceback; raised before site/ is touched.
        raise PluginError(f"{len(error.problems)} content problem(s):\n{error}") from None
    tool = type(config).__module__.partition(".")[0]  # "mkdocs", or "properdocs" when ProperDocs builds
    _watch_links(_LinksInContent(_site), logging.getLogger(f"{tool}.structure.pages"))
    if config.nav is not None:
        _expand_nav(config.nav, _site.sections())
    if config.extra.get("help") is not None:
        help_settings, problems = read(HelpOptions, config.extra["help"], "extra.help", config_file.name)
        try:
            if problems:
                raise ContentError([replace(p, line=line_of(p.field, lines)) for p in problems])
            help_settings.update(fragments(_site.content.help_lines, help_settings["bar_groups"], config_file.name))
        except ContentError as error:
            raise PluginError(f"{len(error.problems)} setting problem(s):\n{error}") from None
        config.extra["help"] = help_settings  # read by the theme's help bar, with every default filled in
    sources.register("kb", _where)
    _use_engine_theme(config)
    _list_first(config.extra_css, STYLESHEETS)  # first, so a site's own rules come after the engine's
    _list_first(config.extra_javascript, [_deferred(path) for path in SCRIPTS])
    listed = (e == TOOLTIPS or isinstance(e, TooltipsOnce) for e in config.markdown_extensions)
    if not any(listed):
        # Typed as names, but MkDocs hands the list to Markdown as it is, and Markdown takes instances.
        config.markdown_extensions.append(TooltipsOnce())  # type: ignore[arg-type]
    return config


def _list_first(listed: list[Any], engine: Sequence[str | ExtraScriptValue]) -> None:
    """The engine's files ahead of the site's, in their order; one a site lists itself stays where it is."""
    own = {str(item) for item in listed}
    listed[:0] = [path for path in engine if str(path) not in own]


def _deferred(path: str) -> ExtraScriptValue:
    """A script that neither holds up the page nor waits for the one before it to arrive: with the
    policy in a <meta> tag, Chromium's preload scanner fetches nothing early, so scripts the parser
    must stop for arrive one after another. Deferred ones still run in their listed order."""
    script = ExtraScriptValue(path)
    script.defer = True
    return script


def _use_engine_theme(config: MkDocsConfig) -> None:
    """The engine's templates (help bar, sharing previews, structured data) go after the site's own
    custom_dir, so a site may still override them, and before the theme's, whose blocks they fill."""
    dirs, theme = config.theme.dirs, str(THEME)
    if theme not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, theme)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site = _require_site()
    for src in site.content.sources:
        if file := files.get_file_from_path(src):
            files.remove(file)  # structured data is built into pages, never published raw
    for path, markdown in site.pages.items():
        _add(files, File.generated(config, path, content=markdown))
    for source in sorted(ASSETS.rglob("*.*")):
        path = f"assets/{source.relative_to(ASSETS).as_posix()}"
        _add(files, File.generated(config, path, abs_src_path=str(source)))
    urls = {pid: _url(files, principle.src) for pid, principle in site.content.principles.items()}
    for src, rules in site.rules.items():
        compiled = compile_rules(rules, {**urls, **{page: _url(files, page) for page in pages_named(rules)}})
        path = output_path(src)
        _add(files, File.generated(config, path, content=to_script(compiled, path)))
    return files


def _add(files: Files, file: File) -> None:
    """Add a generated file; on_config refused clashes with docs/, so one here is the theme's or a plugin's."""
    if files.get_file_from_path(file.src_uri) is not None:
        raise PluginError(
            f"1 content problem(s):\n{file.src_uri}: this generated file would replace a file of the theme"
            " or of a plugin (hint: rename the id or the rules file it comes from)"
        )
    files.append(file)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    site = _require_site()
    if principle := site.principle_at(page.file.src_uri):
        page.meta.setdefault("description", principle.summary)

    def href(src: str) -> str:
        return get_relative_url(_url(files, src), page.file.url)

    try:
        return site.finish_page(page.file.src_uri, markdown, f"{Path(config.docs_dir).name}/{page.file.src_uri}", href)
    except ContentError as error:
        raise PluginError(str(error)) from None


# Links are checked while pages are written, anchors once all are; this is the first event after both.
@event_priority(100)
def on_post_build(config: MkDocsConfig) -> None:
    problems = list(_links.problems.values()) if _links else []
    _watch_links(None)
    if problems:
        raise PluginError(f"{len(problems)} content problem(s):\n{ContentError(problems)}")


def on_build_error(error: Exception) -> None:
    _watch_links(None)


def _watch_links(links: _LinksInContent | None, log: logging.Logger | None = None) -> None:
    """Put ``links`` on the log of MkDocs' page module for this build, in place of the last build's."""
    global _links, _links_log
    if _links is not None and _links_log is not None:
        _links_log.removeFilter(_links)
    _links, _links_log = links, log
    if links is not None and log is not None:
        log.addFilter(links)


def _where(page: str, element: Element) -> str | None:
    """For the page audit: the YAML entry and field that wrote this element, as a problem names it."""
    if _site is None:
        return None
    origin = _site.page_map.locate(page, element.section, element.classes, element.tag, element.get("title") or "")
    if origin is None:
        return None
    line = f":{origin.line}" if origin.line else ""
    field = f": field '{origin.field}'" if origin.field else ""
    return f"{origin.file}{line}: {origin.entry}{field}"


def _url(files: Files, src: str) -> str:
    file = files.get_file_from_path(src)
    return file.url if file else src


def _require_site() -> Site:
    if _site is None:
        raise PluginError("kb_pages: on_config did not run")
    return _site


def _expand_nav(nav: list[Any], sections: dict[str, list[str]]) -> None:
    """Turn a nav entry that points at a generated index into a section holding its pages."""
    for item in nav:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, list):
                    _expand_nav(value, sections)
                elif value in sections:
                    item[title] = [value, *sections[value]]
