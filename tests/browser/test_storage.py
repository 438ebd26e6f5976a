"""assets/storage.js in a real browser: keys per site, old keys moved, and a full storage said out loud."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from ..support.server import serve
from .test_accessibility import violations

CHECKER = "tools/checker/"
COUNTER = "tools/counter/"
LETTERS = "tools/letters/"
DRAFT = "I'm so sorry. Please come back, I still love you."
KEYS = "() => Object.keys(localStorage).filter(k => k.startsWith('unsent')).sort()"
# Fill this origin's localStorage to Chromium's real quota, big pieces first, then smaller ones.
FILL = """() => { let n = 0;
  for (let size = 1 << 20; size >= 16; size >>= 2) {
    try { for (;;) localStorage.setItem('filler' + n++, 'x'.repeat(size)); }
    catch (e) { if (e.name !== 'QuotaExceededError') throw e; }
  }
  return n; }"""


@pytest.fixture(scope="module")
def two_projects(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One origin holding two copies of the site, as a GitHub Pages user site holds its projects."""
    root = tmp_path_factory.mktemp("pages")
    for name in ("one", "two"):
        (root / name).symlink_to(built_site, target_is_directory=True)
    with serve(root) as url:
        yield url


def keep_draft(page: Page, url: str, draft: str = DRAFT) -> None:
    page.goto(url + CHECKER)
    page.locator("#ck-draft").fill(draft)
    page.get_by_role("button", name="Keep it as a letter").click()


def test_projects_on_one_origin_keep_separate_data(page: Page, two_projects: str) -> None:
    keep_draft(page, two_projects + "one/")
    assert page.evaluate(KEYS) == ["unsent:/one/:letters"]
    page.goto(two_projects + "two/" + LETTERS)
    expect(page.locator(".lt-letter")).to_have_count(0)
    page.get_by_role("button", name="Delete all letters").click()
    page.goto(two_projects + "one/" + LETTERS)
    expect(page.locator(".lt-letter")).to_have_count(1)


def test_old_keys_move_under_the_site_path_and_a_kept_draft_becomes_a_letter(page: Page, server: str) -> None:
    page.goto(server + COUNTER)
    page.evaluate("""() => {
      localStorage.setItem('unsent.checker.draft', 'Kept before the keys had a path.');
      localStorage.setItem('unsent.counter', JSON.stringify({start: '2026-01-02', past: []}));
    }""")
    page.reload()
    expect(page.locator("#nc-date")).to_have_value("2026-01-02")
    page.goto(server + CHECKER)
    expect(page.locator(".ck-kept")).to_contain_text("The draft you kept here before is now a sealed letter")
    assert page.evaluate(KEYS) == ["unsent:/:counter", "unsent:/:letters"]
    page.locator(".ck-kept a").click()
    page.get_by_role("button", name="Read it again").click()
    expect(page.locator(".lt-body")).to_have_text("Kept before the keys had a path.")


def test_a_letter_over_the_quota_is_announced_and_stays_on_screen(page: Page, server: str) -> None:
    keep_draft(page, server)
    page.evaluate(FILL)
    longer = DRAFT + " Do you remember our first trip?" * 100
    page.locator("#ck-draft").fill(longer)
    page.get_by_role("button", name="Keep it as a letter").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("could not keep this")
    expect(page.locator("#ck-draft")).to_have_value(longer)
    expect(page.locator(".ck-group[data-pattern=begging]")).to_be_visible()  # the check still runs
    assert DRAFT in page.evaluate("localStorage.getItem('unsent:/:letters')")  # the letter kept before is not lost
    found = violations(page, "checker, storage full")
    assert found == [], "\n".join(found)


def test_a_full_storage_never_breaks_the_counter(page: Page, server: str) -> None:
    page.goto(server + COUNTER)
    page.evaluate(FILL)
    page.locator("#nc-date").fill("2026-01-02")
    page.get_by_role("button", name="Save date").click()
    expect(page.get_by_role("alert")).to_contain_text("could not keep this")
    expect(page.locator(".nc-days")).to_contain_text("since your last contact")
    expect(page.locator("#nc-date")).to_have_value("2026-01-02")
