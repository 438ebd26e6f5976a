"""The pieces of an installable site, computed from the built files: what to keep, the version, the manifest."""

from __future__ import annotations

import fnmatch
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

# Built files the offline copy leaves out: source maps, search languages this site does not use,
# the compressed sitemap, and the worker itself.
SKIP = ("*.map", "assets/javascripts/lunr/*", "*.gz", "sw.js")
WORKER = Path(__file__).with_name("worker.js")


def kept_files(site_dir: Path) -> list[str]:
    """Every file to keep offline, as the address a reader uses (a page's folder, not its index.html)."""
    files = []
    for path in sorted(site_dir.rglob("*")):
        rel = path.relative_to(site_dir).as_posix()
        if path.is_file() and not any(fnmatch.fnmatch(rel, pattern) for pattern in SKIP):
            files.append(rel.removesuffix("index.html") or "./")
    return files


def version(site_dir: Path, files: Iterable[str]) -> str:
    """A digest of every kept file's address and content: it changes whenever the site does."""
    digest = hashlib.sha256()
    for file in files:
        built = "index.html" if file == "./" else file + "index.html" if file.endswith("/") else file
        digest.update(file.encode() + b"\0" + (site_dir / built).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def worker_script(files: list[str], build: str) -> str:
    # JSON is a valid JavaScript literal; file names come from the build, never from a reader.
    text = WORKER.read_text(encoding="utf-8")
    return text.replace("__VERSION__", build).replace("__FILES__", json.dumps(files))


def primary_colour(palette_css: str, name: str) -> str | None:
    """The theme's primary colour for a palette name, read from the theme's own stylesheet."""
    found = re.search(
        rf"\[data-md-color-primary={re.escape(name)}\]\{{--md-primary-fg-color:(#[0-9a-fA-F]{{6}})", palette_css
    )
    return found[1] if found else None


def manifest(name: str, description: str, colour: str, icons: Mapping[str, int]) -> str:
    """The web app manifest; ``icons`` maps each icon's address to its size (a 'maskable' name is one)."""
    return json.dumps(
        {
            "name": name,
            "short_name": name,
            "description": description,
            "start_url": "./",
            "scope": "./",
            "display": "standalone",
            "background_color": colour,
            "theme_color": colour,
            "icons": [
                {
                    "src": src,
                    "sizes": f"{size}x{size}",
                    "type": "image/png",
                    "purpose": "maskable" if "maskable" in src else "any",
                }
                for src, size in icons.items()
            ],
        },
        indent=2,
        ensure_ascii=False,
    )
