"""Every page of the plant-care fixture site, as the hooks hand it to MkDocs, against a reviewed copy.

``tests/golden/plants/`` holds one file per page: its front matter as MkDocs holds it (``page.meta``,
FAQPage data included) and its Markdown after every hook (notices, backlinks, tooltips). Any change
to a generated part fails with a unified diff. After an intended change, rewrite the files and
review the diff before committing:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_fixture_pages.py

The HTML checks look only inside a page's ``<article>``: the sidebar links every
page, so a check on the whole document passes with the page's own list gone.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.pages import Page

from .conftest import ROOT, copy_fixture
from .page_parts import article

GOLDEN = ROOT / "tests" / "golden" / "plants"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


class _Capture(BasePlugin):  # type: ignore[type-arg]
    """Keeps each page's front matter and Markdown as the last hook left them."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}

    @event_priority(-100)  # after every other hook
    def on_page_markdown(self, markdown: str, page: Page, **_: Any) -> str:
        self.pages[page.file.src_uri] = golden_text(page.meta, markdown)
        return markdown


def golden_text(meta: dict[str, Any], markdown: str) -> str:
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100) if meta else ""
    return f"---\n{front}---\n\n{markdown.strip()}\n"


@dataclass(frozen=True)
class Built:
    pages: dict[str, str] = field(repr=False)  # page path under docs/ -> golden text
    site: Path

    def html(self, src: str) -> str:
        path = src.removesuffix(".md").removesuffix("index")
        return (self.site / path / "index.html").read_text()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("golden")
    site = copy_fixture(folder)
    config = load_config(str(site / "mkdocs.yml"), site_dir=str(folder / "site"), strict=True)
    capture = _Capture()
    config.plugins["golden-capture"] = capture
    build(config)
    return Built(capture.pages, folder / "site")


def test_every_page_matches_its_golden_file(built: Built) -> None:
    if UPDATE:
        for stale in set(GOLDEN.rglob("*.md")) - {GOLDEN / src for src in built.pages}:
            stale.unlink()
        for src, text in built.pages.items():
            (GOLDEN / src).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / src).write_text(text)
    expected = {path.relative_to(GOLDEN).as_posix(): path.read_text() for path in GOLDEN.rglob("*.md")}
    diffs = [
        "".join(
            difflib.unified_diff(
                expected.get(src, "").splitlines(keepends=True),
                built.pages.get(src, "").splitlines(keepends=True),
                f"tests/golden/plants/{src}" if src in expected else "/dev/null",
                f"built {src}" if src in built.pages else "/dev/null",
            )
        )
        for src in sorted(expected.keys() | built.pages.keys())
        if expected.get(src) != built.pages.get(src)
    ]
    if diffs:
        heading = "pages differ from their golden files (UPDATE_GOLDEN=1 rewrites them):"
        pytest.fail("\n".join([heading, *diffs]), pytrace=False)


def test_indexes_link_every_page_they_list(built: Built) -> None:
    faq_index = article(built.html("faq/index.md"))
    links = re.findall(r'href="([^"#][^"]*)"', faq_index)
    assert links == [
        "watering/",
        "watering/#how-often",
        "watering/#ice-cubes",
        "light-and-place/",
        "light-and-place/#north-window",
    ]
    scenario_index = article(built.html("scenarios/index.md"))
    assert re.findall(r'href="([^"#][^"]*)"', scenario_index) == ["yellow-leaves/", "leggy/"]


def test_topic_page_anchors_each_question(built: Built) -> None:
    # Its FAQPage data is in the golden front matter; only the site's own theme override prints it.
    page = article(built.html("faq/watering.md"))
    assert re.findall(r'<h2 id="([^"]+)"', page) == ["how-often", "ice-cubes"]
    assert page.index("When the top two centimetres") < page.index("Push a finger into the soil.")


def test_scenario_page_has_its_sections_in_order(built: Built) -> None:
    page = article(built.html("scenarios/yellow-leaves.md"))
    sections = re.findall(r'<h2 id="([^"]+)"', page)
    assert sections == ["their-side", "do", "avoid", "if-you-must-reply", "principles", "related-questions"]
    assert "Let the soil dry out." in page and "Watering again straight away." in page


def test_principle_pages_link_back_to_what_cites_them(built: Built) -> None:
    page = article(built.html("principles/water.md"))
    for href in ("faq/watering/#how-often", "faq/watering/#ice-cubes", "scenarios/yellow-leaves/"):
        assert f'href="../../{href}"' in page, href
    assert page.index("Pet check") < page.index("Let the top of the soil dry")


def test_glossary_anchors_terms_and_pages_explain_them(built: Built) -> None:
    glossary = article(built.html("words.md"))
    assert re.findall(r'<h2 id="([^"]+)"', glossary) == ["drainage-hole", "overwatering"]
    assert "Short form:" in glossary
    # Each definition as a paragraph of its own (the tooltips repeat them, so a bare text match would not do).
    assert "<p>Giving water before the soil has dried.</p>" in glossary
    assert "<p>The hole in the bottom of a pot that lets extra water out.</p>" in glossary
    scenario = article(built.html("scenarios/yellow-leaves.md"))
    assert '<abbr title="The hole in the bottom of a pot that lets extra water out.">drainage hole</abbr>' in scenario
