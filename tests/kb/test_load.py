import os
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from kb.load import MAX_BYTES, LineDict, line_at, load_docs, parse_yaml


def test_mappings_remember_their_lines() -> None:
    data, problems = parse_yaml("faqs:\n  - id: a\n    question: q\n  - id: b\n", "f.yml")
    assert problems == []
    first, second = data["faqs"]
    assert isinstance(first, LineDict)
    assert (first.line, second.line) == (2, 4)
    assert first.key_lines == {"id": 2, "question": 3}


def test_list_items_remember_their_own_lines() -> None:
    text = "faqs:\n  - id: a\n    tags:\n      - one\n\n      - two\n    flow: [x,\n      y]\n"
    data, problems = parse_yaml(text, "f.yml")
    assert problems == []
    entry = data["faqs"][0]
    assert [line_at(entry, ["tags", index]) for index in (0, 1)] == [4, 6]
    assert [line_at(entry, ["flow", index]) for index in (0, 1)] == [7, 8]
    assert line_at(entry, ["tags"]) == 3  # the list as a whole: its key
    assert line_at(entry, ["tags", 5]) == 3  # no such item: the nearest line known
    assert line_at(data, ["faqs", 0, "tags", 1]) == 6


def test_front_matter_lines_count_the_opening_fence() -> None:
    data, _ = parse_yaml("id: x\ntags:\n  - a\n", "p.md", line_offset=1)
    assert (data.line, data.key_lines["tags"], line_at(data, ["tags", 0])) == (2, 3, 4)


def test_syntax_error_points_at_line() -> None:
    data, problems = parse_yaml("faqs:\n  - id: a\n    question: what: now\n", "docs/f.yml")
    assert data is None
    (problem,) = problems
    assert problem.line == 3
    assert problem.message.startswith("YAML syntax error")
    assert "quotes" in problem.hint


def test_front_matter_line_offset() -> None:
    _, problems = parse_yaml("id: x\ntitle: [unclosed\n", "p.md", line_offset=1)
    assert problems[0].line is not None and problems[0].line >= 3


def test_loads_structured_files_and_principle_pages(plants: Path) -> None:
    records, problems = load_docs(plants / "docs", plants, "principles")
    assert problems == []
    kinds = sorted((r.kind, r.src) for r in records)
    assert ("principle", "principles/light.md") in kinds
    assert ("faqs", "faq/watering.yml") in kinds
    assert ("terms", "glossary.yml") in kinds
    assert all(r.file.startswith("docs/") for r in records)


def test_index_pages_are_not_principles(plants: Path) -> None:
    (plants / "docs/principles/index.md").write_text("# About these pages\n")
    records, problems = load_docs(plants / "docs", plants, "principles")
    assert problems == []
    assert "principles/index.md" not in {r.src for r in records}


def test_non_utf8_file_is_a_problem(plants: Path) -> None:
    (plants / "docs/faq/latin1.yml").write_bytes(b"faqs:\n  - id: caf\xe9\n")
    _, problems = load_docs(plants / "docs", plants, "principles")
    (problem,) = problems
    assert problem.file == "docs/faq/latin1.yml"
    assert "not UTF-8" in problem.message and problem.line == 2


def test_principle_page_without_front_matter(plants: Path) -> None:
    (plants / "docs/principles/soil.md").write_text("# Soil\n\nNo front matter here.\n")
    _, problems = load_docs(plants / "docs", plants, "principles")
    assert [p.file for p in problems] == ["docs/principles/soil.md"]
    assert "front matter" in problems[0].message


# ---------------------------------------------------------------- refused structures


def alias_bomb(levels: int = 9) -> str:
    """About 350 bytes of YAML that expand to 9**levels strings if anything walks the values."""
    lines = ["faqs:", '  - &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for number in range(1, levels):
        lines.append(f"  - &a{number} [" + ", ".join([f"*a{number - 1 or ''}"] * 9) + "]")
    return "\n".join(lines).replace("*a0", "*a") + "\n"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("faqs:\n  - id: a\nfaqs:\n  - id: b\n", 3, "key 'faqs' is repeated (first on line 1)"),
        ("faqs:\n  - id: a\n    tags: []\n    id: b\n", 4, "key 'id' is repeated (first on line 2)"),
        ("yes: 1\ntrue: 2\n", 2, "key 'true' is repeated (first on line 1)"),
        ("a: &x hi\nb: *x\n", 2, "uses the YAML alias '*x'"),
        ("a: &x [1]\nb:\n  - *x\n", 3, "uses the YAML alias '*x'"),
        ("a: &x [*x]\n", 1, "uses the YAML alias '*x'"),
        ("a: {x: 1}\nb:\n  <<: {y: 2}\n", 3, "uses a YAML merge key ('<<')"),
        ("a:" + " [" * 17 + "]" * 17 + "\n", 1, "nested more than 16 levels deep"),
        ("a:" + " [" * 5000 + "\n", 1, "YAML syntax error: exceeded maximum nesting depth"),
        ("- " * 3000 + "x\n", 1, "YAML syntax error: exceeded maximum nesting depth"),
        ("when: 2024-02-30\n", 1, "a value YAML cannot read (day is out of range for month)"),
        ("? [a]\n: b\n", 1, "a key is a list or a mapping"),
        ("a:\n\tb: 1\n", 2, "YAML syntax error: found a tab that cannot start any token"),
    ],
)
def test_structures_that_lose_data_or_blow_up_are_refused(text: str, line: int, message: str) -> None:
    data, problems = parse_yaml(text, "docs/f.yml")
    assert data is None
    assert [(p.line, p.message) for p in problems] == [(line, message)]


