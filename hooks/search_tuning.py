"""MkDocs hook: tune Material's search index once the search plugin has written it.

Settings live in ``extra.search_tuning`` of mkdocs.yml: ``synonyms`` (a file under
docs/ holding a ``synonyms:`` list), ``fields`` (lunr field weights) and ``weights``
(location pattern -> multiplier, first match wins). See README "Search quality".
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from kb.load import Record, parse_yaml
from kb.validate import validate
from searchtune import Tuning, compile_groups, tune
from searchtune.worker import find_worker, with_query_words

KIND = "synonyms"
INDEX = Path("search", "search_index.json")

_tuning: Tuning | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _tuning
    options: Mapping[str, Any] = config.extra.get("search_tuning") or {}
    weights = [(str(pattern), float(factor)) for pattern, factor in (options.get("weights") or {}).items()]
    if any(factor <= 0 for _, factor in weights):
        raise PluginError("extra.search_tuning.weights: every multiplier must be above 0")
    groups = compile_groups(_load_synonyms(config, options["synonyms"])) if options.get("synonyms") else ()
    fields = {str(name): float(boost) for name, boost in (options.get("fields") or {}).items()}
    _tuning = Tuning(groups, fields, weights)
    return config


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
    try:
        worker = find_worker(Path(config.site_dir))
    except FileNotFoundError as error:
        raise PluginError(f"search_tuning: {error}") from None
    worker.write_text(with_query_words(worker.read_text(encoding="utf-8")), encoding="utf-8")


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
