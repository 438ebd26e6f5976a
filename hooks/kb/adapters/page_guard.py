"""MkDocs hook: a Content-Security-Policy in every page, and an audit of every built HTML file.

The policy is computed from each page as written: the theme's inline scripts on it get a
hash, nothing else may run inline. The audit (``kb.htmlguard.audit``) fails the build with one
line per finding, naming the YAML entry and field when a generated page holds the problem.
Pages are checked as they are written; files copied as they are from docs/ after the build.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from kb.htmlguard import sources
from kb.htmlguard.audit import audit
from kb.htmlguard.document import Document, Element, parse
from kb.htmlguard.policy import policy, with_policy
from kb.htmlguard.theme import ThemeScripts
from kb.safety import find_html, script_url

CONTENT_CLASS = "md-content__inner"  # Material's <article> that holds the page's own content

_theme: ThemeScripts | None = None
_serving = False  # mkdocs serve: pages get its live-reload script, which no hash can allow
_checked: set[str] = set()  # built files (under site/) already audited
_problems: list[str] = []


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _theme
    _theme = ThemeScripts.from_dirs(config.theme.dirs)
    settings: dict[str, Any] = {"site_name": config.site_name, "site_description": config.site_description}
    settings |= {"copyright": config.copyright, "extra": dict(config.extra)}
    if problems := list(_unsafe_settings(settings, Path(config.config_file_path or "mkdocs.yml").name)):
        raise PluginError(f"{len(problems)} problem(s) in the settings:\n" + "\n".join(problems))
    if config.site_description:
        config.site_description = escape(config.site_description)
    _checked.clear()
    _problems.clear()
    return config


@event_priority(-100)  # after every hook that sets a description
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """Material writes the description into an attribute unescaped; a quote there would end it."""
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = escape(page.meta[key])  # Markup: escaped once, never twice (| e keeps it)
    return context


@event_priority(-100)  # after every other change to the page
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _guard(output, page.file.dest_uri, page.file.src_uri, config)


@event_priority(-100)
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):
        return output_content
    return _guard(output_content, template_name, None, config)


@event_priority(-200)  # after the search and offline plugins have written their files
def on_post_build(config: MkDocsConfig) -> None:
    site_dir = Path(config.site_dir)
    for path in sorted(site_dir.rglob("*.html")):
        built = path.relative_to(site_dir).as_posix()
        if built not in _checked:
            _audit(path.read_text(encoding="utf-8", errors="replace"), built, None, config, wants_policy=True)
    if _problems:
        raise PluginError(f"{len(_problems)} problem(s) in the built pages:\n" + "\n".join(_problems))


def _guard(html: str, built: str, src: str | None, config: MkDocsConfig) -> str:
    document = _audit(html, built, src, config, wants_policy=False)
    known = [script.text for script in document.scripts if _require_theme().knows(script.text)]
    return with_policy(html, document.head_insert, policy(known, live_reload=_serving))


def _audit(html: str, built: str, src: str | None, config: MkDocsConfig, wants_policy: bool) -> Document:
    _checked.add(built)
    document = parse(html, CONTENT_CLASS)
    parts = urlsplit(config.site_url or "")
    origin = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
    for finding in audit(document, _require_theme().knows, origin, wants_policy):
        where = _source(built, src, finding.element, config)
        _problems.append(f"{where}: {finding.message} (in {built}:{finding.element.line})")
    return document


def _source(built: str, src: str | None, element: Element, config: MkDocsConfig) -> str:
    """The file to fix: the entry behind a generated page, the Markdown page, or the copied file."""
    if src is not None and (where := sources.describe(src, element)):
        return where
    docs = Path(config.docs_dir)
    root = Path(config.config_file_path or "mkdocs.yml").parent
    shown = docs.relative_to(root).as_posix() if docs.is_relative_to(root) else docs.as_posix()
    if src is None and not (docs / built).is_file():
        return f"{Path(config.site_dir).name}/{built}"  # written by the theme or a plugin
    return f"{shown}/{src or built}"


def _unsafe_settings(value: Any, config_file: str, path: str = "") -> Iterator[str]:
    """Theme templates print these settings (help lines, labels): they must hold text, never markup."""
    if isinstance(value, Markup):
        return  # HTML a hook built with autoescape (the help lines), not a setting someone typed
    if isinstance(value, str):
        if found := find_html(value):
            yield f"{config_file}: {path}: contains markup ('{found}') (hint: settings are plain text)"
        elif script_url(value):
            yield f"{config_file}: {path}: is a script or data address (hint: link to a page or a web address)"
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _unsafe_settings(item, config_file, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _unsafe_settings(item, config_file, f"{path}[{index}]")


def _require_theme() -> ThemeScripts:
    if _theme is None:
        raise PluginError("page_guard: on_config did not run")
    return _theme
