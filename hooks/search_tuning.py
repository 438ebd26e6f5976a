"""MkDocs hook: tune Material's search index once the search plugin has written it, and
publish its search worker with the query clean-up script, under a new hashed name.

Settings live in ``extra.search_tuning`` of mkdocs.yml: ``synonyms`` (a file under
docs/ holding a ``synonyms:`` list), ``fields`` (lunr field weights) and ``weights``
(location pattern -> multiplier, first match wins). See README "Search quality".
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from kb.load import Record, config_lines, parse_yaml
from kb.options import SearchTuningOptions, read
from kb.searchtune import Tuning, compile_groups, tune
from kb.searchtune.worker import hashed_name, is_worker, point_config_at, with_query_words
from kb.settings import line_of
from kb.validate import validate

KIND = "synonyms"
INDEX = Path("search", "search_index.json")

_tuning: Tuning | None = None
_worker: tuple[str, str] | None = None  # Material's worker file name -> the tuned one's, set by on_files


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _tuning
    synonyms, fields, weights = _read_options(config)
    groups = compile_groups(_load_synonyms(config, synonyms)) if synonyms else ()
    _tuning = Tuning(groups, fields, weights)
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


# After Material's search plugin writes the index (priority 0), before its offline
# plugin copies the index into a script (-100).
@event_priority(-50)
def on_post_build(config: MkDocsConfig) -> None:
    if _tuning is None:
        raise PluginError("search_tuning: on_config did not run")
    path = Path(config.site_dir) / INDEX
    if not path.exists():
        raise PluginError(f"search_tuning: {INDEX} was not written; is Material's search plugin enabled?")
    index = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(tune(index, _tuning), separators=(",", ":")), encoding="utf-8")


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
    _worker = (posixpath.basename(original.src_uri), posixpath.basename(tuned.src_uri))
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


def _load_synonyms(config: MkDocsConfig, src: str) -> list[Mapping[str, Any]]:
    path = Path(config.docs_dir) / src
    root = Path(config.config_file_path or "mkdocs.yml").parent
    shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
    if not path.is_file():
        raise PluginError(f"{shown}: synonyms file not found (hint: check extra.search_tuning.synonyms)")
    data, problems = parse_yaml(path.read_text(encoding="utf-8"), shown)
    if not problems:
        problems = validate([Record(KIND, shown, src, data)])
    if problems:
        raise PluginError(f"{len(problems)} content problem(s):\n" + "\n".join(str(p) for p in problems))
    return list(data[KIND])
