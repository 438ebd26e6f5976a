"""Every class of bad input from issue 11, through a real ``mkdocs build --strict``.

Each case (benchmarks/bad_input.py) must stop the build with exit 1 and one line per
problem naming a file (``file:line: entry: field: message (hint: ...)``), print no
traceback, leave the earlier site in place, and stay under 5 CPU seconds and 500 MB.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks.bad_input import CASES, CPU_BUDGET, MEMORY_BUDGET, run_case

# file[:line]: [entry: ][field 'name': ]message[ (hint: ...)]
ONE_LINE = re.compile(r"^(docs/\S+|mkdocs\.yml|assets/\S+)(:\d+)?: (\w[\w ]* '[^']*': )?(field '[^']+': )?\S.*$")

EXPECTED = {  # the file each problem list must name, and words its first line must hold
    "a second 'faqs:' key": ("docs/faq/light.yml:4", "key 'faqs' is repeated (first on line 2)"),
    "a field written twice in an entry": ("docs/faq/light.yml:10", "key 'id' is repeated"),
    "alias bomb (350 bytes)": ("docs/faq/bomb.yml:3", "uses the YAML alias '*a0'"),
    "1000 levels of nesting": ("docs/faq/deep.yml:1", "exceeded maximum nesting depth"),
    "20 levels of nesting": ("docs/faq/deep.yml:17", "nested more than 16 levels deep"),
    "a 10 MB file": ("docs/faq/huge.yml", "is 10240 KB; the limit is 256 KB"),
    "a date that does not exist": ("docs/faq/light.yml:9", "a value YAML cannot read"),
    "an id ending in a newline": ("docs/faq/watering.yml:12", "'how-often\\n' is not in the right form"),
    "a 300-character id": ("docs/faq/watering.yml:12", "has 305 characters; the limit is 60"),
    "a topic with the id 'index'": ("docs/faq/topics.yml:3", "its generated file 'faq/index.md' has the same"),
    "a hand-written page at a generated address": (
        "docs/faq/topics.yml:3",
        "same address as docs/faq/watering/index.md",
    ),
    "a rules file named like an asset": ("docs/assets/counter.yml", "same address as docs/assets/counter.js"),
    "a rules file named like a theme file": (
        "assets/javascripts/lunr/tinyseg.js:",
        "would replace a file of the theme",
    ),
    "a newline in a title (heading)": ("docs/faq/topics.yml:4", "contains a line break; this field is one line"),
    "a newline in a question (warning box)": ("docs/faq/light.yml:4", "contains a line break"),
    "a control character in an answer": ("docs/faq/light.yml:6", "contains the control character U+0002"),
    "a symlink to a file outside docs": ("docs/faq/linked.yml", "a symbolic link"),
    "a dangling symlink": ("docs/faq/gone.yml", "a symbolic link, which points to nothing"),
    "YAML under a symlinked folder": ("docs/more", "a symbolic link"),
    "a folder named x.yml": ("docs/faq/x.yml", "a folder named like a content file"),
    "an upper-case .YML file": ("docs/faq/more.YML", "the extension '.YML' is not lower case"),
    "extra.kb is a number": ("mkdocs.yml:", "field 'extra.kb': should be a mapping, not a number"),
    "a label is a list": ("mkdocs.yml:", "field 'extra.kb.labels.short_answer': should be text, not a list"),
    "a label on two lines": ("mkdocs.yml:", "field 'extra.kb.labels.short_answer': contains a line break"),
    "a folder setting outside docs": ("mkdocs.yml:", "'../../outside' is not a path inside docs/"),
    "extra.search_tuning.weights is a list": ("mkdocs.yml:", "field 'extra.search_tuning.weights': should be a"),
    "a search weight that is text": ("mkdocs.yml:", "'high' is not a number above 0"),
}


def test_every_case_has_an_expectation() -> None:
    assert set(EXPECTED) == set(CASES)


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_fails_cleanly_and_fast(name: str, tmp_path: Path) -> None:
    run = run_case(name, tmp_path)
    problems = run.problems()
    where, words = EXPECTED[name]
    assert run.returncode == 1, run.stderr[-2000:]
    assert "Traceback" not in run.stderr and "Error:" not in run.stderr.replace("BuildError!", ""), run.stderr
    assert problems, run.stderr
    assert all(ONE_LINE.match(line) for line in problems), problems
    assert problems[0].startswith(where) and words in problems[0], problems
    assert [p.name for p in (tmp_path / "built").iterdir()] == ["earlier.html"], "the earlier site was touched"
    assert run.cpu < CPU_BUDGET, f"{run.cpu:.2f} CPU seconds"
    assert run.peak_mb < MEMORY_BUDGET, f"{run.peak_mb:.0f} MB"
