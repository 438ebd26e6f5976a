"""The page guard on real builds: a policy on every page, and the audit that fails a build.

The audit is the second wall: validation refuses hostile content first, so these tests
either write a hand-made page (which validation does not read) or switch validation off
in-process to prove that what slips past it still stops the build, named by its entry.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from kb.htmlguard.document import parse
from kb.htmlguard.policy import script_hash
from tests.conftest import run_build

POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def test_every_page_has_a_policy_that_hashes_exactly_its_inline_scripts(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 40
    for path in pages:
        html = path.read_text()
        found = POLICY.findall(html)
        assert len(found) == 1, path
        assert html.index("Content-Security-Policy") < html.index("<script"), f"{path}: policy after a script"
        directives = dict(part.split(" ", 1) for part in found[0].split("; "))
        sources = directives["script-src"].split()
        assert sources[0] == "'self'" and all(s.startswith("'sha256-") for s in sources[1:]), path
        inline = {script_hash(s.text) for s in parse(html, "md-content__inner").scripts}
        assert set(sources[1:]) == inline, path
        assert "unsafe" not in found[0], path


def test_a_hand_written_page_with_a_handler_fails_the_build_with_one_line(plants: Path, tmp_path: Path) -> None:
    page = plants / "docs" / "index.md"
    page.write_text(
        page.read_text() + '\n<p onmouseover="steal()">Hover me</p>\n\n![x](https://tracker.example/p.gif)\n'
    )
    result = run_build(plants / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("docs/")]
    assert lines == [
        "docs/index.md: an event-handler attribute 'onmouseover' on <p> (in index.html:" + lines[0].split(":")[-1],
        "docs/index.md: <img> loads 'https://tracker.example/p.gif' from another site (in index.html:"
        + lines[1].split(":")[-1],
    ], result.stderr


def test_a_raw_html_file_copied_from_docs_is_audited(plants: Path, tmp_path: Path) -> None:
    (plants / "docs" / "old.html").write_text('<html><body><a href="javascript:go()">x</a></body></html>')
    result = run_build(plants / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (
        "docs/old.html: a script or data address in 'href' of <a> ('javascript:go()') (in old.html:1)" in result.stderr
    )
    assert "docs/old.html: no Content-Security-Policy meta tag in the head (in old.html:1)" in result.stderr


def test_what_slips_past_validation_is_named_by_entry_and_field(
    plants: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    docs = plants / "docs"
    light = docs / "faq" / "light.yml"
    light.write_text(light.read_text().replace("North light is soft and steady.", '<img src="x" onerror="steal()">'))
    scenario = docs / "scenarios" / "yellow-leaves.yml"
    scenario.write_text(scenario.read_text().replace("Let the soil dry out.", 'Let it <b onclick="steal()">dry</b>.'))
    glossary = docs / "glossary.yml"
    glossary.write_text(glossary.read_text().replace("lets extra water out.", "&lt;b onclick=steal()&gt;out&lt;/b&gt;"))
    monkeypatch.setattr("kb.build.validate", lambda records, sections: [])
    config = load_config(str(plants / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    with pytest.raises(Abort):
        build(config)
    lines = caplog.text.splitlines()
    assert any(
        line.startswith(
            "docs/faq/light.yml:3: faq 'north-window': field 'answer': an event-handler attribute 'onerror'"
        )
        for line in lines
    ), lines
    item = (
        "docs/scenarios/yellow-leaves.yml:3: scenario 'yellow-leaves': field 'do': an event-handler attribute 'onclick'"
    )
    assert any(line.startswith(item) for line in lines), lines
    assert not [line for line in lines if "glossary.yml" in line], "tooltips encode entities once more: inert"
