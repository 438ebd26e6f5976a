"""The sidebar stays small as sections grow, and situations keep one order everywhere."""

import posixpath
import re
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, get_navigation

from kb.adapters import sidebar

from .conftest import ROOT
from .page_parts import article, primary_nav

HREF = re.compile(r'href="([^"#:]*)"')
NEXT = re.compile(r'href="([^"]*)" class="md-footer__link md-footer__link--next"')


def targets(html: str, page: str) -> list[str]:
    """Site paths that ``html``, found on the page at ``page`` (like 'scenarios/x/'), links to."""
    return [posixpath.normpath(posixpath.join(page, href)) + "/" for href in HREF.findall(html)]


def situations_in(html: str, page: str) -> list[str]:
    return [path for path in targets(html, page) if re.fullmatch(r"scenarios/[a-z0-9-]+/", path)]


def sidebar_of(site: Path, page: str) -> str:
    return primary_nav((site / page / "index.html").read_text())


def listed(site: Path) -> list[str]:
    """The situations on their index page, in its order."""
    return situations_in(article((site / "scenarios/index.html").read_text()), "scenarios/")


def test_a_large_section_shows_its_index_and_the_page_being_read(built_site: Path) -> None:
    pages = listed(built_site)
    assert len(pages) > sidebar.LIMIT
    for page in pages:
        shown = sidebar_of(built_site, page)
        assert situations_in(shown, page) == [page]
        assert "scenarios/" in targets(shown, page)  # the index, which lists them all
    for page in ("", "faq/", "scenarios/"):
        assert situations_in(sidebar_of(built_site, page), page) == [], page


def test_situations_share_one_order_a_to_z_by_title(built_site: Path) -> None:
    files = sorted((ROOT / "docs/scenarios").glob("*.yml"))
    titles = {
        f"scenarios/{entry['id']}/": entry["title"]
        for path in files
        for entry in yaml.safe_load(path.read_text())["scenarios"]
    }
    pages = listed(built_site)
    assert pages == sorted(titles, key=lambda page: titles[page].lower())
    following = []
    for page in pages[:-1]:
        match = NEXT.search((built_site / page / "index.html").read_text())
        following.append(targets(f'href="{match.group(1)}"', page)[0] if match else None)
    assert following == pages[1:]


def test_the_link_to_the_page_being_read_is_marked_for_screen_readers(built_site: Path) -> None:
    for page in ("", "faq/", "scenarios/", f"{listed(built_site)[0]}", "tools/checker/"):
        current = re.findall(r'<a href="([^"]*)" class="([^"]*)" aria-current="page"', sidebar_of(built_site, page))
        assert len(current) == 1, page
        href, classes = current[0]
        assert "md-nav__link--active" in classes.split(), page
        assert targets(f'href="{href}"', page) == [page or "./"], page


def _nav(folder: Path, pages: int) -> tuple[MkDocsConfig, Navigation]:
    """A site whose 'Big' section (an index and ``pages`` pages) sits inside a small 'Outer' one."""
    big = ["big/index.md", *(f"big/p{n}.md" for n in range(pages))]
    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "docs_dir": str(folder), "nav": ["home.md", {"Outer": ["a.md", {"Big": big}]}]})
    assert config.validate() == ([], [])
    files = Files([File(src, str(folder), str(folder / "site"), True) for src in ["home.md", "a.md", *big]])
    return config, get_navigation(files, config)


def _shown(config: MkDocsConfig, nav: Navigation, src: str) -> list[str]:
    """The pages listed in the trimmed 'Big' section of the sidebar of the page at ``src``."""
    page = next(p for p in nav.pages if p.file.src_uri == src)
    big = sidebar.on_page_context({}, page, config, nav)["nav"].items[1].children[1]
    return [item.file.src_uri for item in big.children] if big.children else [big.file.src_uri]


def test_each_build_finds_the_page_being_read_in_its_own_navigation(tmp_path: Path) -> None:
    # The sections each page is in are worked out once per navigation: a second build (mkdocs serve)
    # has new page objects, which must still be found.
    for pages in (sidebar.LIMIT, sidebar.LIMIT + 5):
        config, nav = _nav(tmp_path, pages)
        assert _shown(config, nav, "big/p3.md") == ["big/index.md", "big/p3.md"]
        assert _shown(config, nav, "big/index.md") == ["big/index.md"]
        assert _shown(config, nav, "a.md") == ["big/index.md"]
