"""Content quality, measured on the real content: readability, coverage, citations, tone."""

import posixpath
import re
import statistics
import warnings
from pathlib import Path

import pytest
import textstat

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
HAND_WRITTEN = ["index.md", "get-help.md", "about.md", "editorial.md"]
# Hand-written pages outside principles/ that link into the site.
OWN_PAGES = ["index.md", "about.md", "editorial.md", "tools/checker.md", "tools/counter.md"]


@pytest.fixture(scope="module")
def content() -> Content:
    return build_site(DOCS, Settings.from_file(ROOT / "mkdocs.yml")).content


def prose(markdown: str) -> str:
    """Readable text of a Markdown page: no front matter, markup, links targets or HTML."""
    text = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
    text = re.sub(r"^## Sources\n.*?(?=^## |\Z)", "", text, flags=re.S | re.M)  # citations are reference data
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
        parts = [s.title, s.situation, *s.section_texts(), s.care_note]
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
    assert len(content.faqs) >= 100
    assert len({f.topic for f in content.faqs}) >= 6
    assert len(content.scenarios) >= 28


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


# Wording classes the care review found misleading. Each is matched per sentence, so new phrasings
# of the same idea fail too, not only this site's old sentences.
HEDGE = re.compile(
    r"\b(may|might|could|can|perhaps|possibly|some|many|if|whether|nobody|no one|know|cannot|can't)\b", re.I
)
NOT_AFTER = "".join(
    f"(?<!{word} )" for word in ["to", "at", "of", "for", "from", "with", "about", "so", "how", "when", "let", "lets"]
)
EX = (  # the ex as the subject of a sentence
    rf"(^\s*they|{NOT_AFTER}(your ex|an ex|the ex|exes|the one who left"
    r"|the person who (left|leaves|ends?|ended)( (it|things|a relationship))?))"
)
VERDICTS = {  # a guess about one person's inner life, stated as fact
    "their feelings as fact": re.compile(
        EX + r",? (is |are )?(probably |likely |usually |mostly |often |most likely |just |really )?"
        r"(wants?(?! to stay friends)|needs?(?! to)|expects?|feels?(?! like)|thinks?|sees?|blames?|"
        r"remembers?|links?|dwells?|"
        r"is detached|are detached|"
        r"is focused|has moved|is not crying|tends? to (feel|want|see|link|remember|blame|keep))\b",
        re.I,
    ),
    "whether they cry": re.compile(r"\b(rarely|not|never|don't|doesn't)\s+cr(y|ies|ying)\b|\bdry-eyed\b", re.I),
    "where their attention is": re.compile(
        r"\b(their|your ex's) (attention|focus|mind)\b[^.]{0,30}\b(has moved|moved|is on|is already|has turned)\b", re.I
    ),
    "the four needs": re.compile(r"\bfour (things|needs)\b", re.I),
    "tears as guilt": re.compile(r"\b(tears|crying|cried|cry)\b[^.]{0,60}\bguilt", re.I),
    "guilt as the cause of distance": re.compile(
        r"\bguilt\b[^.]{0,50}\b(pull|push|drive|step|run|move|keep)s?\b[^.]{0,25}\b(away|off|further|distance)\b"
        r"|\b(avoid|escape|dodge|run from|step away from|pull away from|keeps?)\b[^.]{0,40}\bguilt\b",
        re.I,
    ),
}
LEVERS = {  # the reader's silence or life framed as a way to move the ex
    "silence as a message": re.compile(
        r"\b(silence|absence|quiet|distance)\b (says|speaks|shows|tells|sends|proves|signals|comes across)\b"
        r"|\blet (your )?(silence|absence|quiet) (speak|say|show)|\b(says|speaks) (more|louder) than\b",
        re.I,
    ),
    "quiet strength": re.compile(r"\bquiet strength\b", re.I),
    "contrast": re.compile(r"\bcontrast\b", re.I),
    "fear of losing you": re.compile(r"\bfear (of )?losing you\b", re.I),
    "attraction": re.compile(r"\battract(ion|ive|s|ed)?\b", re.I),
    "value you again": re.compile(r"\bvalue (you|an ex|their ex|someone) again\b", re.I),
    "silence credited with recovery": re.compile(
        r"\bstrict (silence|no contact)\b|\b(silence|no contact)\b[^.]{0,80}\b(carr(y|ied)|found their feet)\b", re.I
    ),
}
MAKE_THEM = re.compile(
    r"\b(make|makes|making|get|gets)\s+(them|your ex|an ex)\s+(miss|want|value|regret|notice)\b", re.I
)
TONE = {
    "doubting the reader's worth": re.compile(
        r"\byou (may|might|probably) (matter|count|be worth)\b|\bin a way,? you are\b"
        r"|\bdignity (in one piece|intact)\b",
        re.I,
    ),
    "judging the ex's maturity": re.compile(r"\b(im)?matur(e|ity)\b", re.I),
    "one spelling of giveaways": re.compile(r"\bgive-aways?\b", re.I),
}


