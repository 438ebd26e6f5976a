"""The engine without a build: `python -m kb check | ids | write`, run as an author runs them."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

from ..conftest import ROOT

ONE_LINE = re.compile(r"^(docs/\S+|mkdocs\.yml)(:\d+)?: \S.*$")


def kb(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}  # this checkout's engine, not another install's
    return subprocess.run(
        [sys.executable, "-m", "kb", *args], cwd=site, capture_output=True, text=True, env=env, timeout=120
    )


def test_check_passes_on_good_content_and_names_what_it_read(plants: Path) -> None:
    run = kb(plants, "check")
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("2 principles, 3 questions, 2 situations, 2 terms,"), run.stdout


def test_check_reports_bad_content_in_one_line_each_and_exits_1(plants: Path) -> None:
    faq = plants / "docs/faq/light.yml"
    faq.write_text(faq.read_text().replace("principles: [light]", "principles: [lihgt]"))
    scenario = plants / "docs/scenarios/yellow-leaves.yml"
    scenario.write_text(scenario.read_text().replace("    do:\n", "    to_do:\n", 1))
    run = kb(plants, "check")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    problems = run.stderr.splitlines()[1:]
    assert problems and all(ONE_LINE.match(line) for line in problems), problems
    assert any(p.startswith("docs/faq/light.yml:8: faq 'north-window': field 'principles'") for p in problems)
    assert any("scenario 'yellow-leaves': field 'to_do': unknown field" in p for p in problems), problems
    assert any("field 'do': missing required field" in p for p in problems), problems


def test_check_reports_wrong_settings_at_their_line(plants: Path) -> None:
    config = plants / "mkdocs.yml"
    config.write_text(config.read_text().replace("        kind: example", "        kind: quote"))
    line = next(n for n, text in enumerate(config.read_text().splitlines(), 1) if "kind: quote" in text)
    run = kb(plants, "check")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert run.stderr.splitlines()[1:] == [
        f"mkdocs.yml:{line}: field 'extra.kb.sections.3.kind': 'quote' is not one of text, list, example "
        "(hint: write one of text, list, example)"
    ]


def test_ids_lists_each_kind_with_the_file_that_defines_it(plants: Path) -> None:
    run = kb(plants, "ids", "principle")
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        "principle\tlight\tdocs/principles/light.md:2",
        "principle\twater\tdocs/principles/water.md:2",
    ]
    every = kb(plants, "ids").stdout.splitlines()
    assert {line.split("\t")[0] for line in every} == {"principle", "topic", "faq", "scenario", "term"}
    assert "faq\tnorth-window\tdocs/faq/light.yml:3" in every


def test_write_gives_a_docs_folder_plain_mkdocs_builds(plants: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run = kb(plants, "write", str(out))
    assert run.returncode == 0, run.stderr
    assert not list(out.rglob("*.yml")), "the YAML sources are built into pages, never copied"
    scenario = (out / "scenarios/yellow-leaves.md").read_text()
    assert "## Try this { #do }" in scenario and "## Quick fix { #if-you-must-reply }" in scenario
    water = (out / "principles/water.md").read_text()
    assert water.startswith("---\nid: water\n") and "Pet check: some plant foods" in water
    assert "Questions that use this" in water, "backlinks are written into the principle page"
    # No hooks at all: the folder alone is a site for any Markdown generator.
    config = tmp_path / "plain.yml"
    extensions = ["abbr", "admonition", "attr_list", "md_in_html", "toc"]
    config.write_text(yaml.safe_dump({"site_name": "Plants", "docs_dir": "out", "markdown_extensions": extensions}))
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert build.returncode == 0, build.stderr
    assert "When the top two centimetres of soil are dry." in (tmp_path / "site/faq/watering/index.html").read_text()


def test_write_never_writes_into_a_folder_with_files(plants: Path, tmp_path: Path) -> None:
    full = tmp_path / "full"
    full.mkdir()
    (full / "keep.txt").write_text("mine")
    run = kb(plants, "write", str(full))
    assert run.returncode == 1 and "is not empty" in run.stderr
    assert [p.name for p in full.iterdir()] == ["keep.txt"]


def test_the_pre_commit_hook_runs_the_check(plants: Path) -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["pass_filenames"] is False and re.search(hook["files"], "docs/faq/light.yml")
    entry = shlex.split(hook["entry"])
    assert entry[:3] == ["python", "-m", "kb"]
    assert kb(plants, *entry[3:]).returncode == 0
    (plants / "docs/faq/light.yml").write_text("faqs: 5\n")
    assert kb(plants, *entry[3:]).returncode == 1
    pins = dict(line.split("==") for line in (ROOT / "requirements.txt").read_text().split() if "==" in line)
    assert all(pins[name] == version for name, version in (d.split("==") for d in hook["additional_dependencies"]))


def test_write_fills_every_marker_of_this_site(tmp_path: Path) -> None:
    """Help-line and tool markers become HTML whose links work between directory URLs."""
    out = tmp_path / "out"
    assert kb(ROOT, "write", str(out)).returncode == 0
    pages = {p.relative_to(out).as_posix(): p.read_text() for p in out.rglob("*.md")}
    assert not [name for name, text in pages.items() if "[[help-" in text or "[[tool:" in text]
    assert (out / "checker/rules.js").read_text().startswith('(window.kbRules ||= {})["checker/rules.js"] = ')
    assert 'href="../../scenarios/broke-no-contact/"' in pages["tools/counter.md"]
