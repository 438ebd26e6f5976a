"""Property: every file damaged by one of issue 11's classes is refused, one line per problem, fast.

Classes: repeated keys, aliases, deep nesting, control characters in fields, odd ids,
odd file names. Each example starts from the valid plant-care fixture, rewrites one file
with the damage, and runs the whole engine under ``tracemalloc``. The files are written as
YAML flow text (JSON with anchors), which can say what a dict cannot: a key twice.
"""

from __future__ import annotations

import json
import os
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from kb import ContentError
from tests.kb.test_validate_hostile import (
    PRINCIPLE,
    STRUCTURED,
    assert_one_line_problems,
    fixture_files,
    replaced,
    run_engine,
)

EXAMPLES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
CPU_SECONDS = 5.0
PEAK_BYTES = 500 << 20


@pytest.fixture
def docs(plants: Path) -> Path:
    return plants / "docs"


class Pairs(list):
    """A mapping written as its (key, value) pairs, so a key can appear twice."""


class Alias(str):
    """An alias to the anchor '&a', which the writer puts on the first value it meets."""


class Raw(str):
    """Flow text written as it is."""


def to_pairs(value: Any) -> Any:
    if isinstance(value, dict):
        return Pairs((key, to_pairs(item)) for key, item in value.items())
    if isinstance(value, list):
        return [to_pairs(item) for item in value]
    return value


def flow(value: Any, anchor: list[bool]) -> str:
    """YAML flow text; the first scalar gets the anchor '&a' when ``anchor`` asks for one."""
    if isinstance(value, Alias):
        return "*a"
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, Pairs):
        return "{" + ", ".join(f"{flow(k, anchor)}: {flow(v, anchor)}" for k, v in value) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(item, anchor) for item in value) + "]"
    text = json.dumps(value)
    if anchor and anchor[0] and not isinstance(value, bool | type(None)):
        anchor[0] = False
        return f"&a {text}"
    return text


def fixture_data(name: str) -> Any:
    text = fixture_files()[name]
    return yaml.safe_load(text.split("---")[1] if name == PRINCIPLE else text)


def write(name: str, data: Any, anchored: bool = False) -> str:
    body = flow(data, [anchored])
    return f"---\n{body}\n---\n\nSome text.\n" if name == PRINCIPLE else body + "\n"


def entry_of(data: Pairs, name: str, index: int) -> Pairs:
    """The entry to damage: the front matter itself, or one item of the file's list."""
    if name == PRINCIPLE:
        return data
    entries = data[0][1]
    return entries[index % len(entries)]


files = st.sampled_from([*STRUCTURED, PRINCIPLE])
CONTROLS = [chr(c) for c in [*range(0, 9), *range(11, 32), 127, *range(128, 160)]]


@st.composite
def entries(draw: st.DrawFn) -> tuple[str, Pairs, Pairs]:
    """(file name, its data as pairs, one entry inside that data)."""
    name = draw(files)
    data = to_pairs(fixture_data(name))
    return name, data, entry_of(data, name, draw(st.integers(0, 9)))


@st.composite
def repeated_key(draw: st.DrawFn) -> tuple[str, str, str]:
    name = draw(files)
    data = to_pairs(fixture_data(name))
    target = draw(st.sampled_from(["file", "entry"])) if name != PRINCIPLE else "entry"
    mapping = data if target == "file" else entry_of(data, name, draw(st.integers(0, 9)))
    key, value = draw(st.sampled_from(list(mapping)))
    mapping.insert(draw(st.integers(0, len(mapping))), (key, draw(st.sampled_from([value, "x", [], None]))))
    return name, write(name, data), "is repeated"


@st.composite
def alias(draw: st.DrawFn) -> tuple[str, str, str]:
    name, data, entry = draw(entries())
    entry.append((draw(st.sampled_from(["see_also", "question", "tags"])), Alias()))
    return name, write(name, data, anchored=True), "uses the YAML alias '*a'"


@st.composite
def deep(draw: st.DrawFn) -> tuple[str, str, str]:
    name, data, entry = draw(entries())
    index = draw(st.integers(0, len(entry) - 1))
    opening = draw(st.lists(st.sampled_from(["[", "{k: "]), min_size=17, max_size=1500))
    closing = "".join("]" if part == "[" else "}" for part in reversed(opening))
    entry[index] = (entry[index][0], Raw("".join(opening) + '"x"' + closing))
    return name, write(name, data), "nest"


@st.composite
def control_character(draw: st.DrawFn) -> tuple[str, str, str]:
    name, data, entry = draw(entries())
    fields = [i for i, (_, value) in enumerate(entry) if isinstance(value, str)]
    index = draw(st.sampled_from(fields))
    key, value = entry[index]
    at = draw(st.integers(0, len(value)))
    entry[index] = (key, value[:at] + draw(st.sampled_from(CONTROLS)) + value[at:])
    return name, write(name, data), ""


