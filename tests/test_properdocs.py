"""ProperDocs, the maintained continuation of MkDocs 1.6, builds the same site."""

import sys
from pathlib import Path

from .conftest import ROOT, run_build


def test_properdocs_builds_the_same_pages(built_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "properdocs-site"
    result = run_build(ROOT / "mkdocs.yml", out, tool=[sys.executable, "-m", "properdocs"])
    assert result.returncode == 0, result.stderr
    pages = {p.relative_to(out) for p in out.rglob("*.html")}
    assert pages == {p.relative_to(built_site) for p in built_site.rglob("*.html")}
    assert (out / "faq/index.html").read_text().count("<h2") >= 2
