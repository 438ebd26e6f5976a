"""Read content files from disk, keeping the source line of every mapping.

Content is untrusted: a file is refused, with one problem per fault, before it can cost
much time or memory (size, nesting, aliases) or silently lose data (repeated keys).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kb.kinds import KINDS, PRINCIPLE
from kb.problems import Problem

STRUCTURED_SUFFIXES = (".yml", ".yaml")
MAX_BYTES = 256 * 1024  # the largest content file is about 50 KB
MAX_DEPTH = 16  # content nests at most six levels; a bound keeps every later step shallow

# Front matter: a leading block fenced by '---' lines, as MkDocs reads it.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^---[ \t]*$", re.DOTALL | re.MULTILINE)
_MERGE_TAG = "tag:yaml.org,2002:merge"
SYNTAX_ERROR = "YAML syntax error"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class LineDict(dict[Any, Any]):
    """A YAML mapping that remembers its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]


class LineList(list[Any]):
    """A YAML list that remembers the line of each item (1-based)."""

    item_lines: list[int]


def line_at(node: Any, path: Iterable[Any]) -> int | None:
    """The line of the deepest key or list item on ``path`` below ``node``, else of ``node`` itself.

    A problem with one item of a list (a tag, a phrase) names that item's line, not the list's key.
    """
    line = getattr(node, "line", None)
    for part in path:
        if isinstance(node, LineDict) and part in node.key_lines:
            line = node.key_lines[part]
        elif isinstance(node, LineList) and isinstance(part, int) and 0 <= part < len(node.item_lines):
            line = node.item_lines[part]
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        line = getattr(node, "line", line)
    return line


@dataclass(frozen=True)
class Record:
    """One content file: its kind (top-level key, or 'principle'), where it is, its data."""

    kind: str
    file: str
    src: str
    data: Any

    def entries(self) -> list[Any]:
        """The entries of the file: the list under its kind's key (or the list nested in it), or the front matter."""
        if self.kind == PRINCIPLE:
            return [self.data]
        data = self.data[self.kind]
        nested = KINDS[self.kind].nested
        found: list[Any] = data[nested] if nested else data
        return found

    def has_entry_list(self) -> bool:
        """Whether ``entries()`` is a list, so it can be read even in a file with schema errors."""
        if self.kind == PRINCIPLE:
            return isinstance(self.data, dict)
        if self.kind not in KINDS:
            return False
        data = self.data[self.kind]
        if nested := KINDS[self.kind].nested:
            data = data.get(nested) if isinstance(data, dict) else None
        return isinstance(data, list)


class _Refused(Exception):
    """A fault in the YAML structure, reported with the line of the node at fault."""

    def __init__(self, node: yaml.Node | yaml.Event, message: str, hint: str) -> None:
        super().__init__(message)
        self.line = node.start_mark.line + 1 if node.start_mark else 0
        self.message, self.hint = message, hint

    def problem(self, file: str, line_offset: int) -> Problem:
        return Problem(file, self.message, self.hint, self.line + line_offset)


# libyaml parses about ten times faster than PyYAML and caps nesting at 1000 levels itself.
class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    def __init__(self, text: str, line_offset: int = 0) -> None:
        super().__init__(text)
        self.line_offset = line_offset
        self.faults: list[_Refused] = []

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, OverflowError) as error:  # a date like 2024-02-30, an integer of 5000 digits
            message = f"a value YAML cannot read ({str(error).splitlines()[0]})"
            raise _Refused(node, message, "put the value in quotes") from None

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        first: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                seen = key in first
            except TypeError:
                raise _Refused(key_node, "a key is a list or a mapping", "keys are plain words") from None
            if seen:  # a dict would keep only the last value: a second 'faqs:' drops the first list
                message = f"key '{key_node.value}' is repeated (first on line {first[key] + self.line_offset})"
                self.faults.append(_Refused(key_node, message, "merge the two, or rename one"))
            else:
                first[key] = key_node.start_mark.line + 1
        mapping = LineDict(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1 + self.line_offset
        mapping.key_lines = {
            str(key.value): key.start_mark.line + 1 + self.line_offset
            for key, _ in node.value
            if isinstance(key, yaml.ScalarNode)
        }
        return mapping

    def construct_line_list(self, node: yaml.SequenceNode) -> LineList:
        items = LineList(self.construct_sequence(node, deep=True))
        items.item_lines = [child.start_mark.line + 1 + self.line_offset for child in node.value]
        return items


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _LineLoader.construct_line_list)


