"""The engine's settings in mkdocs.yml, declared as MkDocs ``config_options`` classes.

``extra.kb``, ``extra.help`` and ``extra.search_tuning`` each have a ``Config`` class here, with
a default for every setting that can have one (English labels included), in the way plugins
such as mkdocs-static-i18n declare theirs. ``read`` checks a raw mapping against its class once,
collects every problem (MkDocs itself stops at the first) and names each by its dotted key, so
the caller can give it the line of that key in mkdocs.yml. This is the only module of the engine
that imports MkDocs, and only its config machinery.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import BaseConfigOption, Config, ValidationError

from kb.problems import NOT_ONE_LINE, Problem, type_name
from kb.safety import find_brace, find_unsafe
from kb.sections import DEFAULT_SECTIONS, FIXED_ANCHORS, FIXED_FIELDS, KINDS

# A place under docs/: plain names joined by '/'; never '..', an absolute path or a backslash.
_UNDER_DOCS = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*")


def is_inside_docs(path: str) -> bool:
    """Whether a setting names a place under docs/ (never '..', an absolute path or a backslash)."""
    return bool(_UNDER_DOCS.fullmatch(path)) and ".." not in path.split("/")


class Invalid(ValidationError):
    """A wrong value, with the hint that tells the author how to write it."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


class Text(BaseConfigOption[str]):
    """One line of plain text (a label, a heading, a link text): no HTML, Markdown links or braces."""

    def __init__(self, default: str | None = None) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str):
            raise Invalid(f"should be text, not {type_name(value)}", "write plain text on one line")
        if NOT_ONE_LINE.search(value):
            raise Invalid("contains a line break or control character", "write it on one line")
        if found := find_unsafe(value) or find_brace(value):
            raise Invalid(f"contains {found}", "this is plain text: no HTML, no Markdown links or attribute lists")
        return value


class PlaceInDocs(BaseConfigOption[str]):
    """A folder or file under docs/, like 'faq' or 'glossary.md'."""

    def __init__(self, default: str | None = None, suffix: str = "") -> None:
        super().__init__()
        self.default, self.suffix = default, suffix

    def run_validation(self, value: object) -> str:
        example = self.default or "search/synonyms.yml"
        if not isinstance(value, str):
            raise Invalid(f"should be text, not {type_name(value)}", f"a path inside docs/, like '{example}'")
        if not is_inside_docs(value):
            raise Invalid(f"'{value}' is not a path inside docs/", f"a path inside docs/, like '{example}'")
        if self.suffix and not value.endswith(self.suffix):
            raise Invalid(f"'{value}' is not a Markdown page", f"end it in '{self.suffix}'")
        return value


class Weight(BaseConfigOption[float]):
    """A number above 0."""

    def run_validation(self, value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < float("inf"):
            raise Invalid(f"'{value}' is not a number above 0", "write a number such as 0.5 or 3")
        return float(value)


class Key(BaseConfigOption[str]):
    """A field name of content: lower-case letters, digits and '_', starting with a letter."""

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not re.fullmatch(r"[a-z][a-z0-9_]{0,39}", value):
            raise Invalid(f"'{value}' is not a field name", "lower-case letters, digits and '_', like 'what_helps'")
        if value in FIXED_FIELDS or value.replace("_", "-") in FIXED_ANCHORS:
            raise Invalid(f"'{value}' is a field every scenario already has", "pick another name")
        return value


class Choice(BaseConfigOption[str]):
    def __init__(self, choices: tuple[str, ...], default: str) -> None:
        super().__init__()
        self.choices, self.default = choices, default

    def run_validation(self, value: object) -> str:
        if value not in self.choices:
            raise Invalid(
                f"'{value}' is not one of {', '.join(self.choices)}", f"write one of {', '.join(self.choices)}"
            )
        return str(value)


class Flag(BaseConfigOption[bool]):
    def __init__(self, default: bool) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> bool:
        if not isinstance(value, bool):
            raise Invalid(f"should be true or false, not {type_name(value)}", "write true or false")
        return value


class WebAddress(Text):
    """An https:// or http:// address."""

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value)
        if not re.fullmatch(r"https?://[^\s\"'<>]+", value):
            raise Invalid(f"'{value}' is not a web address", "write a full address starting with https://")
        return value


class Raw(BaseConfigOption[Any]):
    """A value another module of the engine checks in full (the notices, in kb.notices)."""

    def __init__(self, default: object) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> Any:
        return value


class Labels(Config):
    """Every heading and lead-in the generated pages use; a site overrides any of them."""

    faq_index_title = Text("Questions and answers")
    faq_index_intro = Text("Short answers to the questions people ask. Each one starts with the answer.")
    scenario_index_title = Text("Situations")
    scenario_index_intro = Text("Find the situation closest to yours.")
    glossary_title = Text("Glossary")
    glossary_intro = Text("Words used on this site, in plain English.")
    glossary_aliases = Text("Also written as:")
    short_answer = Text("Short answer")
    rests_on = Text("Why:")
    related_scenarios = Text("Situations like this:")
    related_faqs = Text("Related questions")
    principles = Text("Why this works")
    care_note = Text("Please take care")
    cited_by_faqs = Text("Questions this answers")
    cited_by_scenarios = Text("Situations where this applies")


