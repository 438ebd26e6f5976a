"""The tools' texts and settings as content: schema errors, cross-checks, and the markers' HTML."""

import html
import json
import re
from pathlib import Path

import pytest

from kb.load import load_docs
from kb.problems import ContentError, Problem
from kb.tools import expand_tools, tool_sets, tools_problems
from kb.validate import validate

from ..conftest import ROOT

SITE_TOOLS = (ROOT / "docs/tools/tools.yml").read_text()
PAGES = {"tools/checker.md", "tools/letters.md", "tools/counter.md", "privacy.md", "scenarios/broke-no-contact.md"}


def load(tmp_path: Path, text: str = SITE_TOOLS) -> tuple[list, list[Problem]]:
    docs = tmp_path / "docs"
    (docs / "tools").mkdir(parents=True)
    (docs / "tools/tools.yml").write_text(text)
    records, problems = load_docs(docs, tmp_path, "principles")
    return records, problems + validate(records)


def one(problems: list[Problem]) -> str:
    assert len(problems) == 1, "\n".join(map(str, problems))
    return str(problems[0])


def test_the_sites_tools_are_valid_and_link_to_real_pages(tmp_path: Path) -> None:
    records, problems = load(tmp_path)
    assert problems == []
    assert tools_problems(records, PAGES) == []
    assert set(tool_sets(records)) == {"checker", "wait", "letters", "counter", "privacy"}


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "      start: Start",
            "      strat: Start",
            "'texts.strat': unknown field (hint: did you mean 'start'?)",
        ),
        ("      pause: Pause\n", "", "field 'pause': missing required field"),
        ('"{n} minutes"', '"{n minutes"', "field 'texts.minutes': '{n minutes' is not in the right form"),
        ("      stop: Stop", "      stop: <b>Stop</b>", "field 'texts.stop': contains"),
        ("breathe_in: 4", "breathe_in: 40", "field 'breathe_in'"),
        ("  - id: wait", "  - id: wiat", "field 'id'"),
    ],
)
def test_a_bad_entry_is_one_line(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert old in SITE_TOOLS
    _, problems = load(tmp_path, SITE_TOOLS.replace(old, new, 1))
    lines = [str(problem) for problem in problems]
    assert any(expected in line for line in lines), lines
    assert all(line.startswith("docs/tools/tools.yml:") and "\n" not in line for line in lines), lines


WAIT_ENTRY = SITE_TOOLS[SITE_TOOLS.index("  - id: wait") : SITE_TOOLS.index("  - id: letters")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (SITE_TOOLS.replace("default_minutes: 15", "default_minutes: 12"), "field 'default_minutes': is not one of"),
        (SITE_TOOLS.replace("what_now: scenarios/broke-no-contact.md", "what_now: x.md"), "no page 'x.md'"),
    ],
)
def test_what_the_schema_cannot_see(tmp_path: Path, text: str, expected: str) -> None:
    records, problems = load(tmp_path, text)
    assert problems == []
    assert expected in one(tools_problems(records, PAGES))


def test_a_tool_described_twice_is_one_line(tmp_path: Path) -> None:
    _, problems = load(tmp_path, SITE_TOOLS + WAIT_ENTRY)
    assert "tool 'wait': field 'id'" in one(problems)


def test_a_marker_becomes_escaped_html_with_the_texts_as_data(tmp_path: Path) -> None:
    hostile = 'Stop "now" & <then>'
    records, _ = load(tmp_path, SITE_TOOLS.replace("      stop: Stop", f"      stop: '{hostile}'", 1))
    out = expand_tools("# Wait\n\n[[tool: wait]]\n", tool_sets(records), "docs/tools/wait.md", lambda p: f"../{p}")
    assert "<then>" not in out and "&lt;then&gt;" in out
    data = re.search(r'data-texts="([^"]*)"', out)
    assert data and json.loads(html.unescape(data[1]))["stop"] == hostile
    assert 'href="../tools/checker.md"' in out


def test_an_unknown_marker_names_the_page_and_line(tmp_path: Path) -> None:
    records, _ = load(tmp_path)
    with pytest.raises(ContentError) as caught:
        expand_tools("# Page\n\n[[tool: timer]]\n", tool_sets(records), "docs/tools/x.md", str)
    assert (
        str(caught.value)
        == "docs/tools/x.md:3: no tool 'timer' (hint: use one of checker, counter, letters, privacy, wait)"
    )
