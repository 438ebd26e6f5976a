"""Hostile and malformed content: the engine answers with one-line problems, never a traceback,
and markup or script in a text field never reaches a reader's browser as something that runs.

Each property starts from the valid plant-care fixture and breaks one file of it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.yaml import yaml_load

from kb import ContentError, Settings, Site, build_site
from kb.kinds import KINDS
from kb.load import parse_yaml
from tests.conftest import FIXTURE, ROOT, run_build

HYPOTHESIS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
MARKER = "alert(4242)"


# ---------------------------------------------------------------- the fixture, broken one file at a time


@cache
def fixture_files() -> dict[str, str]:
    """Every content file of the fixture (path under docs/ -> text)."""
    docs = FIXTURE / "docs"
    return {p.relative_to(docs).as_posix(): p.read_text() for p in sorted(docs.rglob("*")) if p.is_file()}


@cache
def fixture_settings() -> Settings:
    return Settings.from_file(FIXTURE / "mkdocs.yml")


STRUCTURED = sorted(name for name in fixture_files() if name.endswith(".yml"))
PRINCIPLE = "principles/light.md"
NEW_FILE = "extra/new.yml"


@pytest.fixture
def docs(plants: Path) -> Path:
    return plants / "docs"


@contextmanager
def replaced(docs: Path, name: str, content: str | bytes) -> Iterator[Path]:
    """Write one file for the length of a single example, then put the fixture back."""
    path = docs / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    try:
        yield path
    finally:
        if name in fixture_files():
            path.write_text(fixture_files()[name])
        else:
            path.unlink()


def run_engine(docs: Path) -> Site | ContentError:
    """The whole engine (load, validate, model, link, render); any exception but ContentError escapes."""
    try:
        return build_site(docs, fixture_settings(), root=docs.parent)
    except ContentError as error:
        return error


def front_matter(data: Any) -> str:
    return f"---\n{yaml.safe_dump(data, allow_unicode=True)}---\n\nSome text.\n"


def assert_one_line_problems(error: ContentError, docs: Path) -> None:
    assert error.problems, "a ContentError with nothing in it"
    for problem in error.problems:
        text = str(problem)
        assert len(text.splitlines()) == 1, text
        assert (docs.parent / problem.file).is_file(), f"problem names no real file: {text}"
        assert text.startswith(problem.file), text
        # Inside an entry a problem names its field, unless the entry itself has the wrong shape.
        if problem.entry and not problem.message.startswith("should be"):
            assert problem.field, text


# ---------------------------------------------------------------- strategies

FIELD_NAMES = sorted(
    {key for text in fixture_files().values() for key in re.findall(r"^\s*-?\s*([a-z_]+):", text, re.MULTILINE)}
)
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=30)
    | st.sampled_from(["", " ", "-", "~", "null", "yes", "2024-01-01", "x" * 300, "a: b", "[1", "{", "*a"])
)
keys = st.sampled_from(FIELD_NAMES) | st.text(max_size=12) | st.integers() | st.booleans()
trees = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5), max_leaves=20
)


@st.composite
def broken_entry_file(draw: st.DrawFn) -> tuple[str, str]:
    """A fixture file with one entry damaged: a field removed, retyped or added."""
    name = draw(st.sampled_from([*STRUCTURED, PRINCIPLE]))
    text = fixture_files()[name]
    is_page = name == PRINCIPLE
    data = yaml.safe_load(text.split("---")[1] if is_page else text)
    entry = data if is_page else draw(st.sampled_from(next(iter(data.values()))))
    for _ in range(draw(st.integers(1, 3))):
        action = draw(st.sampled_from(["drop", "retype", "add"]))
        if action == "drop" and entry:
            del entry[draw(st.sampled_from(list(entry)))]
        elif action == "retype" and entry:
            entry[draw(st.sampled_from(list(entry)))] = draw(trees)
        else:
            entry[draw(keys)] = draw(trees)
    return name, front_matter(data) if is_page else yaml.safe_dump(data, allow_unicode=True)


@st.composite
def random_file(draw: st.DrawFn) -> tuple[str, str | bytes]:
    """A whole file of nonsense: a random tree under a real or made-up kind, or text that is barely YAML."""
    name = draw(st.sampled_from([*STRUCTURED, NEW_FILE, PRINCIPLE]))
    kind = draw(st.sampled_from(sorted(KINDS)) | st.text(max_size=8))
    tree = draw(trees)
    shape = draw(st.sampled_from(["kind", "tree", "text", "bytes"]))
    if shape == "text":
        return name, draw(st.text(alphabet=st.sampled_from(":-[]{}#&*!|>'\"%@`, \t\nab1"), max_size=80))
    if shape == "bytes":
        return name, draw(st.binary(max_size=40))
    data = {kind: tree} if shape == "kind" else tree
    return name, front_matter(data) if name == PRINCIPLE else yaml.safe_dump(data, allow_unicode=True)


# ---------------------------------------------------------------- never a traceback, always one line


@HYPOTHESIS
@given(case=broken_entry_file())
def test_a_damaged_entry_gives_one_line_problems(docs: Path, case: tuple[str, str]) -> None:
    name, content = case
    with replaced(docs, name, content):
        result = run_engine(docs)
        if isinstance(result, ContentError):
            assert_one_line_problems(result, docs)


@HYPOTHESIS
@given(case=random_file())
def test_a_file_of_nonsense_gives_one_line_problems(docs: Path, case: tuple[str, str | bytes]) -> None:
    name, content = case
    with replaced(docs, name, content):
        result = run_engine(docs)
        if isinstance(result, ContentError):
            assert_one_line_problems(result, docs)


@HYPOTHESIS
@given(text=st.text(max_size=200))
def test_parse_yaml_never_raises(text: str) -> None:
    data, problems = parse_yaml(text, "docs/x.yml")
    assert data is None or not problems
    for problem in problems:
        assert len(str(problem).splitlines()) == 1 and str(problem).startswith("docs/x.yml")


def test_the_properties_see_both_outcomes(docs: Path) -> None:
    """Guards the strategies: damage is reported, and an untouched fixture still builds."""
    assert isinstance(run_engine(docs), Site)
    with replaced(docs, "faq/light.yml", "faqs:\n  - id: north-window\n    question: [1, 2]\n"):
        error = run_engine(docs)
    assert isinstance(error, ContentError)
    assert any(p.field == "question" and p.file == "docs/faq/light.yml" for p in error.problems)


# ---------------------------------------------------------------- markup and script never run

PAYLOADS = [
    f"<script>{MARKER}</script>",
    f"<img src=x onerror={MARKER}>",
    f"<svg/onload={MARKER}>",
    f"<!-- --><script>{MARKER}</script>",
    f"<javascript:{MARKER}>",
    f"[tap here](javascript:{MARKER})",
    f"[tap here](JaVaScRiPt:{MARKER})",
    f"[tap here]( java&#115;cript:{MARKER})",
    f"[tap here](java\tscript:{MARKER})",
    f"[tap here](vbscript:{MARKER})",
    "[tap here](data:text/html;base64,PHNjcmlwdD5hbGVydCg0MjQyKTwvc2NyaXB0Pg==)",
    f"![picture](x.png){{: onerror={MARKER} }}",
    f'A line.\n{{: onclick="{MARKER}" }}',
    f"A line.\n{{ onmouseover='{MARKER}' }}",
    f'[tap here](https://example.org){{: href="javascript:{MARKER}" }}',
    f"[tap here][ref]\n\n[ref]: javascript:{MARKER}",
    f"&lt;script&gt;{MARKER}&lt;/script&gt;",
    f"&#60;script&#62;{MARKER}&#60;/script&#62;",
    f"\"><b onmouseover='{MARKER}'>",
    f"' onmouseover='{MARKER}' x='",
    f"</script><script>{MARKER}</script>",
    f"{{{{ {MARKER} }}}} {{% raw %}}",
    f"Unclosed {{ onclick={MARKER}",
    f'Quoted {{: title="}}" onmouseover="{MARKER}" }}',
    f"[tap][tip]\n\n[tip]:\n    javascript:{MARKER}",
    f"[tap](javascript\\:{MARKER})",
    f'[tap](x.md "&lt;img src=x onerror={MARKER}&gt;")',
]


def text_fields() -> list[tuple[str, int, str]]:
    """(file, entry index, field) for every text field, and every list of text, in the fixture."""
    found = []
    for name in [*STRUCTURED, PRINCIPLE]:
        text = fixture_files()[name]
        data = yaml.safe_load(text.split("---")[1] if name == PRINCIPLE else text)
        entries = [data] if name == PRINCIPLE else next(iter(data.values()))
        for index, entry in enumerate(entries):
            for key, value in entry.items():
                if isinstance(value, str) or (isinstance(value, list) and value and isinstance(value[0], str)):
                    found.append((name, index, key))
    return found


def with_payload(name: str, index: int, key: str, payload: str) -> str:
    text = fixture_files()[name]
    data = yaml.safe_load(text.split("---")[1] if name == PRINCIPLE else text)
    entry = data if name == PRINCIPLE else next(iter(data.values()))[index]
    if isinstance(entry[key], list):
        entry[key][0] = payload
    else:
        entry[key] = payload
    return front_matter(data) if name == PRINCIPLE else yaml.safe_dump(data, allow_unicode=True)


@dataclass
class ActiveContent:
    """Whatever in an HTML document a browser would run: script bodies, handlers, script URLs."""

    script_bodies: list[str] = field(default_factory=list)
    handlers: list[str] = field(default_factory=list)
    script_urls: list[str] = field(default_factory=list)
    embeds: list[str] = field(default_factory=list)
    tooltips: list[str] = field(default_factory=list)  # titles holding markup: Material inserts them as HTML

    def all(self) -> list[str]:
        return [*self.script_bodies, *self.handlers, *self.script_urls, *self.embeds, *self.tooltips]


class _ActiveFinder(HTMLParser):
    URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "srcdoc", "data", "xlink:href", "poster"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = ActiveContent()
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # A JSON data block (structured data) never runs; the tests parse it as JSON instead.
        self._in_script = tag == "script" and dict(attrs).get("type") not in ("application/ld+json", "application/json")
        if tag in {"iframe", "object", "embed", "frame", "base"}:
            self.found.embeds.append(tag)
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.handlers.append(f"{name}={value}")
            elif name == "title" and re.search(r"<\s*[a-zA-Z/!?]", value):
                self.found.tooltips.append(f"{name}={value}")
            # Browsers drop ASCII whitespace and controls inside URLs; the parser has decoded entities.
            elif name in self.URL_ATTRIBUTES and re.sub(r"[\x00-\x20]", "", value).lower().startswith(
                ("javascript:", "vbscript:", "data:")
            ):
                self.found.script_urls.append(f"{name}={value}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.found.script_bodies.append(data)


def active_content(html: str) -> ActiveContent:
    finder = _ActiveFinder()
    finder.feed(html)
    finder.close()
    return finder.found


@cache
def site_markdown() -> markdown.Markdown:
    """Python-Markdown set up with the extensions of the real site's mkdocs.yml."""
    with (ROOT / "mkdocs.yml").open() as file:
        config = yaml_load(file)
    names, configs = [], {}
    for item in config["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        names.append(name)
        configs[name] = options or {}
    configs["pymdownx.snippets"] = {**configs.get("pymdownx.snippets", {}), "base_path": [str(ROOT / "docs")]}
    return markdown.Markdown(extensions=names, extension_configs=configs)


def rendered_pages(site: Site) -> dict[str, str]:
    """Every generated page as HTML, with the glossary tooltips the adapter appends."""
    md = site_markdown()
    pages = {}
    for path, text in site.pages.items():
        body = text.split("---", 2)[2] if text.startswith("---") else text
        pages[path] = md.reset().convert(f"{body}\n\n{site.abbreviations}")
    return pages


@HYPOTHESIS
@given(
    target=st.sampled_from(text_fields()),
    payload=st.sampled_from(PAYLOADS),
    before=st.text(alphabet=st.characters(codec="ascii"), max_size=12),
)
def test_markup_in_any_text_field_never_runs(
    docs: Path, target: tuple[str, int, str], payload: str, before: str
) -> None:
    name, index, key = target
    with replaced(docs, name, with_payload(name, index, key, before + payload)):
        result = run_engine(docs)
        if isinstance(result, ContentError):
            assert_one_line_problems(result, docs)
            return
    for path, html in rendered_pages(result).items():
        assert active_content(html).all() == [], f"{path}: {key} = {before + payload!r}"


def test_the_script_finder_sees_what_a_browser_would_run() -> None:
    found = active_content(
        '<p onclick="x()"><a href=" java&#115;cript:y()">a</a><script>z()</script><iframe src="/"></iframe></p>'
    )
    assert (found.handlers, found.script_urls, found.script_bodies, found.embeds) == (
        ["onclick=x()"],
        ["href= javascript:y()"],
        ["z()"],
        ["iframe"],
    )
    assert active_content('<p title="onclick=x()"><a href="https://example.org/javascript:">a</a></p>').all() == []


# ---------------------------------------------------------------- the same, through a real MkDocs build


def test_real_build_rejects_script_in_content_with_one_line_per_field(plants: Path, tmp_path: Path) -> None:
    (plants / "docs" / "faq" / "light.yml").write_text(with_payload("faq/light.yml", 0, "answer", PAYLOADS[5]))
    (plants / "docs" / "glossary.yml").write_text(with_payload("glossary.yml", 1, "definition", PAYLOADS[1]))
    result = run_build(plants / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()
    problems = re.findall(r"^(docs/\S+?):\d+: .*?: field '(\w+)': contains ", result.stderr, re.MULTILINE)
    assert problems == [("docs/faq/light.yml", "answer"), ("docs/glossary.yml", "definition")], result.stderr


def test_real_build_keeps_quotes_as_text(plants: Path, tmp_path: Path) -> None:
    """Quotes pass validation; in the built pages they stay text and data, even inside attributes."""
    docs = plants / "docs"
    refresh = f'Bright light." http-equiv="refresh" content="0;url=https://evil.example/{MARKER}'
    (docs / "faq" / "light.yml").write_text(with_payload("faq/light.yml", 0, "question", PAYLOADS[19]))
    (docs / "faq" / "watering.yml").write_text(with_payload("faq/watering.yml", 1, "short_answer", PAYLOADS[19]))
    (docs / PRINCIPLE).write_text(with_payload(PRINCIPLE, 0, "summary", refresh))
    result = run_build(plants / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    pages = {p: p.read_text() for p in (tmp_path / "site").rglob("*.html")}
    shown = [p for p, html in pages.items() if MARKER in html]
    assert len(shown) >= 3, "the payloads should appear on their pages, as text"
    for path, html in pages.items():
        assert [item for item in active_content(html).all() if MARKER in item] == [], path
        assert not re.search(r"<meta[^>]*http-equiv=.refresh", html), f"{path}: the summary broke out of its tag"
        for data in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL):
            json.loads(data)  # the structured data was not broken out of
    principle = (tmp_path / "site" / "principles" / "light" / "index.html").read_text()
    descriptions = re.findall(r'<meta name="description" content="([^"]*)">', principle)
    assert descriptions and all(unescape(d) == refresh for d in descriptions), descriptions
