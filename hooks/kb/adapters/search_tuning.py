"""MkDocs hook: tune Material's search index from the search plugin's entries, publish its
search worker with the query clean-up script under a new hashed name, and start search only
when the reader starts to search (kb/searchtune/lazy.py; not in the offline build, where
Material's own file:// loading applies).

Settings live in ``extra.search_tuning`` of mkdocs.yml: ``synonyms`` (a file under
docs/ holding a ``synonyms:`` list), ``fields`` (lunr field weights) and ``weights``
(location pattern -> multiplier, first match wins). See README "Search quality".
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import replace
from pathlib import Path
from typing import Any

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from kb.load import config_lines
from kb.options import SearchTuningOptions, read
from kb.problems import ContentError
from kb.searchtune import Tuning, lazy, tune
from kb.searchtune.synonyms import SynonymGroup, load_groups
from kb.searchtune.worker import hashed_name, is_worker, point_config_at, with_query_words
from kb.settings import line_of

INDEX = Path(lazy.INDEX)
INDEX_SETTINGS = ("lang", "separator", "pipeline", "fields")  # what Material writes beside the entries

_tuning: Tuning | None = None
_lazy = True  # search starts on the reader's first search; not in the offline build
_worker: tuple[str, str] | None = None  # Material's worker file name -> what the pages name, set by on_files


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _tuning, _lazy
    synonyms, fields, weights = _read_options(config)
    groups = _load_synonyms(config, synonyms) if synonyms else ()
    _tuning = Tuning(groups, fields, weights)
    offline = config.plugins.get("material/offline")
    _lazy = not (offline and offline.config.enabled)
    if _lazy:
        script = ExtraScriptValue(lazy.START)
        script.async_ = True
        config.extra_javascript.append(script)
    return config


def _read_options(config: MkDocsConfig) -> tuple[str | None, dict[str, float], list[tuple[str, float]]]:
    """``extra.search_tuning``, checked once against its options class; anything wrong is one line per setting."""
    config_file = Path(config.config_file_path or "mkdocs.yml")
    values, problems = read(
        SearchTuningOptions, config.extra.get("search_tuning"), "extra.search_tuning", config_file.name
    )
    if problems:
        lines = config_lines(config_file)
        shown = [replace(p, line=line_of(p.field, lines)) for p in problems]
        raise PluginError(f"{len(shown)} setting problem(s):\n" + "\n".join(map(str, sorted(shown, key=str))))
    return values["synonyms"], values["fields"], list(values["weights"].items())


# After Material's search plugin has written the index (priority 0), before its offline plugin
# copies the index into a script (-100). The entries are read from the plugin, not the file.
@event_priority(-50)
def on_post_build(config: MkDocsConfig) -> None:
    if _tuning is None:
        raise PluginError("search_tuning: on_config did not run")
    index = _search_index(config)
    settings = {key: index.config[key] for key in INDEX_SETTINGS}
    tuned = tune({"config": settings, "docs": index.entries}, _tuning)
    site = Path(config.site_dir)
    if not (site / INDEX).exists():
        raise PluginError(f"search_tuning: {INDEX} was not written; is Material's search plugin enabled?")
    if _lazy:
        lazy.write_split(site, tuned)
    else:
        (site / INDEX).write_text(json.dumps(tuned, separators=(",", ":"), default=str), encoding="utf-8")


def _search_index(config: MkDocsConfig) -> Any:
    search = config.plugins.get("material/search")
    if search is None or not search.config.enabled:
        raise PluginError("search_tuning: Material's search plugin is not enabled (hint: add 'search' to plugins)")
    return search.search_index


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Swap Material's worker (and its source map) for the tuned worker under its own hashed name."""
    global _worker
    found = [file for file in files if is_worker(file.src_uri)]
    if len(found) != 1:
        raise PluginError(f"search_tuning: expected one search worker in the theme, found {len(found)}")
    original = found[0]
    code = with_query_words(original.content_string)
    tuned = File.generated(config, f"{posixpath.dirname(original.src_uri)}/{hashed_name(code)}", content=code)
    for file in (original, files.get_file_from_path(original.src_uri + ".map")):
        if file:
            files.remove(file)
    files.append(tuned)
    shown = posixpath.basename(tuned.src_uri)
    if _lazy:
        name, code = lazy.loader(shown)
        files.append(File.generated(config, f"{posixpath.dirname(original.src_uri)}/{name}", content=code))
        files.append(File.generated(config, lazy.START, content=lazy.start_script()))
        shown = name
    _worker = (posixpath.basename(original.src_uri), shown)
    return files


# Before any hook that reads the finished page (such as one hashing its inline scripts).
@event_priority(50)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _renamed(output, page.file.src_uri)


@event_priority(50)
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    return _renamed(output_content, template_name)  # 404.html carries the theme config too


def _renamed(html: str, where: str) -> str:
    if _worker is None:
        raise PluginError("search_tuning: on_files did not run")
    try:
        return point_config_at(html, *_worker)
    except ValueError as error:
        raise PluginError(f"search_tuning: {where}: {error}") from None


def _load_synonyms(config: MkDocsConfig, src: str) -> tuple[SynonymGroup, ...]:
    path = Path(config.docs_dir) / src
    root = Path(config.config_file_path or "mkdocs.yml").parent
    shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
    try:
        return load_groups(path, src, shown)
    except ContentError as error:
        raise PluginError(f"{len(error.problems)} content problem(s):\n{error}") from None
