"""The site's own stylesheets reach a page as one file: the extra_css sources, in order."""

import re
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from kb.adapters import one_stylesheet
from kb.render import ASSETS, STYLESHEETS

ROOT = Path(__file__).resolve().parent.parent
THEME_CSS = "assets/stylesheets/"  # Material's own two stylesheets


def config(tmp_path: Path, *css: str) -> MkDocsConfig:
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text(f"site_name: t\nextra_css: {list(css)}\n")
    loaded = load_config(str(tmp_path / "mkdocs.yml"))
    loaded.plugins._current_plugin = "test"  # as while MkDocs runs an event; File.generated reads it
    return loaded


def test_sources_are_joined_in_the_listed_order_and_only_the_bundle_is_published(tmp_path: Path) -> None:
    settings = config(tmp_path, "b.css", "gen/a.css")
    (tmp_path / "docs" / "b.css").write_text("p { color: red; }\n")
    files = Files([File("b.css", settings.docs_dir, settings.site_dir, True)])
    files.append(File.generated(settings, "gen/a.css", content="a { color: blue; }"))  # another hook's
    one_stylesheet.on_files(files, settings)
    [name] = settings.extra_css
    assert re.fullmatch(r"assets/unsent\.[0-9a-f]{8}\.css", name)
    assert [file.src_uri for file in files] == [name]
    assert files.get_file_from_path(name).content_string == (
        "/* b.css */\np { color: red; }\n/* gen/a.css */\na { color: blue; }\n"
    )


def test_a_listed_file_that_does_not_exist_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(PluginError, match=r"^mkdocs.yml: extra_css: 'gone.css' is not a file of the site \(hint"):
        one_stylesheet.on_files(Files([]), config(tmp_path, "gone.css"))


def test_every_built_page_links_one_stylesheet_of_ours(built_site: Path) -> None:
    """The engine's stylesheets first (kb_pages lists them), then the site's, in mkdocs.yml order."""
    listed = load_config(str(ROOT / "mkdocs.yml")).extra_css
    pages = sorted(built_site.rglob("*.html"))
    for page in pages:
        links = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page.read_text())
        ours = [link for link in links if THEME_CSS not in link]
        assert len(ours) == 1, (page, links)
    bundle = built_site / "assets" / Path(ours[0]).name
    engine = [(src, (ASSETS / src.removeprefix("assets/")).read_text()) for src in STYLESHEETS]
    sources = engine + [(src, (ROOT / "docs" / src).read_text()) for src in listed]
    assert bundle.read_text() == one_stylesheet.bundle(sources)
    assert not any((built_site / src).exists() for src, _ in sources)
