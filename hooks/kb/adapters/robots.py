"""MkDocs hook: write robots.txt pointing crawlers at the sitemap for this build's site_url."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig


def on_post_build(config: MkDocsConfig) -> None:
    lines = ["User-agent: *", "Allow: /"]
    if config.site_url:
        lines.append(f"Sitemap: {config.site_url.rstrip('/')}/sitemap.xml")
    Path(config.site_dir, "robots.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
