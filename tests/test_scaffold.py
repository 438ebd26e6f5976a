"""README "Start your own advice site": its shell block, run word for word, gives a site that builds
(its tools in a real browser: tests/browser/test_scaffold.py)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.utils.yaml import yaml_load

from kb.problems import ContentError
from kb.scaffold import new_site

from .conftest import ROOT


def readme_block() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Start your own advice site\n", 1)[1].split("\n## ", 1)[0]
    return re.search(r"```sh\n(.*?)```", section, re.S).group(1)


def run_readme_block(work: Path) -> Path:
    """The README block run in a stand-in clone under ``work`` whose .venv is this interpreter's
    environment; returns the new site's folder."""
    clone = work / "clone"
    clone.mkdir()
    (clone / ".venv").symlink_to(Path(sys.executable).parent.parent)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks"), "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", readme_block()],
        cwd=clone,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    folder = re.search(r"kb new (\S+)", readme_block()).group(1)
    return (clone / folder).resolve()


@pytest.fixture(scope="module")
def new_site_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return run_readme_block(tmp_path_factory.mktemp("scaffold"))


def test_the_new_site_builds_and_has_its_own_readme(new_site_folder: Path) -> None:
    assert (new_site_folder / "site/index.html").is_file()
    assert (new_site_folder / "site/faq/getting-started/index.html").is_file()
    assert (new_site_folder / "site/scenarios/too-much-at-once/index.html").is_file()
    assert "My advice site" in (new_site_folder / "README.md").read_text()
    help_page = (new_site_folder / "site/get-help/index.html").read_text()
    assert 'href="https://findahelpline.com/"' in help_page, "the help page lists the help lines"
    home = (new_site_folder / "site/index.html").read_text()
    assert 'class="kb-help-bar"' in home and 'id="kb-help-now"' in home, "the engine's theme adds the help bar"
    manifest = json.loads((new_site_folder / "site/manifest.webmanifest").read_text())
    assert manifest["theme_color"].lower() not in ("#fff", "#ffffff"), "the white logo needs a coloured icon"
    assert 'class="kb-footer-lines"' in home, "and the help lines in the footer, with no override of the site's"
    (stylesheet,) = re.findall(r'<link rel="stylesheet" href="(assets/[^"/]+\.css)">', home)  # one bundle
    assert ".kb-short-answer" in (new_site_folder / "site" / stylesheet).read_text(), "the engine's look comes with it"


def test_the_new_site_runs_the_engine_as_a_plugin_with_no_path_into_this_checkout(new_site_folder: Path) -> None:
    config = (new_site_folder / "mkdocs.yml").read_text()
    with (new_site_folder / "mkdocs.yml").open() as handle:
        assert yaml_load(handle)["plugins"][-1] == "kb", "the engine runs as the plugin kb, last"
    assert "hooks:" not in config and str(ROOT) not in config and "../" not in config


def test_the_new_site_has_each_kind_of_content_once(new_site_folder: Path) -> None:
    docs = new_site_folder / "docs"
    assert [p.name for p in (docs / "principles").iterdir()] == ["one-step.md"]
    faqs = (docs / "faq/getting-started.yml").read_text()
    assert faqs.count("- id: ") == 2 and (docs / "faq/topics.yml").read_text().count("- id: ") == 1
    assert (docs / "scenarios/too-much-at-once.yml").read_text().count("- id: ") == 1
    assert (docs / "glossary.yml").is_file() and (docs / "help/lines.yml").is_file()
    assert "[[help-lines: urgent]]" in (docs / "get-help.md").read_text()


def test_the_new_site_holds_none_of_this_sites_content(new_site_folder: Path) -> None:
    ours = [p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*") if p.suffix in (".md", ".yml")]
    theirs = [p for p in (new_site_folder / "docs").rglob("*") if p.is_file()]
    words = {line.strip() for text in ours for line in text.splitlines() if len(line.split()) >= 6}
    for path in theirs:
        shared = [line for line in path.read_text().splitlines() if line.strip() in words]
        assert not shared, f"{path.name} repeats this site's lines: {shared}"
    assert "breakup" not in " ".join(p.read_text().lower() for p in theirs)


SUBJECT = re.compile(r"\b(ex|exes|breakup|broke up|no[ -]contact|partner|dumpe[rd]|backfires?)\b", re.IGNORECASE)


def test_the_new_site_has_the_tools_in_its_own_words(new_site_folder: Path) -> None:
    site = new_site_folder / "site"
    for page, root in [("checker", "ck"), ("wait", "wt"), ("letters", "lt"), ("counter", "nc")]:
        assert f'<div class="{root}" ' in (site / f"tools/{page}/index.html").read_text(), page
    assert (site / "checker/rules.js").is_file() and 'class="pv"' in (site / "privacy/index.html").read_text()
    scripts = [site / f"assets/{name}.js" for name in ("storage", "letters", "checker", "counter", "wait")]
    ours = [*scripts, *site.glob("assets/*.css"), site / "checker/rules.js", *site.rglob("index.html")]
    said = [f"{p.relative_to(site)}: {m[0]}" for p in ours for m in SUBJECT.finditer(p.read_text())]
    assert said == [], "no wording of this site's subject, in the pages or in the engine's scripts"


def test_a_new_site_never_goes_into_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(ContentError, match="is not an empty folder"):
        new_site(tmp_path, "Plants")
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
