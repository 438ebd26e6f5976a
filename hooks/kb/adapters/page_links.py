"""MkDocs hook: let theme settings name a page by its Markdown path (extra.help.link: get-help.md).

The path becomes that page's URL for this build, so the link is right with
directory URLs, without them (the offline build) and under any site_url.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files


def on_files(files: Files, config: MkDocsConfig) -> Files:
    help_links = config.extra.get("help") or {}
    link = help_links.get("link", "")
    if link.endswith(".md"):
        page = files.get_file_from_path(link)
        if page is None:
            raise PluginError(
                f"mkdocs.yml: extra.help.link: no page '{link}' in docs/ (hint: use a path like get-help.md)"
            )
        help_links["link"] = page.url
    return files
