"""Built files and the addresses readers use for them, and one page of each type in a build."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

# Page type -> glob (relative to the built site) whose first match stands for the type.
PAGE_TYPES = {
    "home": "index.html",
    "principle section index": "principles/*/index.html",
    "principle": "principles/*/*/index.html",
    "FAQ index": "faq/index.html",
    "FAQ topic": "faq/*/index.html",
    "scenario index": "scenarios/index.html",
    "scenario": "scenarios/*/index.html",
    "glossary": "glossary/index.html",
    "get help": "get-help/index.html",
    "about": "about/index.html",
    "tags": "tags/index.html",
    "not found": "404.html",
}
# Every page here is its own type, so each one is visited.
TOOLS = "tools/**/index.html"


def url_path(site: Path, html: Path) -> str:
    """The address a reader uses for a built file, relative to the site root: directory URLs end in '/'."""
    rel = html.relative_to(site).as_posix()
    return rel.removesuffix("index.html")


def file_for(site: Path, path: str) -> Path | None:
    """The built file a URL path (relative to the site root) serves, as a static web server resolves it."""
    candidate = site / unquote(path.split("#")[0].split("?")[0]).lstrip("/")
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def page_types(site: Path) -> dict[str, str]:
    """Page type -> URL path of one page of that type; a type with no page in the build is an error."""
    pages = {}
    for name, pattern in PAGE_TYPES.items():
        found = sorted(site.glob(pattern))
        if not found:
            raise LookupError(f"no built page for the page type '{name}' ({pattern})")
        pages[name] = url_path(site, found[0])
    for html in sorted(site.glob(TOOLS)):
        pages[f"tool {url_path(site, html)}"] = url_path(site, html)
    return pages
