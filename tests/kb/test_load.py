from pathlib import Path

from kb.load import LineDict, load_docs, parse_yaml


def test_mappings_remember_their_lines() -> None:
    data, problems = parse_yaml("faqs:\n  - id: a\n    question: q\n  - id: b\n", "f.yml")
    assert problems == []
    first, second = data["faqs"]
    assert isinstance(first, LineDict)
    assert (first.line, second.line) == (2, 4)
    assert first.key_lines == {"id": 2, "question": 3}


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
