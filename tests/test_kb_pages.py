"""The MkDocs adapter, exercised through real builds of the tiny plant-care site."""

import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from kb.adapters import kb_pages

from .conftest import ROOT, run_build
from .page_parts import article, primary_nav
from .support.server import free_port


def test_fixture_site_builds_with_generated_pages_in_nav(plants: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_build(plants / "mkdocs.yml", out)
    assert result.returncode == 0, result.stderr
    home = primary_nav((out / "index.html").read_text())
    for href in ("faq/watering/", "faq/light-and-place/", "scenarios/leggy/", "scenarios/yellow-leaves/", "words/"):
        assert f'href="{href}"' in home, href
    assert not list(out.rglob("*.yml")), "structured data must not be published"
    topic = article((out / "faq/watering/index.html").read_text())
    assert 'id="how-often"' in topic and 'id="ice-cubes"' in topic
    principle = article((out / "principles/water/index.html").read_text())
    assert 'href="../../faq/watering/#how-often"' in principle
    scenario = article((out / "scenarios/yellow-leaves/index.html").read_text())
    assert '<abbr title="The hole in the bottom of a pot that lets extra water out.">drainage hole</abbr>' in scenario
    locations = {doc["location"] for doc in json.loads((out / "search/search_index.json").read_text())["docs"]}
    assert {"faq/watering/#how-often", "scenarios/leggy/", "words/#overwatering"} <= locations


def test_broken_content_fails_cleanly_and_keeps_the_old_site(plants: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_build(plants / "mkdocs.yml", out).returncode == 0
    before = (out / "index.html").read_text()
    light = plants / "docs/faq/light.yml"
    light.write_text(
        light.read_text().replace("principles: [light]", "principles: [lihgt]").replace("    question:", "    qestion:")
    )
    (plants / "docs/scenarios/broken.yml").write_text("scenarios:\n  - id: x\n\ttitle: tab\n")

    result = run_build(plants / "mkdocs.yml", out)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    problems = [line for line in result.stderr.splitlines() if line.startswith("docs/")]
    assert len(problems) == 4, result.stderr
    unknown = r"docs/faq/light\.yml:\d+: faq 'north-window': field 'principles': unknown principle 'lihgt'"
    assert any(re.match(unknown + r" \(hint: did you mean 'light'\?\)$", p) for p in problems)
    assert any(
        p.startswith("docs/faq/light.yml:4: faq 'north-window': field 'qestion': unknown field") for p in problems
    )
    assert any(p.startswith("docs/scenarios/broken.yml:3: YAML syntax error") for p in problems)
    assert (out / "index.html").read_text() == before


def test_a_site_that_does_not_list_the_tooltip_extension_still_gets_it(plants: Path, tmp_path: Path) -> None:
    """The engine adds kb.tooltips itself (the starter site does not list it), so headings stay plain."""
    config = plants / "mkdocs.yml"
    config.write_text(re.sub(r"\n  - kb\.tooltips[^\n]*", "", config.read_text()))
    assert "kb.tooltips" not in config.read_text()
    out = tmp_path / "out"
    assert run_build(config, out).returncode == 0
    glossary = article((out / "words/index.html").read_text())
    assert "<abbr" in glossary
    assert not re.search(r"<h2[^>]*>[^<]*<abbr", glossary), "a heading got a tooltip: kb.tooltips was not added"


def test_nav_entry_for_a_generated_index_becomes_a_section() -> None:
    nav = [{"Home": "index.md"}, {"More": [{"Questions": "faq/index.md"}, "about.md"]}]
    kb_pages._expand_nav(nav, {"faq/index.md": ["faq/a.md", "faq/b.md"]})
    assert nav[1]["More"][0] == {"Questions": ["faq/index.md", "faq/a.md", "faq/b.md"]}
    assert nav[0] == {"Home": "index.md"}


def test_engine_knows_nothing_of_the_subject() -> None:
    """The same engine builds any advice site: no subject words in code, templates, schemas, scripts or styles."""
    subject = re.compile(
        r"\b(ex|exes|breakup|dumper|dumpee|no[ -]contact|partner|boyfriend|girlfriend|backfires?)\b", re.IGNORECASE
    )
    starter = ROOT / "hooks" / "kb" / "starter"  # content, checked against this site's in tests/test_scaffold.py
    engine = [
        p
        for p in (ROOT / "hooks").rglob("*")
        if p.suffix in {".py", ".j2", ".json", ".js", ".css", ".html"} and not p.is_relative_to(starter)
    ]
    assert engine
    offenders = [f"{p.relative_to(ROOT)}: {m.group(0)}" for p in engine for m in subject.finditer(p.read_text())]
    assert offenders == []


def test_serve_rebuilds_a_generated_page_when_its_yaml_changes(plants: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/faq/light-and-place/"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=plants,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert "Is a north window enough?" in _poll(url, lambda body: "north window" in body)
        light = plants / "docs/faq/light.yml"
        light.write_text(light.read_text().replace("Is a north window enough?", "Is an east window enough?"))
        assert "Is an east window enough?" in _poll(url, lambda body: "east window" in body)
    finally:
        server.terminate()
        server.wait(timeout=10)


def _poll(url: str, ready: Callable[[str], bool], seconds: float = 30) -> str:
    """Fetch ``url`` until ``ready`` says the body is what we wait for, or time runs out."""
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                body = response.read().decode()
            if ready(body):
                return body
        except OSError:
            pass
        time.sleep(0.3)
    return body


def test_only_the_theme_bundle_holds_up_the_page(built_site: Path) -> None:
    """The policy sits in a <meta> tag, which stops Chromium's preload scanner: a script the parser
    waits for is fetched only when the one before it has arrived. The engine's scripts are deferred."""
    tag = re.compile(r"<script\b([^>]*)\bsrc=\"([^\"]+)\"([^>]*)>")
    for html in (built_site / "index.html", built_site / "tools/checker/index.html"):
        blocking = [
            src
            for before, src, after in tag.findall(html.read_text())
            if not re.search(r"\b(defer|async)\b", before + after)
        ]
        assert [src.rpartition("/")[2].split(".")[0] for src in blocking] == ["bundle"], html