class SectionOptions(Config):
    """One section of a situation page."""

    key = Key()
    label = Text()
    kind = Choice(KINDS, "text")
    required = Flag(False)


DEFAULT_SECTION_SETTINGS = [
    {"key": s.key, "label": s.label, "kind": s.kind, "required": s.required} for s in DEFAULT_SECTIONS
]


class KbOptions(Config):
    """``extra.kb``: where content lives, the labels, the situation sections and the notices."""

    principles_dir = PlaceInDocs("principles")
    faq_dir = PlaceInDocs("faq")
    scenarios_dir = PlaceInDocs("scenarios")
    glossary_page = PlaceInDocs("glossary.md", suffix=".md")
    labels = c.SubConfig(Labels)
    sections = c.ListOfItems(c.SubConfig(SectionOptions), default=DEFAULT_SECTION_SETTINGS)
    notices = Raw({})


class HelpOptions(Config):
    """``extra.help``: the help bar above every page (its numbers come from the help lines)."""

    lead = Text("Need help right now?")
    link = PlaceInDocs("get-help.md", suffix=".md")
    link_text = Text("Get help now")
    bar_groups: c.DictOfItems[str] = c.DictOfItems(Text(), default={"emergency": "Emergency", "crisis": "Crisis lines"})
    exit_url = WebAddress("https://www.bbc.com/weather")
    exit_text = Text("Leave this site")


class SearchTuningOptions(Config):
    """``extra.search_tuning``: synonyms file, field weights and location weights (README 'Search quality')."""

    synonyms: c.Optional[str] = c.Optional(PlaceInDocs())
    fields: c.DictOfItems[float] = c.DictOfItems(Weight(), default={})
    weights: c.DictOfItems[float] = c.DictOfItems(Weight(), default={})


_MISSING = object()


def read(options: type[Config], raw: object, where: str, config_file: str) -> tuple[dict[str, Any], list[Problem]]:
    """``raw`` checked against ``options``: the values with defaults filled in, and every problem.

    A key left out takes its default; a key written but empty is a problem, like any wrong type.
    """
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        return {}, [_problem(config_file, where, f"should be a mapping, not {type_name(raw)}", _HINT)]
    schema = dict(options._schema)
    problems = [
        _problem(
            config_file, f"{where}.{key}", f"unknown setting '{key}'", f"known settings: {', '.join(sorted(schema))}"
        )
        for key in raw
        if key not in schema
    ]
    values: dict[str, Any] = {}
    for key, option in schema.items():
        values[key], found = _read_one(option, raw.get(key, _MISSING), f"{where}.{key}", config_file)
        problems += found
    return values, problems


def _read_one(option: BaseConfigOption[Any], value: object, where: str, config_file: str) -> tuple[Any, list[Problem]]:
    if isinstance(option, c.SubConfig):
        return read(option.config_class, None if value is _MISSING else value, where, config_file)
    if value is _MISSING:
        value = option.default
        if value is None and not isinstance(option, c.Optional):
            return None, [_problem(config_file, where, "missing setting", "add it; see README and CONTRIBUTING.md")]
    if isinstance(option, c.Optional):
        return (None, []) if value is None else _read_one(option.option, value, where, config_file)
    if isinstance(option, (c.ListOfItems, c.DictOfItems)):
        return _read_items(option, value, where, config_file)
    try:
        return option.validate(value), []
    except Invalid as error:
        return None, [_problem(config_file, where, str(error), error.hint)]


def _read_items(
    option: c.ListOfItems[Any] | c.DictOfItems[Any], value: object, where: str, config_file: str
) -> tuple[Any, list[Problem]]:
    is_list = isinstance(option, c.ListOfItems)
    if not isinstance(value, list if is_list else Mapping):
        form = "a list" if is_list else "a mapping"
        hint = "write one '- ' item a line" if is_list else "write 'name: value' lines"
        return ([] if is_list else {}), [
            _problem(config_file, where, f"should be {form}, not {type_name(value)}", hint)
        ]
    items = enumerate(value) if isinstance(value, list) else value.items()
    read_items, problems = {}, []
    for name, item in items:
        read_items[name], found = _read_one(option.option_type, item, f"{where}.{name}", config_file)
        problems += found
    return (list(read_items.values()) if is_list else {str(k): v for k, v in read_items.items()}), problems


_HINT = "compare with the settings in the README and CONTRIBUTING.md"


def _problem(config_file: str, where: str, message: str, hint: str) -> Problem:
    return Problem(config_file, message, hint, field=where)
