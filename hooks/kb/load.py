"""Read content files from disk, keeping the source line of every mapping."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kb.kinds import PRINCIPLE
from kb.problems import Problem

STRUCTURED_SUFFIXES = (".yml", ".yaml")

# Front matter: a leading block fenced by '---' lines, as MkDocs reads it.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^---[ \t]*$", re.DOTALL | re.MULTILINE)


class LineDict(dict):
    """A YAML mapping that remembers its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]


@dataclass(frozen=True)
class Record:
    """One content file: its kind (top-level key, or 'principle'), where it is, its data."""

    kind: str
    file: str
    src: str
    data: Any


class _LineMappings:
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        mapping = LineDict(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {
            str(key.value): key.start_mark.line + 1 for key, _ in node.value if isinstance(key, yaml.ScalarNode)
        }
        return mapping


class _LineLoader(_LineMappings, yaml.SafeLoader):
    pass


# libyaml parses about ten times faster, but words its errors more tersely (no tab in
# "cannot start any token"), so a file it rejects is parsed again by _LineLoader.
class _FastLineLoader(_LineMappings, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


for _loader in (_LineLoader, _FastLineLoader):
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _loader.construct_mapping)


def parse_yaml(text: str, file: str, line_offset: int = 0) -> tuple[Any, list[Problem]]:
    """Parse YAML text; a syntax error becomes a Problem with its line."""
    try:
        return yaml.load(text, Loader=_FastLineLoader), []
    except yaml.YAMLError:
        pass
    try:
        return yaml.load(text, Loader=_LineLoader), []
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 + line_offset if mark else None
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        return None, [Problem(file, f"YAML syntax error: {reason}", hint=_yaml_hint(reason), line=line)]


def load_docs(docs_dir: Path, root: Path, principles_dir: str) -> tuple[list[Record], list[Problem]]:
    """Load every structured file and principle page under ``docs_dir``."""
    records: list[Record] = []
    problems: list[Problem] = []
    for path in sorted(docs_dir.rglob("*")):
        src = path.relative_to(docs_dir).as_posix()
        if path.suffix in STRUCTURED_SUFFIXES:
            loaded = _load_structured(path, src, _display(path, root))
        elif path.suffix == ".md" and _is_principle_page(src, principles_dir):
            loaded = _load_front_matter(path, src, _display(path, root))
        else:
            continue
        records += loaded[0]
        problems += loaded[1]
    return records, problems


def _load_structured(path: Path, src: str, file: str) -> tuple[list[Record], list[Problem]]:
    text, problems = _read_text(path, file)
    if text is None:
        return [], problems
    data, problems = parse_yaml(text, file)
    if problems:
        return [], problems
    kind = next(iter(data)) if isinstance(data, dict) and len(data) == 1 else ""
    return [Record(kind, file, src, data)], []


def _load_front_matter(path: Path, src: str, file: str) -> tuple[list[Record], list[Problem]]:
    text, problems = _read_text(path, file)
    if text is None:
        return [], problems
    match = _FRONT_MATTER.match(text)
    if not match:
        return [], [
            Problem(
                file,
                "principle page has no front matter",
                hint="start the file with '---', then id, title and summary, then '---'",
            )
        ]
    data, problems = parse_yaml(match.group(1), file, line_offset=1)
    return ([Record(PRINCIPLE, file, src, data)] if not problems else []), problems


def _read_text(path: Path, file: str) -> tuple[str | None, list[Problem]]:
    try:
        return path.read_bytes().decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        return None, [
            Problem(
                file,
                f"file is not UTF-8 (byte 0x{error.object[error.start]:02x})",
                hint="save the file with UTF-8 encoding",
                line=line,
            )
        ]


def _is_principle_page(src: str, principles_dir: str) -> bool:
    return src.startswith(principles_dir.rstrip("/") + "/") and not src.endswith("/index.md")


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _yaml_hint(reason: str) -> str:
    if "tab" in reason:
        return "indent with spaces, not tabs"
    if "mapping values" in reason:
        return "put text that contains ': ' in quotes, or use '>-' for a folded block"
    return "check the indentation and quoting on this line and the one above"
