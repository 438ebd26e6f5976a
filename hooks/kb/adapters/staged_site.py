"""MkDocs hook: build into a new folder beside site/ and put it in place only if the build succeeds.

MkDocs empties site/ before it writes the first page, and a strict build fails only after
every page is written, so a failed build would leave a broken site where a good one was.
The same holds for `mkdocs serve` (its temporary folder) and `mkdocs gh-deploy`, which
publishes site/ only after a successful build.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

_dirty = False  # `--dirty` rebuilds only changed pages, so it starts from a copy of the site
_target: Path | None = None  # the folder asked for (site/, or serve's temporary folder)
_staging: Path | None = None


def on_startup(command: str, dirty: bool) -> None:
    global _dirty
    _dirty = dirty


@event_priority(100)  # before any hook that reads site_dir
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _target, _staging
    _discard()
    _target = Path(config.site_dir)
    _staging = _target.with_name(f".{_target.name}.building")
    _target.parent.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(_staging, ignore_errors=True)  # left by a build that was killed
    if _dirty and _target.is_dir():
        shutil.copytree(_target, _staging, symlinks=True)
    else:
        _staging.mkdir()
    if _target.is_dir():
        shutil.copymode(_target, _staging)
    config.site_dir = str(_staging)
    return config


@event_priority(-1000)  # after every other step that writes into the site
def on_post_build(config: MkDocsConfig) -> None:
    global _staging
    if _target is None or _staging is None:
        return
    if config.strict and _warnings_counted(config):
        _discard()  # MkDocs aborts the strict build right after this event
        return
    _swap(_staging, _target)
    _staging = None
    config.site_dir = str(_target)  # gh-deploy publishes config.site_dir once the build returns


def on_build_error(error: Exception) -> None:
    _discard()


def _warnings_counted(config: MkDocsConfig) -> bool:
    """Whether the strict-mode counter (MkDocs' CountHandler on its top logger) has seen a warning."""
    tool = type(config).__module__.partition(".")[0]  # "mkdocs", or "properdocs" when ProperDocs builds
    counters: list[Any] = [h for h in logging.getLogger(tool).handlers if type(h).__name__ == "CountHandler"]
    return any(counter.get_counts() for counter in counters)


def _swap(staging: Path, target: Path) -> None:
    if not target.exists():
        staging.rename(target)
        return
    old = target.with_name(f".{target.name}.replaced")
    shutil.rmtree(old, ignore_errors=True)
    try:
        target.rename(old)
    except OSError:  # a mount point or a folder in use cannot be renamed: replace what is inside
        for child in target.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
        for child in staging.iterdir():
            child.rename(target / child.name)
        staging.rmdir()
        return
    staging.rename(target)
    shutil.rmtree(old)


def _discard() -> None:
    global _staging
    if _staging is not None:
        shutil.rmtree(_staging, ignore_errors=True)
        _staging = None
