"""`plugins: [kb]` runs the engine's adapters exactly as the list of hook files did."""

from __future__ import annotations

import tomllib

from mkdocs.plugins import EVENTS, PluginCollection

from kb.adapters import search_tuning
from kb.plugin import ADAPTERS, KbPlugin

from .conftest import ROOT


def _as_hooks() -> PluginCollection:
    """What MkDocs registers for the adapters listed under hooks:, in the README's order."""
    hooks = PluginCollection()
    for name, module in ADAPTERS.items():
        hooks[name] = module  # type: ignore[assignment]  # MkDocs itself registers hook modules this way
    return hooks


def _as_plugin(options: dict[str, object]) -> PluginCollection:
    plugin = KbPlugin()
    errors, _ = plugin.load_config(options)
    assert not errors
    plugins = PluginCollection()
    plugins["kb"] = plugin
    return plugins


def test_every_handler_runs_in_the_hooks_order_with_its_own_priority() -> None:
    hooks, plugin = _as_hooks(), _as_plugin({})
    for event in EVENTS:
        assert plugin.events[event] == hooks.events[event], event
    assert plugin.events["post_build"][-1].__module__ == "kb.adapters.staged_site", "the swap into site/ is last"
    assert plugin.events["post_page"][-1].__module__ == "kb.adapters.page_guard", "the page audit sees the final page"


def test_start_up_handlers_are_there_before_the_options_are_read() -> None:
    # MkDocs keeps a plugin across `mkdocs serve` rebuilds only if it has on_startup right after it is made.
    assert hasattr(KbPlugin(), "on_startup")


def test_skip_leaves_an_adapter_out_for_a_baseline() -> None:
    plugin = _as_plugin({"skip": ["search_tuning"]})
    handlers = [h for event in EVENTS for h in plugin.events[event]]
    assert handlers and not [h for h in handlers if h.__module__ == search_tuning.__name__]
    assert "skip" in str(KbPlugin().load_config({"skip": ["nope"]})[0])


def test_the_package_declares_the_plugin() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["entry-points"]["mkdocs.plugins"] == {"kb": "kb.plugin:KbPlugin"}