def misleading(text: str) -> list[str]:
    """The classes of misleading wording in ``text``, one line per sentence that has one."""
    found = []
    for sentence in sentences(text):
        classes = [
            name for name, pattern in VERDICTS.items() if pattern.search(sentence) and not HEDGE.search(sentence)
        ]
        classes += [name for name, pattern in (LEVERS | TONE).items() if pattern.search(sentence)]
        if MAKE_THEM.search(sentence) and not NEGATION.search(sentence):
            classes.append("making them feel something")
        found += [f"{', '.join(classes)}: {sentence.strip()}"] if classes else []
    return found


def test_claims_are_possibilities_and_silence_is_no_lever(content: Content) -> None:
    found = {name: hits for name, text in texts(content).items() if (hits := misleading(text))}
    assert found == {}


LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)\)")
FRONT_TITLE = re.compile(r"\A---\n.*?^title: *\"?(.+?)\"?\s*$.*?^---\n", re.S | re.M)


def page_titles(site_pages: dict[str, str]) -> dict[str, str]:
    """The title a reader sees on every page, by path under docs/ (hand-written and generated)."""
    pages = {str(p.relative_to(DOCS)): p.read_text() for p in DOCS.rglob("*.md")} | site_pages
    titles = {}
    for path, markdown in pages.items():
        if match := FRONT_TITLE.match(markdown) or re.search(r"^# (.+)$", markdown, re.M):
            titles[path] = match.group(1)
    return titles


def linking_units(content: Content) -> dict[str, tuple[str, str]]:
    """Every piece of hand-written Markdown, by name: (the page it appears on, its text)."""
    units = {
        str(p.relative_to(DOCS)): (str(p.relative_to(DOCS)), p.read_text()) for p in (DOCS / "principles").rglob("*.md")
    }
    units |= {name: (name, (DOCS / name).read_text()) for name in OWN_PAGES}
    for faq in content.faqs:
        units[f"faq {faq.id}"] = (f"faq/{faq.topic}.md", faq.answer)
    for s in content.scenarios:
        units[f"scenario {s.id}"] = (f"scenarios/{s.id}.md", "\n".join(s.section_texts("their_side", "do", "avoid")))
    return units


def normal(title: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", title.lower().replace("\u2019", "'").replace("'", ""))


def test_link_texts_match_the_titles_they_point_to(content: Content) -> None:
    """A reader who taps "[X]" lands on a page headed X (a question's link text is the question)."""
    titles = page_titles(build_site(DOCS, Settings.from_file(ROOT / "mkdocs.yml")).pages)
    questions = {(f"faq/{f.topic}.md", f.id): f.question for f in content.faqs}
    wrong = []
    for name, (page, markdown) in linking_units(content).items():
        for text, href in LINK.findall(markdown):
            if "://" in href or href.startswith(("#", "mailto:", "tel:")):
                continue
            path, _, anchor = href.partition("#")
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
            title = questions.get((target, anchor)) or titles.get(target)
            if title is None or normal(text) != normal(title):
                wrong.append(f"{name}: [{text}]({href}) -> {title!r}")
    assert wrong == []


def test_no_formula_repeats_across_many_pages(content: Content) -> None:
    """A sentence of six or more words of its own appears in at most three places.

    Link texts do not count as its own words: "See [a title]." is a cross-reference, not a formula.
    Help-line numbers are data, not prose.
    """
    places: dict[str, set[str]] = {}
    for name, (_, markdown) in linking_units(content).items():
        for sentence in sentences(prose(LINK.sub(" ", markdown))):
            words = re.sub(r"[^a-z0-9 ]", " ", sentence.lower()).split()
            if len(words) >= 6 and not any(word.isdigit() for word in words):
                places.setdefault(" ".join(words), set()).add(name)
    assert {sentence: sorted(names) for sentence, names in places.items() if len(names) > 3} == {}


def test_every_principle_page_ends_with_its_sources(content: Content) -> None:
    """The hand-written part of each principle page closes with a Sources list of linked references."""
    missing = []
    for principle in content.principles.values():
        name = f"docs/{principle.src}"
        tail = (ROOT / name).read_text().rpartition("\n## ")[2]
        if not tail.startswith("Sources\n") or not re.search(r"^- .*\[[^\]]+\]\(https?://", tail, re.M):
            missing.append(name)
    assert missing == []


def test_editorial_page_is_dated_and_in_the_nav() -> None:
    page = (DOCS / "editorial.md").read_text()
    assert re.search(r"\*\*Last reviewed:\*\* \d{1,2} [A-Z][a-z]+ 20\d\d", page)
    assert "editorial.md" in (ROOT / "mkdocs.yml").read_text()
    assert len(re.findall(r"^- .*\]\(https?://", page, re.M)) >= 10