slugs = st.from_regex(r"\A[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}\Z")
odd_ids = st.one_of(
    slugs.map(lambda s: s + "\n"),
    slugs.map(lambda s: s + " "),
    slugs.map(lambda s: " " + s),
    slugs.map(lambda s: s + "--x"),
    slugs.map(lambda s: s.upper() + "X"),
    slugs.map(lambda s: "-" + s),
    slugs.map(lambda s: s + "\u00e9"),
    st.integers(61, 400).map(lambda n: "a" * n),
    st.just(""),
)


@st.composite
def odd_id(draw: st.DrawFn) -> tuple[str, str, str]:
    name = draw(st.sampled_from([n for n in [*STRUCTURED, PRINCIPLE] if "glossary" not in n]))
    data = to_pairs(fixture_data(name))
    entry = entry_of(data, name, draw(st.integers(0, 9)))
    index = next(i for i, (key, _) in enumerate(entry) if key == "id")
    pages = name.startswith(("faq/topics", "scenarios/"))  # these ids name pages: 'index' would replace one
    entry[index] = ("id", draw(odd_ids | st.just("index")) if pages else draw(odd_ids))
    return name, write(name, data), ""


def assert_refused_quickly(docs: Path, name: str, words: str) -> None:
    tracemalloc.start()
    started = time.process_time()
    try:
        result = run_engine(docs)
    finally:
        seconds = time.process_time() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert isinstance(result, ContentError), f"{name} was damaged but the engine accepted it"
    assert_one_line_problems(result, docs)
    named = [p for p in result.problems if p.file == f"docs/{name}"]
    assert named, [str(p) for p in result.problems]
    assert any(words in p.message for p in named), [str(p) for p in named]
    assert seconds < CPU_SECONDS and peak < PEAK_BYTES, (seconds, peak)


@EXAMPLES
@given(case=st.one_of(repeated_key(), alias(), deep(), control_character(), odd_id()))
def test_each_class_of_bad_content_is_refused_in_one_line_each(docs: Path, case: tuple[str, str, str]) -> None:
    name, text, words = case
    with replaced(docs, name, text):
        assert_refused_quickly(docs, name, words)


def test_the_writer_keeps_the_fixture_valid(docs: Path) -> None:
    """Guards the strategies: undamaged files written as flow text still build."""
    for name in [*STRUCTURED, PRINCIPLE]:
        with replaced(docs, name, write(name, to_pairs(fixture_data(name)))):
            assert not isinstance(run_engine(docs), ContentError), name


# ---------------------------------------------------------------- odd file names

suffixes = st.sampled_from([".YML", ".Yml", ".YAML", ".yAml", ".MD"])
names = st.text(st.characters(codec="utf-8", exclude_characters="/\x00"), min_size=1, max_size=12)


@st.composite
def odd_file(draw: st.DrawFn) -> tuple[str, str]:
    """(path under docs/, how it is made): a file, folder or link that the engine must refuse."""
    stem = draw(names).strip(".") or "x"
    shape = draw(st.sampled_from(["upper", "folder", "link", "dangling", "control"]))
    if shape == "upper":
        folder = draw(st.sampled_from(["faq", "principles", "extra"]))
        suffix = draw(suffixes)
        return f"{folder}/{stem}{suffix if folder == 'principles' or suffix != '.MD' else '.YML'}", "file"
    if shape == "control":
        return f"faq/{stem}{draw(st.sampled_from(CONTROLS[1:]))}.yml", "file"  # no file name holds a NUL
    return f"faq/{stem}{'.yml' if shape != 'link' else draw(st.sampled_from(['', '.yml', '.md']))}", shape


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=odd_file())
def test_odd_file_names_are_refused_by_name(docs: Path, case: tuple[str, str]) -> None:
    name, shape = case
    path = docs / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if os.path.lexists(path):
        return  # a name hypothesis drew twice in one run
    try:
        if shape == "file":
            path.write_text(fixture_files()["faq/light.yml"])
        elif shape == "folder":
            path.mkdir()
        else:
            path.symlink_to(docs / ("faq/light.yml" if shape == "link" else "nowhere.yml"))
    except OSError:
        reject()  # the file system refused this name: not the engine's concern
    try:
        result = run_engine(docs)
        assert isinstance(result, ContentError), name
        lines = [str(p) for p in result.problems]
        assert len(lines) == 1 and len(lines[0].splitlines()) == 1, lines
        assert result.problems[0].file.startswith("docs/"), lines
    finally:
        path.rmdir() if shape == "folder" else path.unlink()
