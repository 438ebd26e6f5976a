"""Letters you keep, in a real browser: seal, open after some days, read again, delete with undo, export."""

import json
from pathlib import Path

from playwright.sync_api import Page, expect

LETTERS = "tools/letters/"
KEY = "unsent:/:letters"


def seal(page: Page, text: str, keep_for: str) -> None:
    page.get_by_label("Your letter", exact=True).fill(text)
    page.get_by_label("Keep it sealed for").select_option(label=keep_for)
    page.get_by_role("button", name="Seal and keep").click()


def test_seal_reread_delete_undo_and_export(page: Page, server: str, tmp_path: Path) -> None:
    page.goto(server + LETTERS)
    expect(page.locator(".lt-none")).to_be_visible()
    page.get_by_role("button", name="Seal and keep").click()
    expect(page.locator(".lt-status")).to_have_text("Write something first.")
    seal(page, "I wanted to tell you everything.", "Not sealed")
    seal(page, "A week from now I may feel different.", "7 days")
    expect(page.get_by_label("Your letter", exact=True)).to_have_value("")
    letters = page.locator(".lt-letter")
    expect(letters).to_have_count(2)
    expect(letters.first).to_contain_text("Sealed until")
    expect(letters.first.locator(".lt-body")).to_be_hidden()
    page.reload()
    newest, oldest = letters.nth(0), letters.nth(1)
    oldest.get_by_role("button", name="Read it again").click()
    expect(oldest.locator(".lt-body")).to_have_text("I wanted to tell you everything.")
    expect(oldest.get_by_role("button", name="Close it")).to_have_attribute("aria-expanded", "true")
    newest.get_by_role("button", name="Open it now anyway").click()
    expect(newest.locator(".lt-body")).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("button", name="Save my letters to a file").click()
    expect(page.locator("#lt-export-note")).to_contain_text("anyone who uses this device")
    saved = tmp_path / "letters.json"
    download.value.save_as(saved)
    assert [letter["text"] for letter in json.loads(saved.read_text())] == [
        "A week from now I may feel different.",
        "I wanted to tell you everything.",
    ]

    oldest.get_by_role("button", name="Delete this letter").click()
    expect(letters).to_have_count(1)
    undo = page.get_by_role("button", name="Undo")
    expect(undo).to_be_focused()  # a second key press undoes; it can never delete more
    undo.click()
    expect(letters).to_have_count(2)
    page.get_by_role("button", name="Delete all letters").click()
    expect(letters).to_have_count(0)
    assert page.evaluate(f"localStorage.getItem('{KEY}')") is None
    page.get_by_role("button", name="Undo").click()
    expect(letters).to_have_count(2)
    page.get_by_role("button", name="Delete all letters").click()
    page.reload()
    expect(letters).to_have_count(0)