def parse_yaml(text: str, file: str, line_offset: int = 0) -> tuple[Any, list[Problem]]:
    """Parse YAML text; a syntax error or a refused structure becomes a Problem with its line."""
    if len(text) > MAX_BYTES:
        return None, [Problem(file, *_size_fault(len(text.encode("utf-8", "surrogatepass"))))]
    loader = _LineLoader(text, line_offset)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, []
        if refused := _refuse_structure(node, text):
            return None, [refused.problem(file, line_offset)]
        data = loader.construct_document(node)
    except yaml.YAMLError as error:
        return None, [_syntax_problem(error, text, file, line_offset)]
    except _Refused as refused:
        return None, [refused.problem(file, line_offset)]
    finally:
        loader.dispose()
    if loader.faults:
        return None, [fault.problem(file, line_offset) for fault in loader.faults]
    return data, []


def _refuse_structure(root: yaml.Node, text: str) -> _Refused | None:
    """The first alias, merge key or over-deep node, found by walking each node once.

    Checked before construction: an alias bomb is a few hundred bytes of shared nodes that
    would expand to billions of values in every step after the parser.
    """
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            return _first_alias(text)
        seen.add(id(node))
        if depth > MAX_DEPTH:
            return _Refused(node, f"nested more than {MAX_DEPTH} levels deep", "flatten the structure")
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.tag == _MERGE_TAG:
                    return _Refused(key, "uses a YAML merge key ('<<')", "write the fields out in full")
                stack += [(key, depth + 1), (value, depth + 1)]
        elif isinstance(node, yaml.SequenceNode):
            stack += [(item, depth + 1) for item in node.value]
    return None


def _first_alias(text: str) -> _Refused:
    """Where the first alias is used (the composed nodes only know where the anchor was set)."""
    alias = next(event for event in yaml.parse(text, Loader=_LineLoader) if isinstance(event, yaml.AliasEvent))
    return _Refused(alias, f"uses the YAML alias '*{alias.anchor}'", "write the value out; content allows no aliases")


def load_docs(docs_dir: Path, root: Path, principles_dir: str) -> tuple[list[Record], list[Problem]]:
    """Load every structured file and principle page under ``docs_dir``; check the front matter of other pages."""
    records: list[Record] = []
    problems: list[Problem] = []
    for path, src in _walk(docs_dir):
        file = display(path, root)
        if fault := _file_fault(path, src, principles_dir):
            problems.append(Problem(file, *fault))
            continue
        if not path.is_file() or path.is_symlink():
            continue
        if path.suffix in STRUCTURED_SUFFIXES:
            loaded = _load_structured(path, src, file)
        elif path.suffix == ".md":
            loaded = _load_front_matter(path, src, file, is_principle=_is_principle_page(src, principles_dir))
        else:
            continue
        records += loaded[0]
        problems += loaded[1]
    return records, problems


def list_docs(docs_dir: Path) -> list[str]:
    """Every regular file under ``docs_dir`` (paths under it), never following a link."""
    return [src for path, src in _walk(docs_dir) if path.is_file() and not path.is_symlink()]


def _walk(docs_dir: Path) -> Iterator[tuple[Path, str]]:
    """Every file, folder and link under ``docs_dir``, sorted, without following links."""
    for folder, dirs, files in os.walk(docs_dir):
        dirs.sort()
        for name in [*dirs, *sorted(files)]:
            path = Path(folder, name)
            yield path, path.relative_to(docs_dir).as_posix()


def _file_fault(path: Path, src: str, principles_dir: str) -> tuple[str, str] | None:
    """Why the engine cannot read ``path`` safely (message, hint), or None."""
    mode = path.lstat().st_mode
    suffix = path.suffix
    if not _printable(src):
        return "the file name has a control character or bytes that are not UTF-8", "rename it"
    if stat.S_ISLNK(mode):
        where = "points to nothing" if not path.exists() else "would publish whatever it points to"
        return f"a symbolic link, which {where}", "put the real file or folder here instead of a link"
    if stat.S_ISDIR(mode):
        if suffix.lower() in STRUCTURED_SUFFIXES:
            return f"a folder named like a content file ('{suffix}')", f"rename the folder without '{suffix}'"
        return None
    if not stat.S_ISREG(mode):
        return "not a regular file (a pipe, socket or device)", "remove it from the docs folder"
    if suffix.lower() in STRUCTURED_SUFFIXES and suffix not in STRUCTURED_SUFFIXES:
        return f"the extension '{suffix}' is not lower case, so it would be published raw", "rename it to '.yml'"
    if suffix.lower() == ".md" and suffix != ".md" and _is_principle_page(src, principles_dir):
        return f"the extension '{suffix}' is not lower case", "rename it to '.md'"
    if suffix in STRUCTURED_SUFFIXES and (size := path.stat().st_size) > MAX_BYTES:
        return _size_fault(size)
    return None


