"""The engine without a site build: ``python -m kb check | ids | write | new``.

``check`` validates every content file and setting the way the build does and prints the
same one-line problems (exit 1), in a fraction of a build's time, so it suits editors and
pre-commit. ``ids`` lists the ids content may cite, by kind, with the file that defines each.
``write`` puts the finished Markdown (generated pages, hand-written pages with what the engine
adds, compiled checker rules) in a folder that ProperDocs, plain MkDocs or another Markdown
site generator can build. ``new`` starts a site (see kb.scaffold).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from mkdocs.utils import get_relative_url

from kb.build import Site, build_site
from kb.checker import compile_rules, output_path, pages_named, to_script
from kb.helplines import fragments
from kb.kinds import KINDS, PRINCIPLE
from kb.load import config_lines, display, load_docs, read_config
from kb.options import HelpOptions, SearchTuningOptions, read
from kb.problems import ContentError, Problem
from kb.scaffold import new_site
from kb.searchtune.synonyms import load_groups
from kb.settings import Settings, line_of


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kb", description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"), help="default: mkdocs.yml")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate all content and settings without a build")
    ids = commands.add_parser("ids", help="list the ids of one kind, or of every kind")
    ids.add_argument("kind", nargs="?", choices=sorted(_ID_KINDS), help="default: every kind")
    write = commands.add_parser("write", help="write the finished Markdown pages and rules into a folder")
    write.add_argument("out", type=Path, help="a folder that does not exist yet, or an empty one")
    new = commands.add_parser("new", help="start a new advice site in a folder")
    new.add_argument("folder", type=Path)
    new.add_argument("--name", default="My advice site", help="the site's name")
    args = parser.parse_args(argv)
    try:
        if args.command == "new":
            new_site(args.folder, args.name)
            print(f"{args.folder}: new site; next: cd {args.folder} && mkdocs serve")
            return 0
        started = time.perf_counter()
        site = load_site(args.config_file)
        if args.command == "check":
            print(f"{_summary(site)}: no problems ({time.perf_counter() - started:.2f} s)")
        elif args.command == "ids":
            for line in id_lines(args.config_file, args.kind):
                print(line)
        else:
            count = write_pages(site, args.config_file, args.out)
            print(f"{args.out}: {count} files")
    except ContentError as error:
        print(f"{len(error.problems)} problem(s):\n{error}", file=sys.stderr)
        return 1
    return 0


def load_site(config_file: Path) -> Site:
    """Everything a build checks before it writes a page; raises ContentError with every problem."""
    if not config_file.is_file():
        raise ContentError(
            [Problem(config_file.name, "no such file", "run this in the folder of mkdocs.yml, or pass -f")]
        )
    config = read_config(config_file)
    extra: dict[str, Any] = config["extra"] if isinstance(config.get("extra"), dict) else {}
    lines = config_lines(config_file)
    root = config_file.parent
    docs_dir = root / str(config.get("docs_dir") or "docs")
    problems: list[Problem] = []
    try:
        site = build_site(docs_dir, Settings.from_file(config_file), root=root)
    except ContentError as error:
        raise ContentError(error.problems + _option_problems(extra, config_file.name, lines)) from None
    problems += _option_problems(extra, config_file.name, lines)
    if not problems and extra.get("help") is not None:
        help_settings, _ = read(HelpOptions, extra["help"], "extra.help", config_file.name)
        try:
            fragments(site.content.help_lines, help_settings["bar_groups"], config_file.name)
        except ContentError as error:
            problems += error.problems
        link = help_settings["link"]
        if not (docs_dir / link).is_file() and link not in site.pages:
            hint = "use a path like get-help.md"
            problems.append(Problem(config_file.name, f"no page '{link}' in docs/", hint, field="extra.help.link"))
    if not problems and (synonyms := read(SearchTuningOptions, extra.get("search_tuning"), "", "")[0]["synonyms"]):
        problems += _synonym_problems(docs_dir, root, synonyms)
    if problems:
        raise ContentError([replace(p, line=p.line or line_of(p.field, lines)) for p in problems])
    return site


def _option_problems(extra: dict[str, Any], config_file: str, lines: dict[str, int]) -> list[Problem]:
    problems: list[Problem] = []
    for name, options in (("help", HelpOptions), ("search_tuning", SearchTuningOptions)):
        if extra.get(name) is not None:
            problems += read(options, extra[name], f"extra.{name}", config_file)[1]
    return [replace(p, line=line_of(p.field, lines)) for p in problems]


def _synonym_problems(docs_dir: Path, root: Path, src: str) -> list[Problem]:
    """The synonyms file the search tuning reads, checked by the same call the search-tuning hook makes."""
    try:
        load_groups(docs_dir / src, src, f"{display(docs_dir, root)}/{src}")
    except ContentError as error:
        return error.problems
    return []


# What `ids` lists: a name for each kind of entry content can cite.
_ID_KINDS = {"principle": PRINCIPLE, "topic": "topics", "faq": "faqs", "scenario": "scenarios", "term": "terms"}
_ID_KINDS |= {"helpline": "helplines", "pattern": "rules"}


def id_lines(config_file: Path, kind: str | None = None) -> list[str]:
    """'kind id file:line' for every entry of ``kind`` (every kind if None), in file order."""
    settings = Settings.from_file(config_file)
    root = config_file.parent
    config = read_config(config_file)
    records, problems = load_docs(root / str(config.get("docs_dir") or "docs"), root, settings.principles_dir)
    if problems:
        raise ContentError(problems)
    wanted = {_ID_KINDS[kind]} if kind else set(_ID_KINDS.values())
    names = {value: name for name, value in _ID_KINDS.items()}
    rows = []
    for record in records:
        if record.kind not in wanted:
            continue
        key = KINDS[record.kind].key
        for entry in record.entries():
            value = entry.get(key) if isinstance(entry, dict) else None
            if isinstance(value, str):
                line = getattr(entry, "line", None)
                rows.append(f"{names[record.kind]}\t{value}\t{record.file}{f':{line}' if line else ''}")
    return rows


def write_pages(site: Site, config_file: Path, out: Path) -> int:
    """Write the docs folder a plain Markdown generator can build; returns the number of files."""
    if out.exists() and any(out.iterdir()):
        raise ContentError([Problem(out.as_posix(), "is not empty", "name a new folder; nothing was written")])
    config = read_config(config_file)
    docs_dir = config_file.parent / str(config.get("docs_dir") or "docs")
    sources = set(site.content.sources)
    written = 0
    for path in sorted(p for p in docs_dir.rglob("*") if p.is_file()):
        src = path.relative_to(docs_dir).as_posix()
        if src in sources:
            continue  # structured data becomes pages; it is never published itself
        target = out / src
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".md":
            front, body = _split_front_matter(path.read_text(encoding="utf-8"))
            finished = site.finish_page(src, body, f"{docs_dir.name}/{src}", _links_from(src))
            target.write_text(front + finished, encoding="utf-8")
        else:
            shutil.copyfile(path, target)
        written += 1
    for src, markdown in site.pages.items():
        target = out / src
        target.parent.mkdir(parents=True, exist_ok=True)
        front, body = _split_front_matter(markdown)
        target.write_text(front + site.finish_page(src, body, src, _links_from(src)), encoding="utf-8")
        written += 1
    urls = {pid: directory_url(p.src) for pid, p in site.content.principles.items()}
    for src, rules in site.rules.items():
        compiled = compile_rules(rules, {**urls, **{page: directory_url(page) for page in pages_named(rules)}})
        script = output_path(src)
        (out / script).parent.mkdir(parents=True, exist_ok=True)
        (out / script).write_text(to_script(compiled, script), encoding="utf-8")
        written += 1
    return written


def _links_from(page: str) -> Callable[[str], str]:
    """How a tool's HTML on ``page`` links to another page: relative, between directory URLs."""
    return lambda target: get_relative_url(directory_url(target), directory_url(page))


def directory_url(src: str) -> str:
    """The address MkDocs gives a page with directory URLs (its default): 'a/b.md' -> 'a/b/'."""
    stem = src.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def _split_front_matter(text: str) -> tuple[str, str]:
    if text.startswith("---\n") and (end := text.find("\n---\n", 4)) != -1:
        return text[: end + 5], text[end + 5 :]
    return "", text


def _summary(site: Site) -> str:
    content = site.content
    counts = [
        (len(content.principles), "principles"),
        (len(content.faqs), "questions"),
        (len(content.scenarios), "situations"),
        (len(content.terms), "terms"),
        (len(content.help_lines), "help lines"),
        (sum(len(r["patterns"]) for r in site.rules.values()), "checker patterns"),
    ]
    return ", ".join(f"{count} {name}" for count, name in counts)
