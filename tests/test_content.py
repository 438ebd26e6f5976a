"""Content quality, measured on the real content: readability, coverage, citations, tone."""

import re
import statistics
import warnings
from pathlib import Path

import pytest
import textstat
import yaml

from kb import Settings, build_site
from kb.model import Content

from .conftest import ROOT

DOCS = ROOT / "docs"
BRIEF_IDS = (
    [f"A{n}" for n in range(1, 14)]
    + [f"B{n}" for n in range(1, 9)]
    + [f"C{n}" for n in range(1, 10)]
    + [f"D{n}" for n in range(1, 7)]
)
GENDERED = re.compile(r"\b(he|she|him|her|his|hers|himself|herself|boyfriend|girlfriend|husband|wife)\b", re.I)
PROMISE = re.compile(
    r"\b(will|'ll|going to)\s+(come|get)\s+back\b|\bwin (them|your ex) back\b|\bget (them|your ex) back\b|guarantee",
    re.I,
)
NEGATION = re.compile(r"\b(no|not|never|nobody|no one|can't|cannot|won't|don't|isn't|doesn't|nothing|neither)\b", re.I)
HAND_WRITTEN = ["index.md", "get-help.md", "about.md"]


@pytest.fixture(scope="module")
def content() -> Content:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    return build_site(DOCS, Settings.from_config(config["extra"]["kb"])).content


def prose(markdown: str) -> str:
    """Readable text of a Markdown page: no front matter, markup, links targets or HTML."""
    text = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
    text = re.sub(r"^\s*\|.*$", "", text, flags=re.M)  # tables are lookup data, not prose
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\{[^}]*\}", " ", text)
    text = re.sub(r"^\s*(#+|[-*]|\d+\.|>|!!!\s*\w+|\|)", "", text, flags=re.M)
    text = re.sub(r"[*_`|]", "", text)
    return text


def texts(content: Content) -> dict[str, str]:
    """Every unit a reader reads as one piece, by name."""
    units = {str(p.relative_to(ROOT)): prose(p.read_text()) for p in (DOCS / "principles").rglob("*.md")}
    units |= {f"docs/{name}": prose((DOCS / name).read_text()) for name in HAND_WRITTEN}
    for faq in content.faqs:
        units[f"faq {faq.id}"] = " ".join([faq.question, faq.short_answer, prose(faq.answer)])
    for s in content.scenarios:
        parts = [s.title, s.situation, s.their_side, *s.do, *s.avoid, s.if_you_must_reply, s.care_note]
        units[f"scenario {s.id}"] = prose("\n\n".join(parts))
    units |= {f"term {t.term}": t.definition for t in content.terms}
    return units


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n", text) if s.strip()]


def test_reading_grade(content: Content) -> None:
    grades = {
        name: textstat.flesch_kincaid_grade(text) for name, text in texts(content).items() if len(text.split()) > 30
    }
    too_hard = {name: grade for name, grade in grades.items() if grade > 9}
    assert too_hard == {}
    assert statistics.median(grades.values()) <= 8
    for name, text in texts(content).items():
        for sentence in sentences(text):
            if len(sentence.split()) > 25:
                warnings.warn(f"{name}: long sentence ({len(sentence.split())} words): {sentence[:80]}", stacklevel=1)


def test_enough_content(content: Content) -> None:
    sections = {Path(p.src).parent for p in content.principles.values()}
    assert len(content.principles) >= 10 and len(sections) == 4
    assert len(content.faqs) >= 60
    assert len({f.topic for f in content.faqs}) >= 6
    assert len(content.scenarios) >= 15


def test_every_brief_idea_is_covered(content: Content) -> None:
    covered = {idea for p in content.principles.values() for idea in p.covers}
    assert [idea for idea in BRIEF_IDS if idea not in covered] == []


def test_every_principle_is_cited_at_least_twice(content: Content) -> None:
    citations = {pid: 0 for pid in content.principles}
    for item in (*content.faqs, *content.scenarios):
        for pid in item.principles:
            citations[pid] += 1
    assert {pid: n for pid, n in citations.items() if n < 2} == {}


def test_gender_neutral(content: Content) -> None:
    found = {name: GENDERED.findall(text) for name, text in texts(content).items()}
    assert {name: words for name, words in found.items() if words} == {}


def test_no_page_promises_reconciliation(content: Content) -> None:
    promises = [
        f"{name}: {sentence.strip()}"
        for name, text in texts(content).items()
        for sentence in sentences(text)
        if PROMISE.search(sentence) and not NEGATION.search(sentence)
    ]
    assert promises == []


def test_glossary_has_the_site_vocabulary(content: Content) -> None:
    terms = {t.term.lower() for t in content.terms} | {a.lower() for t in content.terms for a in t.aliases}
    needed = {"dumper", "dumpee", "no contact", "nc", "monkey branching", "left on read", "closure"}
    needed |= {"acceptance letter", "last message", "reconciliation"}
    assert needed - terms == set()


def test_short_answers_stand_alone(content: Content) -> None:
    """A short answer must not lean on the question ("Yes." alone, or "it" with nothing before it)."""
    leaning = [f.id for f in content.faqs if len(f.short_answer.split()) < 8]
    assert leaning == []
