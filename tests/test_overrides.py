"""Theme files we override, checked against the installed Material so they cannot drift silently.

A file in overrides/ or in the engine's theme (hooks/kb/theme/) that copies a template of the
installed theme (same path, no ``{% extends %}``) may differ from it only by its expected diff in
tests/golden/overrides/<path>.diff (tests/golden/engine-theme/ for the engine's). Editing our
copy, or a theme upgrade that changes the file we copied, fails with the change between the two
diffs. Review it, carry the theme's change into our copy if needed, then rewrite the diffs:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_overrides.py

Files that extend a theme template instead (404.html here, main.html in the engine's theme,
hooks/kb/theme/) may fill only blocks the theme has.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import material
import pytest

from .conftest import ROOT

OVERRIDES = ROOT / "overrides"
ENGINE_THEME = ROOT / "hooks" / "kb" / "theme"  # the engine's own templates, between ours and the theme's
THEME = Path(material.__file__).parent / "templates"
EXPECTED = ROOT / "tests" / "golden" / "overrides"
ENGINE_EXPECTED = ROOT / "tests" / "golden" / "engine-theme"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def theme_diff(name: str, folder: Path = OVERRIDES) -> str:
    ours, theirs = folder / name, THEME / name
    return "".join(
        difflib.unified_diff(
            theirs.read_text().splitlines(keepends=True),
            ours.read_text().splitlines(keepends=True),
            f"material/templates/{name}",
            f"{ours.relative_to(ROOT).as_posix().removesuffix(name)}{name}",
        )
    )


def shadowing(folder: Path = OVERRIDES) -> list[str]:
    """Our files that take the place of one of the theme's."""
    files = (p.relative_to(folder).as_posix() for p in folder.rglob("*.html"))
    return sorted(name for name in files if (THEME / name).is_file())


def copied(folder: Path = OVERRIDES) -> list[str]:
    """Shadowing files that are copies of the theme's; the others extend a theme template by its blocks."""
    return [name for name in shadowing(folder) if not _EXTENDS.search((folder / name).read_text())]


_EXTENDS = re.compile(r'^{% extends "[^"]+" %}', re.M)
_BLOCK = re.compile(r"{% block (\w+)")


COPIES = [(OVERRIDES, EXPECTED, name) for name in copied()] + [
    (ENGINE_THEME, ENGINE_EXPECTED, name) for name in copied(ENGINE_THEME)
]


def test_the_copied_partials_are_the_ones_we_mean_to_change() -> None:
    assert copied() == [
        "partials/content.html",
        "partials/javascripts/palette.html",
        "partials/nav-item.html",
        "partials/palette.html",
        "partials/search.html",
    ]
    assert copied(ENGINE_THEME) == ["partials/copyright.html"], "the footer's help lines come with the engine"


@pytest.mark.parametrize(("folder", "golden", "name"), COPIES, ids=lambda v: v if isinstance(v, str) else "")
def test_copy_differs_from_the_theme_only_where_intended(folder: Path, golden: Path, name: str) -> None:
    expected_file = golden / f"{name}.diff"
    actual = theme_diff(name, folder)
    if UPDATE:
        expected_file.parent.mkdir(parents=True, exist_ok=True)
        expected_file.write_text(actual)
    expected = expected_file.read_text() if expected_file.is_file() else ""
    if actual != expected:
        change = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True), actual.splitlines(keepends=True), "expected diff", "diff now"
            )
        )
        where = f"{folder.relative_to(ROOT).as_posix()}/{name}"
        pytest.fail(f"{where} drifted from the theme's file (UPDATE_GOLDEN=1 rewrites):\n{change}", pytrace=False)


def test_no_expected_diff_is_left_without_its_copy() -> None:
    for folder, golden in [(OVERRIDES, EXPECTED), (ENGINE_THEME, ENGINE_EXPECTED)]:
        kept = sorted(p.relative_to(golden).as_posix().removesuffix(".diff") for p in golden.rglob("*.diff"))
        assert kept == copied(folder)


EXTENDING = [OVERRIDES / name for name in sorted(set(shadowing()) - set(copied()))] + [ENGINE_THEME / "main.html"]


@pytest.mark.parametrize("path", EXTENDING, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_extending_template_fills_only_blocks_the_theme_has(path: Path) -> None:
    """A block the theme renamed or dropped would silently lose what we put in it."""
    theirs = set(_BLOCK.findall((THEME / "base.html").read_text()))
    ours = set(_BLOCK.findall(path.read_text()))
    assert ours and ours <= theirs, ours - theirs


def test_the_engine_theme_shadows_only_main_html_and_the_footer() -> None:
    """Its help partial has a name of its own; main.html fills theme blocks (checked above); the footer is
    a checked copy (above), so a site needs no override for the help lines."""
    names = sorted(p.relative_to(ENGINE_THEME).as_posix() for p in ENGINE_THEME.rglob("*.html"))
    assert names == ["main.html", "partials/copyright.html", "partials/kb-help.html"]
    assert not (THEME / "partials/kb-help.html").exists()


def test_the_help_block_is_written_once() -> None:
    """The help bar, the footer and the 404 page include one partial instead of three copies of it."""
    texts = {
        p.relative_to(ROOT).as_posix(): p.read_text() for d in (OVERRIDES, ENGINE_THEME) for p in d.rglob("*.html")
    }
    including = sorted(name for name, text in texts.items() if '"partials/kb-help.html"' in text)
    assert including == ["hooks/kb/theme/main.html", "hooks/kb/theme/partials/copyright.html", "overrides/404.html"]
    writing = sorted(name for name, text in texts.items() if "help.lead" in text)
    assert writing == ["hooks/kb/theme/partials/kb-help.html"]
