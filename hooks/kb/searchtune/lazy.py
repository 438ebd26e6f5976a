"""Search that starts when the reader starts to search, not with every page view.

Material fetches ``search/search_index.json`` and starts its search worker on every page.
Here that file keeps only the index settings, with the names of a small first index
(``config.first``: titles and tags) and of the full index (``config.full``);
the theme config names a small loader (loader.js) in place of the worker, and a page script
(search_start.js) tells the loader when the reader starts to search. The loader then loads
the real worker with the small index, for first results after one request, and the full
index after it. Material itself is not changed.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kb.searchtune.worker import WORKERS

HERE = Path(__file__).parent
INDEX = "search/search_index.json"
START = "assets/javascripts/search-start.js"
# What the first index keeps of each entry, and an empty "text", which Material's results need.
# Without title synonyms: it loads and builds sooner, and the full index has them a little later.
FIRST_FIELDS = ("location", "title", "tags", "boost")


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:8]


def loader(worker: str) -> tuple[str, str]:
    """The loader's file name (hashed, beside the worker) and code, for the worker file ``worker``."""
    code = (
        (HERE / "loader.js")
        .read_text(encoding="utf-8")
        .replace("__WORKER__", worker)
        .replace("__INDEX_DIR__", posixpath.relpath(posixpath.dirname(INDEX), WORKERS))
    )
    return f"loader.{_hash(code.encode())}.js", code


def start_script() -> str:
    return (HERE / "search_start.js").read_text(encoding="utf-8")


def write_split(site_dir: Path, index: Mapping[str, Any]) -> tuple[str, str]:
    """Write the full ``index`` and its first index under hashed names beside INDEX, and the
    settings only as INDEX.

    Returns the first and the full index's file names.
    """
    first = {
        "config": index["config"],
        "docs": [{**{key: doc[key] for key in FIRST_FIELDS if key in doc}, "text": ""} for doc in index["docs"]],
    }
    names = [_write_hashed(site_dir / INDEX, data) for data in (first, index)]
    settings = {**index["config"], "first": names[0], "full": names[1]}
    (site_dir / INDEX).write_text(json.dumps({"config": settings, "docs": []}, separators=(",", ":")))
    return names[0], names[1]


def _write_hashed(beside: Path, index: Mapping[str, Any]) -> str:
    data = json.dumps(index, separators=(",", ":"), default=str).encode()  # as Material writes it
    name = f"search_index.{_hash(data)}.json"
    beside.with_name(name).write_bytes(data)
    return name


def full_index(site_dir: Path) -> Path:
    """The index a reader's search runs on: the full index of a split build, else the index itself."""
    path = site_dir / INDEX
    full = json.loads(path.read_text(encoding="utf-8"))["config"].get("full")
    return path.with_name(full) if full else path
