"""What the build server (tests/support/builds.py) imports once, so no build pays for it again.

Not ProperDocs: importing it rebinds Material's plugins to its own classes, so it builds apart."""

import importlib
import os

MODULES = (
    "mkdocs.__main__",
    "mkdocs.commands.build",
    "material.plugins.search.plugin",
    "material.plugins.tags.plugin",
    "markdown",
    "pymdownx.details",
    "pymdownx.emoji",
    "pymdownx.snippets",
    "pymdownx.superfences",
    "pymdownx.tabbed",
    "material.extensions.emoji",
    "kb",  # the engine the hooks call, with jsonschema, its slowest import
    "kb.htmlguard",
    "kb.searchtune",
)

os.environ["NO_MKDOCS_2_WARNING"] = "1"  # Material prints its end-of-life banner when first imported
for name in MODULES:
    importlib.import_module(name)
