"""What the installable site keeps offline, its version, and the manifest."""

import json
from pathlib import Path

from kb.webapp.manifest import kept_files, manifest, primary_colour, version, worker_script


def site(tmp_path: Path) -> Path:
    for name, text in {
        "index.html": "home",
        "faq/texting/index.html": "faq",
        "search/search_index.json": "{}",
        "assets/javascripts/bundle.js.map": "map",
        "assets/javascripts/lunr/min/lunr.de.min.js": "de",
        "sitemap.xml.gz": "gz",
        "sw.js": "old worker",
    }.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def test_every_page_and_the_search_index_are_kept_by_the_address_a_reader_uses(tmp_path: Path) -> None:
    assert sorted(kept_files(site(tmp_path))) == ["./", "faq/texting/", "search/search_index.json"]


def test_the_version_changes_with_any_kept_file(tmp_path: Path) -> None:
    built = site(tmp_path)
    files = kept_files(built)
    before = version(built, files)
    assert version(built, files) == before
    (built / "faq/texting/index.html").write_text("faq, edited")
    assert version(built, files) != before


def test_the_worker_gets_the_files_and_the_version_as_literals() -> None:
    script = worker_script(["./", 'a"b.html'], "abc123")
    assert 'const VERSION = "abc123";' in script
    assert 'const FILES = ["./", "a\\"b.html"];' in script
    assert "__" not in script


def test_the_primary_colour_comes_from_the_theme_stylesheet() -> None:
    css = (
        "[data-md-color-primary=indigo]{--md-typeset-a-color:#5488e8}"
        "[data-md-color-primary=indigo]{--md-primary-fg-color:#4051b5;}"
    )
    assert primary_colour(css, "indigo") == "#4051b5"
    assert primary_colour(css, "teal") is None


def test_the_manifest_names_the_site_and_its_icons() -> None:
    data = json.loads(manifest("Unsent", "Calm advice.", "#4051b5", {"i/a-192.png": 192, "i/a-maskable-512.png": 512}))
    assert (data["name"], data["start_url"], data["display"], data["theme_color"]) == (
        "Unsent",
        "./",
        "standalone",
        "#4051b5",
    )
    assert data["icons"][0] == {"src": "i/a-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any"}
    assert data["icons"][1]["purpose"] == "maskable"
