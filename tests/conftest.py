"""Shared fixtures: a copy of the tiny plant-care site, and one real build of the main site."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from xdist.scheduler import LoadScopeScheduling

import kb

from .support import builds, shared
from .support.server import free_port

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "plants"
MKDOCS = builds.MKDOCS

# A git worktree that shares another checkout's virtualenv imports that checkout's engine (the
# editable install points there), and would test it instead of this one.
if not Path(kb.__file__).resolve().is_relative_to(ROOT):
    pytest.exit(
        f"kb is imported from {Path(kb.__file__).parent}, not from this checkout; "
        f"run the tests with PYTHONPATH={ROOT / 'hooks'}",
        returncode=4,
    )


def run_build(
    config: Path, site_dir: Path, tool: list[str] = MKDOCS, site_url: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a real strict build; the environment silences Material's end-of-life banner."""
    env = {"NO_MKDOCS_2_WARNING": "1", **({"SITE_URL": site_url} if site_url else {})}
    return builds.command([*tool, "build", "--strict", "-f", str(config), "-d", str(site_dir)], config.parent, env)


def copy_fixture(folder: Path) -> Path:
    """A writable copy of the plant-care fixture site in ``folder``; the hook path is pointed back at this repo."""
    site = folder / "plants"
    shutil.copytree(FIXTURE, site)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text().replace("../../../hooks/", f"{ROOT / 'hooks'}/"))
    return site


@pytest.fixture
def plants(tmp_path: Path) -> Path:
    """A writable copy of the plant-care fixture site."""
    return copy_fixture(tmp_path)


# The browser modules that take longest, longest first: each module runs in one process, so the
# two processes finish together only if the long ones start early (xdist keeps this order).
LONGEST = ("test_accessibility.py", "test_search_relevance.py", "test_checker.py", "test_counter.py")
# Modules split into one scope per parameter (a width, say), so the halves run in parallel.
BY_PARAMETER = ("tests/browser/test_accessibility.py",)


class _Scopes(LoadScopeScheduling):
    def _split_scope(self, nodeid: str) -> str:
        if nodeid.startswith(BY_PARAMETER) and nodeid.endswith("]"):
            return nodeid.split("::")[0] + "[" + nodeid.rsplit("[", 1)[1]
        return super()._split_scope(nodeid)


@pytest.hookimpl(tryfirst=True)  # before xdist's own, which would answer first
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> LoadScopeScheduling | None:
    """`--dist loadscope`, except that a module in BY_PARAMETER is split into one scope per parameter."""
    return _Scopes(config, log) if config.getvalue("dist") == "loadscope" else None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests carry the browser mark, so `-m "not browser"` leaves them out, and run last.

    Last, so that while one process builds the site the browser tests need, the other has
    tests of its own to run instead of waiting for it."""
    for item in items:
        if item.path.is_relative_to(ROOT / "tests" / "browser"):
            item.add_marker(pytest.mark.browser)

    def order(item: pytest.Item) -> tuple[bool, int]:
        browser = item.get_closest_marker("browser") is not None
        return browser, LONGEST.index(item.path.name) if browser and item.path.name in LONGEST else len(LONGEST)

    items.sort(key=order)


@pytest.fixture(scope="session")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Where browser tests serve the site; the build knows it so canonical URLs and the sitemap match."""
    return shared.value(tmp_path_factory, "site-url", lambda: f"http://127.0.0.1:{free_port()}/")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, site_url: str) -> Path:
    """The real site, built with --strict once per test run, however many processes share the run."""

    def build(site_dir: Path) -> None:
        result = run_build(ROOT / "mkdocs.yml", site_dir, site_url=site_url)
        assert result.returncode == 0, result.stderr

    return shared.folder(tmp_path_factory, "site", build)
