"""The real Unsent site, built once with --strict, checked against its own content."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kb import Settings, build_site
from kb.htmlguard.document import VOID
from kb.searchtune.lazy import full_index
from kb.tooltips import NO_TOOLTIP

from .conftest import ROOT
from .page_parts import article, head, primary_nav


@pytest.fixture(scope="module")
def kb_site():
    return build_site(ROOT / "docs", Settings.from_file(ROOT / "mkdocs.yml"))


def html(site: Path, src: str) -> str:
    path = src.removesuffix(".md").removesuffix("index")
    return (site / path / "index.html").read_text()


def own(site: Path, src: str) -> str:
    """The page's own article: the sidebar links every page, so a check on the whole page proves nothing."""
    return article(html(site, src))


def test_every_faq_has_an_anchor_on_its_topic_page(built_site: Path, kb_site) -> None:
    for faq in kb_site.content.faqs:
        page = own(built_site, f"faq/{faq.topic}.md")
        assert f'<h2 id="{faq.id}">' in page, faq.id


def test_faq_index_links_every_topic_and_question(built_site: Path, kb_site) -> None:
    index = own(built_site, "faq/index.md")
    for topic in kb_site.content.topics:
        assert f'href="../{topic.id}/"' in index or f'href="{topic.id}/"' in index
    for faq in kb_site.content.faqs:
        assert f'{faq.topic}/#{faq.id}"' in index


def test_every_scenario_has_a_page_and_an_index_entry(built_site: Path, kb_site) -> None:
    index = own(built_site, "scenarios/index.md")
    for scenario in kb_site.content.scenarios:
        page = own(built_site, f"scenarios/{scenario.id}.md")
        assert 'id="do"' in page and 'id="avoid"' in page
        assert ('id="their-side"' in page) == bool(scenario.section("their_side")), scenario.id
        assert f'href="{scenario.id}/"' in index


def test_principle_pages_carry_backlinks(built_site: Path, kb_site) -> None:
    for principle in kb_site.content.principles.values():
        page = own(built_site, principle.src)
        for faq in kb_site.graph.faqs_citing.get(principle.id, ()):
            assert f'faq/{faq.topic}/#{faq.id}"' in page, (principle.id, faq.id)
        for scenario in kb_site.graph.scenarios_citing.get(principle.id, ()):
            assert f'scenarios/{scenario.id}/"' in page, (principle.id, scenario.id)


def test_generated_pages_are_in_the_nav(built_site: Path, kb_site) -> None:
    nav = primary_nav(html(built_site, "index.md"))
    for topic in kb_site.content.topics:
        assert f'href="faq/{topic.id}/"' in nav
    # Situations are too many for every sidebar (hooks/kb/adapters/sidebar.py): the index lists them, each page itself.
    assert 'href="scenarios/"' in nav
    index = own(built_site, "scenarios/index.md")
    for scenario in kb_site.content.scenarios:
        assert f'href="{scenario.id}/"' in index
        assert 'href="./" class="md-nav__link md-nav__link--active"' in primary_nav(
            html(built_site, f"scenarios/{scenario.id}.md")
        )


def test_search_index_has_every_question_and_scenario(built_site: Path, kb_site) -> None:
    docs = json.loads(full_index(built_site).read_text())["docs"]
    locations = {doc["location"] for doc in docs}
    missing = [f"faq/{f.topic}/#{f.id}" for f in kb_site.content.faqs if f"faq/{f.topic}/#{f.id}" not in locations]
    missing += [f"scenarios/{s.id}/" for s in kb_site.content.scenarios if f"scenarios/{s.id}/" not in locations]
    assert missing == []


def test_help_link_on_every_page(built_site: Path) -> None:
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 20
    without = [p for p in pages if "get-help/" not in p.read_text() or "988" not in p.read_text()]
    assert without == []


def test_structured_sources_are_not_published(built_site: Path) -> None:
    assert not list(built_site.rglob("*.yml")) and not list(built_site.rglob("*.yaml"))


def test_no_external_font_or_generator_link(built_site: Path) -> None:
    home = html(built_site, "index.md")
    assert "fonts.googleapis.com" not in home and "fonts.gstatic.com" not in home
    assert "squidfunk.github.io" not in home


def test_every_page_has_a_description_and_sharing_tags(built_site: Path) -> None:
    site_wide = "Calm, plain advice for the moment after a breakup"
    for path in built_site.rglob("*.html"):
        page = path.read_text()
        assert 'property="og:title"' in page and 'property="og:description"' in page, path
        if path.name == "index.html" and path.parent != built_site and path.parent.name != "tags":
            description = re.search(r'<meta name="description" content="([^"]*)"', page)
            assert description and site_wide not in description.group(1), path


def test_faq_pages_carry_valid_faqpage_data(built_site: Path, kb_site) -> None:
    for topic in kb_site.content.topics:
        page = html(built_site, f"faq/{topic.id}.md")
        (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', head(page), re.S)
        data = json.loads(block)
        assert data["@type"] == "FAQPage"
        names = [q["name"] for q in data["mainEntity"]]
        assert names == [f.question for f in kb_site.content.faqs if f.topic == topic.id]


def test_robots_points_at_the_sitemap(built_site: Path, site_url: str) -> None:
    robots = (built_site / "robots.txt").read_text()
    assert f"Sitemap: {site_url}sitemap.xml" in robots
    assert (built_site / "sitemap.xml").exists()


def test_404_page_offers_search_and_help(built_site: Path) -> None:
    page = (built_site / "404.html").read_text()
    assert 'name="q"' in page and "get-help/" in page


class _Tooltips(HTMLParser):
    """Each glossary tooltip (<abbr title>) on a page, with the tags it sits inside."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.found: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "abbr":
            self.found.append((dict(attrs).get("title") or "", list(self.open)))
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]


def test_glossary_tooltips_once_per_term_and_never_in_links_or_headings(built_site: Path) -> None:
    wrong, total = [], 0
    for path in sorted(built_site.rglob("*.html")):
        parser = _Tooltips()
        parser.feed(path.read_text(encoding="utf-8"))
        titles = [title for title, _ in parser.found]
        total += len(titles)
        page = path.relative_to(built_site)
        wrong += [f"{page}: '{t[:30]}' twice" for t in dict.fromkeys(titles) if titles.count(t) > 1]
        wrong += [f"{page}: '{t[:30]}' in <{o}>" for t, open_ in parser.found for o in open_ if o in NO_TOOLTIP]
    assert not wrong, wrong
    assert total > 30, "the glossary tooltips are gone"