def test_every_repeated_key_is_reported_with_the_front_matter_offset() -> None:
    _, problems = parse_yaml("id: a\ntitle: x\nid: b\ntitle: y\n", "docs/p.md", line_offset=1)
    assert [str(p) for p in problems] == [
        "docs/p.md:4: key 'id' is repeated (first on line 2) (hint: merge the two, or rename one)",
        "docs/p.md:5: key 'title' is repeated (first on line 3) (hint: merge the two, or rename one)",
    ]


def test_an_alias_bomb_fails_before_it_expands() -> None:
    bomb = alias_bomb()
    assert len(bomb) < 600
    tracemalloc.start()
    started = time.process_time()
    data, problems = parse_yaml(bomb, "docs/f.yml")
    seconds = time.process_time() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert data is None and [p.line for p in problems] == [3]
    assert seconds < 0.5 and peak < 1_000_000


def test_a_file_over_the_size_limit_is_not_parsed() -> None:
    _, problems = parse_yaml("a: " + "x" * MAX_BYTES, "docs/f.yml")
    assert [p.message for p in problems] == ["is 256 KB; the limit is 256 KB"]


# ---------------------------------------------------------------- files the engine cannot read safely


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("faq/gone.yml", lambda p, d: p.symlink_to(d / "nowhere.yml"), "a symbolic link, which points to nothing"),
        ("faq/copy.yml", lambda p, d: p.symlink_to(d / "faq/light.yml"), "a symbolic link, which would publish"),
        ("more", lambda p, d: p.symlink_to(d / "faq", target_is_directory=True), "a symbolic link, which would"),
        ("faq/x.yml", lambda p, d: p.mkdir(), "a folder named like a content file ('.yml')"),
        ("faq/loud.YML", lambda p, d: p.write_text("faqs: []\n"), "the extension '.YML' is not lower case"),
        ("faq/odd.Yaml", lambda p, d: p.write_text("faqs: []\n"), "the extension '.Yaml' is not lower case"),
        ("principles/soil.MD", lambda p, d: p.write_text("# Soil\n"), "the extension '.MD' is not lower case"),
        ("faq/pipe.yml", lambda p, d: os.mkfifo(p), "not a regular file (a pipe, socket or device)"),
        ("faq/big.yml", lambda p, d: p.write_text("x" * (MAX_BYTES + 1)), "is 256 KB; the limit is 256 KB"),
        ("faq/a\nb.yml", lambda p, d: p.write_text("faqs: []\n"), "the file name has a control character"),
    ],
)
def test_odd_files_are_refused_by_name(
    plants: Path, name: str, make: Callable[[Path, Path], object], message: str
) -> None:
    docs = plants / "docs"
    make(docs / name, docs)
    _, problems = load_docs(docs, plants, "principles")
    assert [(p.file, p.message[: len(message)]) for p in problems] == [(f"docs/{name}", message)]


def test_a_name_that_is_not_utf8_is_shown_escaped(plants: Path) -> None:
    os.close(os.open(os.fsencode(plants / "docs" / "faq") + b"/caf\xe9.yml", os.O_CREAT | os.O_WRONLY))
    _, problems = load_docs(plants / "docs", plants, "principles")
    assert [str(p) for p in problems] == [
        "docs/faq/caf\\xe9.yml: the file name has a control character or bytes that are not UTF-8 (hint: rename it)"
    ]


def test_front_matter_of_any_page_is_checked_but_not_loaded(plants: Path) -> None:
    (plants / "docs/about.md").write_text("---\ntitle: a\ntitle: b\n---\n\n# About\n")
    records, problems = load_docs(plants / "docs", plants, "principles")
    assert [(p.file, p.line) for p in problems] == [("docs/about.md", 3)]
    assert "about.md" not in {r.src for r in records}


def test_a_page_that_opens_with_a_rule_is_not_read_as_broken_front_matter(plants: Path) -> None:
    """MkDocs reads a fenced block that is not YAML as page text, so only principle pages must parse."""
    (plants / "docs/about.md").write_text("---\nNote: this: is prose\n---\n\n# About\n")
    (plants / "docs/principles/soil.md").write_text("---\nid: soil\ntitle: what: now\n---\n")
    _, problems = load_docs(plants / "docs", plants, "principles")
    assert [(p.file, p.line) for p in problems] == [("docs/principles/soil.md", 3)]
