"""Where every generated file goes, and each place where one would replace another file.

MkDocs writes a page and a file with the same address over each other without a word,
so every output is checked against the files in docs/ and against the other outputs.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass

from kb.checker import KIND as RULES
from kb.checker import output_path
from kb.kinds import KINDS
from kb.load import STRUCTURED_SUFFIXES, Record, line_at
from kb.problems import Problem
from kb.settings import Settings

# Kinds whose entries each become a page named by id, and the setting naming their folder.
PAGE_FOLDERS = {"topics": "faq_dir", "scenarios": "scenarios_dir"}
# Kinds that, when present, add an index page to a folder.
INDEX_FOLDERS = {"faqs": "faq_dir", "scenarios": "scenarios_dir"}
_PAGE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd", ".html")


def index_page(folder: str) -> str:
    return f"{folder}/index.md"


def entry_page(folder: str, entry_id: str) -> str:
    return f"{folder}/{entry_id}.md"


@dataclass(frozen=True)
class _Output:
    path: str  # under docs/
    origin: Problem  # where the output comes from; its message is filled in on a clash
    hint: str


def clashes(records: list[Record], settings: Settings, docs_files: list[str], docs_prefix: str) -> list[Problem]:
    """One problem for each output (or hand-written file) whose address another file already has.

    ``docs_files`` are every file under docs/; ``docs_prefix`` is how problems name that folder.
    """
    owners: dict[str, str] = {}
    problems = []
    for src in docs_files:
        if src.lower().endswith(STRUCTURED_SUFFIXES):
            continue  # content files are read, never published
        shown = f"{docs_prefix}/{src}"
        if (other := owners.setdefault(address(src), shown)) != shown:
            problems.append(Problem(shown, f"has the same address as {other}", "rename or move one of them"))
    for output in _outputs(records, settings):
        origin = output.origin
        if owner := owners.get(address(output.path)):
            message = f"its generated file '{output.path}' has the same address as {owner}"
            problems.append(Problem(origin.file, message, output.hint, origin.line, origin.entry, origin.field))
        else:
            owners[address(output.path)] = f"the generated '{output.path}'"
    return problems


def address(path: str) -> str:
    """A key equal for two files MkDocs would publish at one address, on any file system.

    Pages drop their suffix and an 'index' or 'README' name ('a.md', 'a/index.md' and
    'a/README.md' are all 'a/'); case is ignored, as macOS and Windows ignore it.
    """
    path = path.casefold()
    stem, suffix = posixpath.splitext(path)
    if suffix not in _PAGE_SUFFIXES:
        return path
    folder, name = posixpath.split(stem)
    return f"{folder}/" if name in ("index", "readme") else f"{stem}/"


def _outputs(records: list[Record], settings: Settings) -> Iterator[_Output]:
    """Fixed pages first, so a clash names the entry that takes the address, not the index."""
    config = settings.config_file
    kinds = {record.kind for record in records}
    moved = "change the setting or move the other file"
    for kind, setting in INDEX_FOLDERS.items():
        if kind in kinds:
            origin = Problem(config, "", field=f"extra.kb.{setting}")
            yield _Output(index_page(getattr(settings, setting)), origin, moved)
    if "terms" in kinds:
        yield _Output(settings.glossary_page, Problem(config, "", field="extra.kb.glossary_page"), moved)
    for record in records:
        if record.kind == RULES:
            yield _Output(output_path(record.src), Problem(record.file, ""), "rename the rules file")
        elif (folder := PAGE_FOLDERS.get(record.kind)) and record.has_entry_list():
            for entry in record.entries():
                if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                    continue  # the schema check names it
                line = line_at(entry, ["id"])
                label = f"{KINDS[record.kind].singular} '{entry['id']}'"
                path = entry_page(getattr(settings, folder), entry["id"])
                origin = Problem(record.file, "", line=line, entry=label, field="id")
                yield _Output(path, origin, "rename the id, or move the other file")
