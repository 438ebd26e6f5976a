"""Model in, Markdown out. Page shapes live in templates/; this module only feeds them."""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from kb.links import Graph
from kb.model import Content, Faq, Principle, Scenario, Term
from kb.notices import Notice, notices_for
from kb.outputs import entry_page, index_page
from kb.settings import Settings

TEMPLATES = Path(__file__).parent / "templates"
# Theme templates the adapter puts in front of the site generator's theme: the help bar, sharing previews, JSON-LD.
THEME = Path(__file__).parent / "theme"
# The engine's scripts and stylesheets: every file of ASSETS is published under assets/. The
# look of the generated parts (kb.css) and of the tools, in that order, comes ahead of the
# site's own stylesheets; the scripts come first in extra_javascript, storage.js before the tools
# that use it and letters.js before the checker, which keeps drafts as letters.
ASSETS = Path(__file__).parent / "assets"
STYLESHEETS = ("assets/kb.css", "assets/tools.css")
SCRIPTS = (
    "assets/quick-exit.js",
    "assets/storage.js",
    "assets/letters.js",
    "assets/checker.js",
    "assets/counter.js",
    "assets/wait.js",
)


def render_pages(content: Content, graph: Graph, settings: Settings) -> dict[str, str]:
    """Every generated page, keyed by its path under docs/."""
    faq_dir, scenario_dir = settings.faq_dir, settings.scenarios_dir
    pages: dict[str, str] = {}
    if content.faqs:
        index = index_page(faq_dir)
        pages[index] = _render("faq_index.md.j2", index, settings, content=content, faq_dir=faq_dir)
        for topic in content.topics:
            path = entry_page(faq_dir, topic.id)
            faqs = [faq for faq in content.faqs if faq.topic == topic.id]
            pages[path] = _render(
                "faq_topic.md.j2",
                path,
                settings,
                topic=topic,
                faqs=faqs,
                content=content,
                graph=graph,
                tags=_tags(faqs),
                scenario_dir=scenario_dir,
                structured_data=_faq_page_data(faqs),
                notices_for=_notices_of(settings),
            )
    if content.scenarios:
        # One order everywhere, A to Z by title: the index, and the section's pages (so the
        # sidebar and the previous and next links), whatever the files are called.
        by_title = _by_title(content)
        index = index_page(scenario_dir)
        pages[index] = _render("scenario_index.md.j2", index, settings, scenarios=by_title, scenario_dir=scenario_dir)
        for scenario in by_title:
            path = entry_page(scenario_dir, scenario.id)
            pages[path] = _render(
                "scenario.md.j2",
                path,
                settings,
                s=scenario,
                content=content,
                graph=graph,
                faq_dir=faq_dir,
                sections=settings.sections,
                tags=sorted(scenario.tags),
                notices_for=_notices_of(settings),
            )
    if content.terms:
        pages[settings.glossary_page] = _render(
            "glossary.md.j2",
            settings.glossary_page,
            settings,
            terms=sorted(content.terms, key=lambda t: t.term.lower()),
        )
    return pages


def render_backlinks(principle: Principle, graph: Graph, settings: Settings) -> str:
    """The list of FAQs and scenarios that cite a principle, to append to its page."""
    return _render(
        "backlinks.md.j2",
        principle.src,
        settings,
        faqs=graph.faqs_citing.get(principle.id, ()),
        scenarios=graph.scenarios_citing.get(principle.id, ()),
        faq_dir=settings.faq_dir,
        scenario_dir=settings.scenarios_dir,
    )


def render_notices(principle: Principle, settings: Settings) -> str:
    """The notices that go before the text of a principle's page ('' if none applies)."""
    return "".join(
        _render("notice.md.j2", principle.src, settings, notice=notice)
        for notice in notices_for(principle, settings.notices)
    )


def render_abbreviations(terms: Iterable[Term]) -> str:
    """Abbreviation definitions (pymdownx abbr syntax) so each term gets a tooltip.

    Material's tooltips insert the title as HTML after the browser has decoded its entities
    once, so every '&' is encoded once more: an entity in a definition shows as itself.
    """
    lines = []
    for term in terms:
        definition = term.definition.replace("&", "&amp;").replace("<", "&lt;")
        for word in _spellings(term):
            lines.append(f"*[{word}]: {definition}")
    return "\n".join(lines)


def anchor(text: str) -> str:
    """A stable anchor for a glossary term."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _faq_page_data(faqs: list[Faq]) -> dict[str, object]:
    """schema.org FAQPage data for a topic page: each question with its short answer."""
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {"@type": "Question", "name": f.question, "acceptedAnswer": {"@type": "Answer", "text": f.short_answer}}
            for f in faqs
        ],
    }


def _spellings(term: Term) -> list[str]:
    words = [term.term, *term.aliases]
    # Mid-sentence use is usually lower case ("the glossary term"), unless it is an abbreviation.
    words += [w.lower() for w in words if not w.isupper() and w.lower() != w]
    return list(dict.fromkeys(words))


def _notices_of(settings: Settings) -> Callable[[Faq | Scenario], tuple[Notice, ...]]:
    return lambda item: notices_for(item, settings.notices)


def _by_title(content: Content) -> list[Scenario]:
    return sorted(content.scenarios, key=lambda s: s.title.lower())


def _tags(items: Iterable[Faq | Scenario]) -> list[str]:
    return sorted({tag for item in items for tag in item.tags})


def _render(template: str, page: str, settings: Settings, **context: object) -> str:
    def link(target: str) -> str:
        path, _, fragment = target.partition("#")
        rel = posixpath.relpath(path, posixpath.dirname(page) or ".")
        return f"{rel}#{fragment}" if fragment else rel

    return _environment().get_template(template).render(labels=settings.labels, link=link, **context)


def new_environment(autoescape: bool) -> Environment:
    """A Jinja environment over templates/, strict about undefined names."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
        autoescape=autoescape,
    )


@cache
def _environment() -> Environment:
    env = new_environment(autoescape=False)  # the output is Markdown; plain-text fields go through |plain instead
    env.filters["plain"] = _plain
    env.filters["yaml"] = _yaml
    env.filters["quote"] = _quote
    env.filters["anchor"] = anchor
    return env


def _plain(text: str) -> str:
    """Plain text for Markdown: angle brackets become entities so nothing turns into markup."""
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _yaml(value: object) -> str:
    # JSON is valid YAML and quotes every special character.
    return json.dumps(value, ensure_ascii=False)


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in _plain(text).splitlines())
