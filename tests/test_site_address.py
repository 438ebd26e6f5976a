"""A build without SITE_URL says once, in one line, where its links will point; `mkdocs serve` stays quiet.

Real `mkdocs` runs on a one-page site that uses the hook the way mkdocs.yml does, so each takes seconds.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kb.plugin import ADAPTERS

from .conftest import ROOT
from .support.server import free_port

PUBLISHED = ("README.md", ".github/workflows/pages.yml")
# README text that describes builds a test runs rather than telling a reader to build.
DESCRIBED = ("mkdocs build --strict",)


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        'site_name: T\nsite_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]\n'
        f"hooks:\n  - {ROOT / 'hooks/kb/adapters/site_address.py'}\n",
        encoding="utf-8",
    )
    return config


def environment(site_url: str | None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    return {**env, "NO_MKDOCS_2_WARNING": "1", **({"SITE_URL": site_url} if site_url else {})}


def address_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "SITE_URL" in line]


def build(config: Path, site_url: str | None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(config.parent / "s")]
    return subprocess.run(command, capture_output=True, text=True, env=environment(site_url), timeout=120)


def test_a_build_without_site_url_warns_once_in_one_line(tiny: Path) -> None:
    result = build(tiny, None)
    assert result.returncode == 0, result.stderr
    [line] = address_lines(result.stderr)
    assert line.startswith("WARNING")
    assert all(word in line for word in ("canonical", "sitemap", "http://127.0.0.1:8000/")), line


def test_a_build_with_site_url_says_nothing(tiny: Path) -> None:
    result = build(tiny, "https://example.org/")
    assert result.returncode == 0, result.stderr
    assert not address_lines(result.stderr)


def test_serve_says_nothing(tiny: Path) -> None:
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-f", str(tiny), "-a", f"127.0.0.1:{port}"]
    proc = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=environment(None))
    assert proc.stderr
    timer = threading.Timer(60, proc.kill)
    timer.start()
    seen = []
    try:
        for line in proc.stderr:
            seen.append(line)
            if "Serving on" in line:
                break
    finally:
        timer.cancel()
        proc.terminate()
        proc.wait(timeout=30)
    assert any("Serving on" in line for line in seen), "".join(seen)
    assert not address_lines("".join(seen))


def test_the_site_uses_the_hook_and_takes_its_address_from_site_url() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert 'site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]' in config
    assert "\n  - kb " in config and "site_address" in ADAPTERS


@pytest.mark.parametrize("name", PUBLISHED)
def test_every_documented_build_sets_site_url(name: str) -> None:
    text = (ROOT / name).read_text(encoding="utf-8")
    if name.endswith(".yml"):
        assert re.search(r"^\s+SITE_URL: \$\{\{.+\}\}$", text, re.MULTILINE), "the workflow build sets no SITE_URL"
        return
    # A build a reader is told to run: from a line's start or a backtick, up to its flags.
    commands = re.findall(r"(?:^|`)([^`\n]*\b(?:mkdocs|properdocs) (?:build|gh-deploy) -[^`\n]*)", text, re.MULTILINE)
    told = [command for command in commands if command not in DESCRIBED]
    assert len(told) >= 4, f"{name} shows only {told}"
    unset = [command for command in told if "SITE_URL=" not in command]
    assert not unset, f"{name}: builds without SITE_URL: {unset}"
