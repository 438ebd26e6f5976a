"""The sidebar stays small as sections grow, and situations keep one order everywhere."""

import re
from pathlib import Path

import sidebar
import yaml

from .conftest import ROOT

NAV = re.compile(r'<nav class="md-nav md-nav--primary".*?</ul>\s*</nav>\s*</div>', re.S)
SITUATION = re.compile(r'href="(?:\.\./)*scenarios/([a-z0-9-]+)/"')
NEXT = re.compile(r'href="\.\./([a-z0-9-]+)/" class="md-footer__link md-footer__link--next"')


def sidebar_of(page: Path) -> str:
    match = NAV.search(page.read_text())
    assert match, page
    return match.group(0)


def situations(site: Path) -> list[str]:
    article = (site / "scenarios/index.html").read_text().split('<article class="md-content__inner', 1)[1]
    return SITUATION.findall(article.split("</article>", 1)[0])


def test_a_large_section_shows_its_index_and_the_page_being_read(built_site: Path) -> None:
    listed = situations(built_site)
    assert len(listed) > sidebar.LIMIT
    for slug in listed:
        shown = sidebar_of(built_site / "scenarios" / slug / "index.html")
        assert SITUATION.findall(shown) == [slug], slug
        assert 'href="../"' in shown  # the index, which lists them all
    for page in ("index.html", "faq/index.html", "404.html"):
        assert SITUATION.findall(sidebar_of(built_site / page)) == [], page


def test_situations_share_one_order_a_to_z_by_title(built_site: Path) -> None:
    listed = situations(built_site)
    files = sorted((ROOT / "docs/scenarios").glob("*.yml"))
    entries = [entry for path in files for entry in yaml.safe_load(path.read_text())["scenarios"]]
    titles = {s["id"]: s["title"] for s in entries}
    assert listed == sorted(titles, key=lambda slug: titles[slug].lower())
    following = [NEXT.search((built_site / "scenarios" / slug / "index.html").read_text()) for slug in listed[:-1]]
    assert [match.group(1) if match else None for match in following] == listed[1:]
