"""MkDocs hook: make the OFFLINE=true build self-contained.

Material's offline plugin would load its web-worker shim from a CDN, and that shim
runs an inline script, which the pages' Content-Security-Policy blocks. Our own
shim (hooks/kb/assets/offline/) is registered first: files only, and no page ever asks
a third-party host. Instant navigation cannot work from file:// pages, so it is
turned off for this build.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

SHIM = "assets/offline/iframe-worker.js"


@event_priority(100)  # before the offline plugin adds its CDN shim
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    offline = config.plugins.get("material/offline")
    if offline is None or not offline.config.enabled:
        return config
    config.extra["polyfills"] = [SHIM, *config.extra.get("polyfills", [])]
    features = config.theme.get("features", [])
    config.theme["features"] = [f for f in features if f != "navigation.instant"]
    return config