def _size_fault(size: int) -> tuple[str, str]:
    return f"is {size // 1024} KB; the limit is {MAX_BYTES // 1024} KB", "split it into several files"


def _printable(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # os.walk keeps bytes that are not UTF-8 as lone surrogates
        return False
    return not _CONTROL.search(name)


def _load_structured(path: Path, src: str, file: str) -> tuple[list[Record], list[Problem]]:
    text, problems = _read_text(path, file)
    if text is None:
        return [], problems
    data, problems = parse_yaml(text, file)
    if problems:
        return [], problems
    kind = next(iter(data)) if isinstance(data, dict) and len(data) == 1 else ""
    return [Record(kind, file, src, data)], []


def _load_front_matter(path: Path, src: str, file: str, is_principle: bool) -> tuple[list[Record], list[Problem]]:
    """A principle page becomes a record; any other page only has its front matter checked."""
    text, problems = _read_text(path, file)
    if text is None:
        return [], problems
    match = _FRONT_MATTER.match(text)
    if not match:
        if not is_principle:
            return [], []
        return [], [
            Problem(
                file,
                "principle page has no front matter",
                hint="start the file with '---', then id, title and summary, then '---'",
            )
        ]
    data, problems = parse_yaml(match.group(1), file, line_offset=1)
    if not is_principle:  # MkDocs reads a block that is not YAML as page text: only what it would load counts
        return [], [p for p in problems if not p.message.startswith(SYNTAX_ERROR)]
    return ([Record(PRINCIPLE, file, src, data)] if not problems else []), problems


def _read_text(path: Path, file: str) -> tuple[str | None, list[Problem]]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(file, f"cannot be read: {error.strerror}", hint="check the file's permissions")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        return None, [
            Problem(
                file,
                f"file is not UTF-8 (byte 0x{error.object[error.start]:02x})",
                hint="save the file with UTF-8 encoding",
                line=raw[: error.start].count(b"\n") + 1,
            )
        ]


def _is_principle_page(src: str, principles_dir: str) -> bool:
    return src.startswith(principles_dir.rstrip("/") + "/") and not src.lower().endswith("/index.md")


def display(path: Path, root: Path) -> str:
    """The path as authors see it, printable even when the name holds bytes that are not UTF-8."""
    try:
        shown = path.relative_to(root).as_posix()
    except ValueError:
        shown = path.as_posix()
    return shown.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _syntax_problem(error: yaml.YAMLError, text: str, file: str, line_offset: int) -> Problem:
    mark = getattr(error, "problem_mark", None)
    reason = getattr(error, "problem", None) or str(error).splitlines()[0]
    if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        reason = reason.replace("found character", "found a tab")
    line = mark.line + 1 + line_offset if mark else None
    return Problem(file, f"{SYNTAX_ERROR}: {reason}", hint=_yaml_hint(reason), line=line)


def _yaml_hint(reason: str) -> str:
    if "tab" in reason:
        return "indent with spaces, not tabs"
    if "mapping values" in reason:
        return "put text that contains ': ' in quotes, or use '>-' for a folded block"
    if "nesting depth" in reason:
        return f"flatten the structure; content nests at most {MAX_DEPTH} levels"
    return "check the indentation and quoting on this line and the one above"


def config_lines(config_file: Path, depth: int = 6) -> dict[str, int]:
    """The line of each key of a YAML config, by dotted path ('extra.kb.labels.do'), to ``depth`` levels.

    Items of a list count by their index: 'extra.kb.sections.0.key'.

    Composing never runs a tag, so MkDocs' '!ENV' and '!!python/name' are fine here.
    """
    try:
        root = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=_LineLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    lines: dict[str, int] = {}
    stack = [(root, "", depth)]
    while stack:
        node, prefix, left = stack.pop()
        if not left:
            continue
        if isinstance(node, yaml.SequenceNode):
            for number, item in enumerate(node.value):
                lines.setdefault(f"{prefix}{number}", item.start_mark.line + 1)
                stack.append((item, f"{prefix}{number}.", left - 1))
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    lines.setdefault(prefix + key.value, key.start_mark.line + 1)
                    stack.append((value, f"{prefix}{key.value}.", left - 1))
    return lines


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its tags: '!ENV [NAME, default]' gives the default, others None."""


def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if suffix == "ENV" and isinstance(node, yaml.SequenceNode) and len(node.value) > 1:
        return loader.construct_object(node.value[-1])
    return None


_ConfigLoader.add_multi_constructor("!", _tagged)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)


def read_config(config_file: Path) -> dict[str, Any]:
    """The settings of a mkdocs.yml as a mapping, for tools that run without MkDocs' build."""
    data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    return data if isinstance(data, dict) else {}
