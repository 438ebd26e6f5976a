"""Sites to time: the shipped content scaled up, and the same content pre-rendered so it builds without hooks."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils.yaml import yaml_load

from kb import Settings, build_site
from kb.checker import output_path
from kb.render import THEME

ROOT = Path(__file__).resolve().parent.parent

PROJECT = ("mkdocs.yml", "docs", "hooks", "overrides")
SCALED_KINDS = ("faqs", "topics", "scenarios")
# Fields that cite other copied entries; a copy cites the copies made alongside it.
COPIED_REFERENCES = {"faqs": ("topic", "scenarios"), "scenarios": ("faqs",)}
PLAIN_CONFIG = "plain.yml"
BARE_CONFIG = "bare.yml"


def copy_project(dest: Path) -> Path:
    """A copy of everything a build reads; returns its mkdocs.yml."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / part)
    return dest / "mkdocs.yml"


def scale_content(docs: Path, factor: int) -> None:
    """Add ``factor - 1`` renamed copies of every question, topic and situation file."""
    originals = []
    for path in sorted(docs.rglob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and len(data) == 1 and next(iter(data)) in SCALED_KINDS:
            originals.append((path, data))
    ids = "|".join(re.escape(entry["id"]) for _, data in originals for entry in next(iter(data.values())))
    for copy in range(2, factor + 1):
        for path, data in originals:
            kind, entries = next(iter(data.items()))
            renamed = {kind: [_renamed(entry, kind, f"-copy{copy}") for entry in entries]}
            text = yaml.safe_dump(renamed, allow_unicode=True, sort_keys=False)
            text = re.sub(rf"\(#({ids})\)", rf"(#\1-copy{copy})", text)  # links to a heading on the same page
            path.with_name(f"{path.stem}-copy{copy}.yml").write_text(text, encoding="utf-8")


def _renamed(entry: dict[str, Any], kind: str, suffix: str) -> dict[str, Any]:
    entry = {**entry, "id": entry["id"] + suffix}
    for field in COPIED_REFERENCES.get(kind, ()):
        value = entry.get(field)
        if isinstance(value, str):
            entry[field] = value + suffix
        elif isinstance(value, list):
            entry[field] = [item + suffix for item in value]
    return entry


def prerender(config: MkDocsConfig, built: Path) -> Path:
    """Turn the project ``config`` was loaded from into plain Markdown a hook-free build turns into the same site.

    ``config`` is the configuration after a normal build (its nav and extra as the hooks left
    them) and ``built`` that build's output. Returns the hook-free configuration file.
    """
    config_file = Path(config.config_file_path)
    docs = Path(config.docs_dir)
    site = build_site(docs, Settings.from_config(config.extra["kb"], config_file.name), root=config_file.parent)
    for src in site.rules:  # the published JSON the hook compiles from each rules file
        shutil.copy2(built / output_path(src), docs / output_path(src))
    for src in site.content.sources:
        (docs / src).unlink()
    for path, markdown in site.pages.items():
        (docs / path).write_text(markdown, encoding="utf-8")
    for page in sorted(docs.rglob("*.md")):
        src = page.relative_to(docs).as_posix()
        front, body = _front_matter(page.read_text(encoding="utf-8"))
        if (principle := site.principle_at(src)) and not re.search(r"^description:", front, re.MULTILINE):
            front = front.replace("---\n", f"---\ndescription: {json.dumps(principle.summary)}\n", 1)
        body = site.finish_page(src, body.rstrip("\n"), f"{docs.name}/{src}")
        page.write_text(front + body + "\n", encoding="utf-8")
    extra = json.loads(json.dumps(dict(config.extra)))  # the hooks' HTML fragments (Markup) as plain strings
    theme = _merged_theme(config, config_file.with_name("plain-theme"))
    plain = {"INHERIT": config_file.name, "hooks": [], "nav": config.nav, "extra": extra, "theme": theme}
    with config_file.open(encoding="utf-8") as handle:
        if plugins := yaml_load(handle).get("plugins"):
            plain["plugins"] = [p for p in plugins if p != "kb"]  # the engine's plugin, which runs its hooks
    plain_file = config_file.with_name(PLAIN_CONFIG)
    plain_file.write_text(yaml.safe_dump(plain, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return plain_file


def _merged_theme(config: MkDocsConfig, dest: Path) -> dict[str, str]:
    """The engine's templates (which kb_pages puts after the site's custom_dir) copied under the site's
    own, as one custom_dir a hook-free build can use."""
    for source in (THEME, Path(config.theme.custom_dir) if config.theme.custom_dir else None):
        if source is not None:
            shutil.copytree(source, dest, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
    return {"custom_dir": dest.name}


def bare_material(plain_file: Path) -> Path:
    """A default Material build of the same pre-rendered pages: the theme as it comes, with no
    overrides, palette, features, stylesheets or scripts of ours (same Markdown and search settings)."""
    empty = plain_file.with_name("bare-theme")  # a custom_dir with nothing in it: the inherited one is ours
    empty.mkdir(exist_ok=True)
    theme = {"custom_dir": empty.name, "palette": None, "features": [], "icon": {}}
    bare = {"INHERIT": plain_file.name, "theme": theme, "extra_css": [], "extra_javascript": []}
    bare_file = plain_file.with_name(BARE_CONFIG)
    bare_file.write_text(yaml.safe_dump(bare, sort_keys=False), encoding="utf-8")
    return bare_file


def _front_matter(text: str) -> tuple[str, str]:
    """A page split into its front matter block ('' if none) and the Markdown MkDocs renders."""
    match = re.match(r"---\n.*?^---\n", text, re.DOTALL | re.MULTILINE)
    return (match.group(0), text[match.end() :]) if match else ("", text)
