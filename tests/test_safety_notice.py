"""The safety check before advice to go silent: on every page and entry that gives it, once, from one setting."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import yaml

from kb import Settings, build_site
from kb.model import Content
from kb.searchtune.lazy import full_index

from .conftest import ROOT

DOCS = ROOT / "docs"
NOTICE_ID = "safety-check"
# Advice to stop contact, written the ways this site says it. Judged on the advice itself,
# not on what the page says about the ex.
SILENCE = re.compile(
    r"\bno contact\b|\bgo(ing)? (quiet|silent)\b|\bsilence\b|\bsend nothing\b|\bstop (replying|responding)\b"
    r"|\b(do not|don't|not) (reply|answer|respond)\b|\b(do not|don't) (have|need) to (reply|answer|respond)\b"
    r"|\bexplain nothing\b|\bowe\b.{0,30}\bexplanation\b|\bwithout a message\b|\bnothing more\b",
    re.IGNORECASE,
)
LINK = re.compile(r"\[[^\]]*\]\([^)]*\)")  # a link's text names another page; it is not advice
SAFETY_TAG = "safety"  # the safety pages themselves: the notice points to them


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings.from_file(ROOT / "mkdocs.yml")


@pytest.fixture(scope="module")
def content(settings: Settings) -> Content:
    return build_site(DOCS, settings).content


@pytest.fixture(scope="module")
def text(settings: Settings) -> str:
    """The notice as it appears in HTML."""
    notice = next(n for n in settings.notices if n.id == NOTICE_ID)
    return html.escape(notice.text, quote=False)


def advises(text: str) -> bool:
    return bool(SILENCE.search(LINK.sub("", text)))


def advising_silence(content: Content) -> dict[str, tuple[str, str]]:
    """Each page or entry that advises silence: name -> (built page, anchor or '')."""
    found: dict[str, tuple[str, str]] = {}
    for faq in content.faqs:
        if SAFETY_TAG not in faq.tags and advises(f"{faq.short_answer}\n{faq.answer}"):
            found[f"faq {faq.id}"] = (f"faq/{faq.topic}/index.html", faq.id)
    for s in content.scenarios:
        if SAFETY_TAG not in s.tags and advises("\n".join(s.section_texts("do", "avoid", "if_you_must_reply"))):
            found[f"scenario {s.id}"] = (f"scenarios/{s.id}/index.html", "")
    for p in content.principles.values():
        page = (DOCS / p.src).read_text()
        meta = yaml.safe_load(page.split("---\n")[1])
        if SAFETY_TAG not in meta.get("tags", []) and advises(page.split("---\n", 2)[2]):
            found[f"principle {p.id}"] = (f"{p.src.removesuffix('.md')}/index.html", "")
    return found


def section(page: str, anchor: str) -> str:
    """The article of a built page, or one question of it (its heading up to the next one)."""
    article = page[page.index("<article") : page.index("</article>")]
    if not anchor:
        return article
    start = article.index(f'<h2 id="{anchor}"')
    end = article.find("<h2 ", start + 1)
    return article[start : end if end > 0 else len(article)]


def test_silence_is_advised_in_many_places(content: Content) -> None:
    # Guards the detector: if it stops matching, the next test proves nothing.
    found = advising_silence(content)
    assert len(found) >= 30
    assert {"faq tell-ex-about-no-contact", "principle how-no-contact-works", "scenario broke-no-contact"} <= set(found)


def test_every_page_and_entry_advising_silence_shows_the_safety_check_once(
    built_site: Path, content: Content, text: str
) -> None:
    counts = {
        name: section((built_site / page).read_text(), anchor).count(text)
        for name, (page, anchor) in advising_silence(content).items()
    }
    assert {name: n for name, n in counts.items() if n != 1} == {}, (
        "add 'notices: [safety-check]' to these entries (see CONTRIBUTING.md, 'Notices before advice')"
    )


def test_the_safety_check_comes_from_the_one_setting(built_site: Path, text: str) -> None:
    sources = [p for p in DOCS.rglob("*") if p.suffix in {".md", ".yml"} and text[:60] in html.unescape(p.read_text())]
    assert sources == [], "the notice text is written once, in mkdocs.yml"
    shown = placed = 0
    for page in built_site.rglob("*.html"):
        body = page.read_text()
        shown += body.count(text)
        placed += len(
            re.findall(
                r'<div class="admonition warning kb-notice">\s*<p data-search-exclude[^>]*>' + re.escape(text), body
            )
        )
        if text in body:
            assert 'href="' in body and "safety-first/" in body, page
    assert shown == placed > 30


def test_the_safety_check_stays_out_of_search(built_site: Path, text: str) -> None:
    index = json.loads(full_index(built_site).read_text())
    assert not any(text[:40] in doc["text"] for doc in index["docs"])
