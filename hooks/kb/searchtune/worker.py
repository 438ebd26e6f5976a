"""Material's search worker with the query clean-up script (query_words.js) in front, under a new name.

The name carries a hash of the new content, as Material's own does, so a host that caches
hashed files for a year serves the tuned worker, never an older copy under the old name.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from pathlib import Path

SCRIPT = Path(__file__).with_name("query_words.js")
WORKERS = "assets/javascripts/workers"
NAME = re.compile(r"search\.[0-9a-f]+\.min\.js")
# The source map describes Material's file alone; with lines added in front it would point wrong.
SOURCE_MAP = re.compile(r"\n//# sourceMappingURL=\S+\s*$")
CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)


def with_query_words(worker: str) -> str:
    """The worker's code with the clean-up script first; unchanged if it is already there."""
    script = SCRIPT.read_text(encoding="utf-8")
    return worker if worker.startswith(script) else script + SOURCE_MAP.sub("\n", worker)


def hashed_name(code: str) -> str:
    return f"search.{hashlib.sha256(code.encode()).hexdigest()[:8]}.min.js"


def is_worker(path: str) -> bool:
    """Whether ``path`` (relative to the site) is Material's search worker."""
    directory, name = posixpath.split(path)
    return directory == WORKERS and bool(NAME.fullmatch(name))


def point_config_at(html: str, old: str, new: str) -> str:
    """The page with the theme's config (``__config``) naming worker file ``new`` instead of ``old``.

    A page without that config is returned as it is; one naming another worker raises ValueError.
    """
    match = CONFIG.search(html)
    if not match:
        return html
    url = json.loads(match.group(1)).get("search")
    if not isinstance(url, str) or posixpath.basename(url) == new:
        return html
    if posixpath.basename(url) != old:
        raise ValueError(f"the page's theme config names the search worker '{url}', expected '{old}'")
    # Only the one JSON string changes, so the rest of the inline script stays byte for byte.
    config = match.group(1).replace(json.dumps(url), json.dumps(url[: -len(old)] + new), 1)
    return html[: match.start(1)] + config + html[match.end(1) :]
