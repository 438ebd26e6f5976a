"""A failed build never leaves a broken site where a good one was: real builds of the plant-care site
with `mkdocs build`, `mkdocs serve` and `mkdocs gh-deploy`, and link problems named by their YAML."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kb.plugin import ADAPTERS

from .conftest import MKDOCS, ROOT
from .support import builds
from .support.server import free_port
from .test_kb_pages import _poll

BAD_LINK = "Push a finger into the soil. See [the guide](nowhere.md)."
BAD_ANCHOR = "Move it to a brighter window; see [light](../principles/light.md#no-such-part)."


@pytest.fixture
def staged(plants: Path) -> Path:
    """The plant-care site with the staging hook first, as the real site has it."""
    config = plants / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("hooks:\n", f"hooks:\n  - {ROOT / 'hooks/kb/adapters/staged_site.py'}\n", 1)
    )
    return plants


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with a hash of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def break_links(site: Path) -> None:
    watering = site / "docs/faq/watering.yml"
    watering.write_text(watering.read_text().replace("Push a finger into the soil.", BAD_LINK))
    scenarios = site / "docs/scenarios/yellow-leaves.yml"
    move = "      - Move it closer to the window.\n"
    scenarios.write_text(scenarios.read_text().replace(move, f"      - {BAD_ANCHOR}\n{move}"))


def line_of(path: Path, piece: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if piece in line)


def problems(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("docs/")]


def build(site: Path, out: Path, *flags: str, tool: str = "mkdocs") -> subprocess.CompletedProcess[str]:
    return builds.command([sys.executable, "-m", tool, "build", *flags, "-d", str(out)], site)


@pytest.mark.parametrize(
    ("tool", "flags"),
    [("mkdocs", ("--strict",)), ("mkdocs", ()), ("properdocs", ("--strict",))],
    ids=["strict", "plain", "properdocs"],
)
def test_a_bad_link_in_yaml_names_its_entry_and_keeps_the_good_site(
    staged: Path, tmp_path: Path, tool: str, flags: tuple[str, ...]
) -> None:
    out = tmp_path / "built" / "out"
    assert build(staged, out, *flags, tool=tool).returncode == 0
    good = snapshot(out)
    break_links(staged)

    result = build(staged, out, *flags, tool=tool)

    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    watering, scenarios = staged / "docs/faq/watering.yml", staged / "docs/scenarios/yellow-leaves.yml"
    assert problems(result.stderr) == [
        f"docs/faq/watering.yml:{line_of(watering, BAD_LINK)}: faq 'how-often': field 'answer': link 'nowhere.md': "
        "the target 'faq/nowhere.md' is not found among documentation files "
        "(hint: links are relative to the page it becomes, faq/watering.md)",
        f"docs/scenarios/yellow-leaves.yml:{line_of(scenarios, BAD_ANCHOR)}: scenario 'leggy': field 'do.0': "
        "link '../principles/light.md#no-such-part': "
        "the doc 'principles/light.md' does not contain an anchor '#no-such-part' "
        "(hint: link to a heading that is on that page)",
    ]
    assert "Doc file" not in result.stderr  # MkDocs' own warning, against the generated page, is replaced
    assert snapshot(out) == good
    assert [p.name for p in out.parent.iterdir()] == ["out"]  # no half-built folder left behind


def test_a_strict_failure_in_a_hand_written_page_keeps_the_good_site(staged: Path, tmp_path: Path) -> None:
    """MkDocs fails a strict build only after it has written every page; none of them reach site/."""
    out = tmp_path / "built" / "out"
    assert build(staged, out, "--strict").returncode == 0
    good = snapshot(out)
    page = staged / "docs/index.md"
    page.write_text(page.read_text() + "\nA new line and [a broken link](missing.md).\n")

    result = build(staged, out, "--strict")

    assert result.returncode == 1
    assert "Doc file 'index.md' contains a link 'missing.md'" in result.stderr
    assert snapshot(out) == good
    assert build(staged, out).returncode == 0  # not strict: a warning, and the new site goes in place
    assert "A new line" in (out / "index.html").read_text()
    assert [p.name for p in out.parent.iterdir()] == ["out"]


def test_gh_deploy_publishes_only_a_good_build(staged: Path) -> None:
    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *args], cwd=staged, capture_output=True, text=True, check=False)

    git("init", "-q", "-b", "main")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "--allow-empty", "-m", "start")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GIT_AUTHOR_NAME": "t", "GIT_COMMITTER_NAME": "t"}
    env |= {"GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_EMAIL": "t@example.org"}

    def deploy() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*MKDOCS, "gh-deploy", "--strict"], cwd=staged, capture_output=True, text=True, env=env, timeout=300
        )

    deploy()  # builds site/ and commits it to gh-pages; the push then fails, as there is no remote
    published = git("ls-tree", "-r", "--name-only", "gh-pages").stdout.split()
    assert "index.html" in published and "faq/watering/index.html" in published
    good, commit = snapshot(staged / "site"), git("rev-parse", "gh-pages").stdout
    break_links(staged)

    result = deploy()

    assert result.returncode == 1
    assert "faq 'how-often': field 'answer'" in result.stderr
    assert git("rev-parse", "gh-pages").stdout == commit
    assert snapshot(staged / "site") == good


def test_serve_keeps_the_last_good_site_when_a_rebuild_fails(staged: Path, tmp_path: Path) -> None:
    """MkDocs holds requests while a rebuild has failed; the folder it serves keeps the last good build."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/faq/watering/"
    log, temp = tmp_path / "serve.log", tmp_path / "temp"
    temp.mkdir()
    with log.open("w") as sink:
        server = subprocess.Popen(
            [*MKDOCS, "serve", "-a", f"127.0.0.1:{port}"],
            cwd=staged,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temp)},  # where serve builds
            stdout=sink,
            stderr=sink,
        )
    try:
        assert "How often should I water my plant?" in _poll(url, lambda body: "How often" in body)
        (served,) = temp.glob("mkdocs_*")
        good = snapshot(served)
        watering = staged / "docs/faq/watering.yml"
        renamed = watering.read_text().replace("How often should I water my plant?", "How often should I water it?")
        watering.write_text(renamed.replace("Push a finger into the soil.", BAD_LINK))
        deadline = time.monotonic() + 30
        while "error happened during the rebuild" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.3)
        assert "faq 'how-often': field 'answer': link 'nowhere.md'" in log.read_text()
        assert snapshot(served) == good
        watering.write_text(renamed)  # fixed: the next build goes in place
        assert "How often should I water it?" in _poll(url, lambda body: "water it?" in body)
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_real_site_builds_through_the_staging_hook() -> None:
    assert "\n  - kb " in (ROOT / "mkdocs.yml").read_text(), "the site runs the engine's plugin"
    assert next(iter(ADAPTERS)) == "staged_site", "the staging step must come first"
