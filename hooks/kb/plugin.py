"""The engine as one MkDocs plugin: a site lists ``- kb`` under ``plugins:`` instead of hook paths.

Each adapter in ``kb.adapters`` keeps its own event handlers and their priorities; the plugin
hands MkDocs all of them, adapter by adapter in ``ADAPTERS`` order, as one combined event per
name. MkDocs then sorts them among the other plugins' handlers exactly as it sorted the hooks,
so with ``kb`` last under ``plugins:`` a build runs in the order the ``hooks:`` list gave it.
The settings stay under ``extra`` (``extra.kb``, ``extra.help``, ``extra.search_tuning``):
the engine's theme templates read them there, and ``python -m kb check`` reads them without
loading any plugin.
"""

from __future__ import annotations

from collections.abc import Collection
from types import ModuleType

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.plugins import EVENTS, BasePlugin, CombinedEvent

from kb.adapters import (
    kb_pages,
    offline,
    one_stylesheet,
    page_guard,
    page_links,
    robots,
    search_tuning,
    sidebar,
    site_address,
    staged_site,
    webapp,
)

# The order the hooks ran in (README, "The order the hooks run in"); page_guard last.
ADAPTERS: dict[str, ModuleType] = {
    "staged_site": staged_site,
    "site_address": site_address,
    "kb_pages": kb_pages,
    "robots": robots,
    "offline": offline,
    "page_links": page_links,
    "sidebar": sidebar,
    "search_tuning": search_tuning,
    "one_stylesheet": one_stylesheet,
    "webapp": webapp,
    "page_guard": page_guard,
}


class KbOptions(Config):
    # Adapters left out by name, for a baseline to measure against (benchmarks/search.py).
    skip = config_options.ListOfItems(config_options.Choice(tuple(ADAPTERS)), default=[])


class KbPlugin(BasePlugin[KbOptions]):
    def __init__(self) -> None:
        super().__init__()
        self._combine(())  # now, because MkDocs looks for on_startup before it reads the options

    def load_config(
        self, options: dict[str, object], config_file_path: str | None = None
    ) -> tuple[list[tuple[str, Exception]], list[tuple[str, str]]]:
        errors, warnings = super().load_config(options, config_file_path)
        self._combine(self.config.skip)
        return errors, warnings

    def _combine(self, skip: Collection[str]) -> None:
        running = [module for name, module in ADAPTERS.items() if name not in skip]
        for event in EVENTS:
            handlers = [getattr(module, f"on_{event}") for module in running if hasattr(module, f"on_{event}")]
            self.__dict__.pop(f"on_{event}", None)
            if handlers:
                # MkDocs registers each handler of a combined event on its own, with its own priority.
                setattr(self, f"on_{event}", CombinedEvent(*handlers))
