"""MkDocs hook: the site's own stylesheets (``extra_css``, in order) served as one file.

A first view then waits for one stylesheet of ours instead of one per file. The bundle's
name carries a hash of its content (``assets/unsent.<hash>.css``), so a host may cache it
for a year. It runs after every other ``on_files`` handler, so a hook may add a stylesheet
of its own: generate the file in ``on_files`` and list its path in ``extra_css`` (in
``on_config``); it joins the bundle where it is listed. A relative ``url()`` in a source
resolves against ``assets/``, where the bundle is.
"""

from __future__ import annotations

import hashlib

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

BUNDLE = "assets/unsent.{hash}.css"


def bundle(parts: list[tuple[str, str]]) -> str:
    """Stylesheets joined in order, each under a comment naming its source (no other change)."""
    return "".join(f"/* {src} */\n{css.rstrip()}\n" for src, css in parts)


@event_priority(-100)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    listed = [str(src) for src in config.extra_css]
    if not listed:
        return files
    parts = []
    for src in listed:
        file = files.get_file_from_path(src)
        if file is None:
            raise PluginError(
                f"mkdocs.yml: extra_css: '{src}' is not a file of the site (hint: paths are relative to docs/)"
            )
        parts.append((src, file.content_string))
        files.remove(file)  # only the bundle is published
    css = bundle(parts)
    name = BUNDLE.format(hash=hashlib.sha256(css.encode()).hexdigest()[:8])
    files.append(File.generated(config, name, content=css))
    config.extra_css = [name]
    return files
