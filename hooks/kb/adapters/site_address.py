"""MkDocs hook: one warning line when a build or deploy runs without SITE_URL.

mkdocs.yml falls back to the local preview address, which is right for `mkdocs serve` (silent there)
but wrong in anything published: canonical links, Open Graph URLs and the sitemap would all point at
it. The line goes to stderr outside MkDocs' logger, so `--strict` still passes a local preview build.
"""

from __future__ import annotations

import os
import sys

from mkdocs.config.defaults import MkDocsConfig

_command: str | None = None


def on_startup(*, command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_config(config: MkDocsConfig) -> None:
    if _command == "serve" or os.environ.get("SITE_URL", "").strip():
        return
    print(
        f"WARNING -  SITE_URL is not set: canonical links, Open Graph URLs and the sitemap will point at "
        f"{config.site_url or 'no address'}; set it to the public address, e.g. "
        f"SITE_URL=https://example.org/ mkdocs build",
        file=sys.stderr,
    )
