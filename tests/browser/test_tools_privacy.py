"""What a reader types into the tools stays in the page: no requests after load, no storage without consent."""

from playwright.sync_api import Page, expect

from .conftest import RequestLog


def after(log: RequestLog, loaded: int) -> list[str]:
    """Requests made after the first ``loaded`` ones; the browser fetches the tab icon on its own schedule."""
    return [url for url in log.requests[loaded:] if "/favicon" not in url]


DRAFT = "I'm so sorry. Please come back, I still love you and I can't sleep."


def storage(page: Page) -> str:
    """Everything the page keeps in localStorage and sessionStorage, as one string."""
    return page.evaluate(
        "() => [localStorage, sessionStorage].flatMap(s => Object.keys(s).map(k => k + '=' + s.getItem(k))).join('\\n')"
    )


def test_no_requests_while_typing_or_counting(page: Page, server: str, requests_log: RequestLog) -> None:
    page.goto(server + "tools/checker/")
    page.wait_for_load_state("networkidle")
    loaded = len(requests_log.requests)
    assert any(url.endswith("/checker/rules.js") for url in requests_log.requests)
    page.locator("#ck-draft").press_sequentially(DRAFT)
    expect(page.locator(".ck-group").first).to_be_visible()
    page.get_by_role("button", name="Keep it as a letter").click()
    page.get_by_role("button", name="Delete everything").click()
    page.wait_for_timeout(500)
    assert after(requests_log, loaded) == []

    page.goto(server + "tools/counter/")
    page.wait_for_load_state("networkidle")
    loaded = len(requests_log.requests)
    page.locator("#nc-date").fill("2026-01-02")
    page.get_by_role("button", name="Save date").click()
    page.get_by_label("Hide the number").check()
    page.get_by_role("button", name="I had contact, log it").click()
    page.get_by_role("button", name="Delete my data").click()
    page.wait_for_timeout(500)
    assert after(requests_log, loaded) == []
    assert requests_log.foreign() == []
    assert page.context.cookies() == []


def test_draft_is_stored_only_when_the_reader_asks(page: Page, server: str) -> None:
    page.goto(server + "tools/checker/")
    draft = page.locator("#ck-draft")
    draft.fill(DRAFT)
    expect(page.locator(".ck-group").first).to_be_visible()
    assert "come back" not in storage(page)
    page.reload()
    expect(draft).to_have_value("")

    draft.fill(DRAFT)
    page.get_by_role("button", name="Keep it as a letter").click()
    expect(draft).to_have_value("")
    assert "come back" in storage(page)
    page.goto(server + "tools/letters/")
    page.get_by_role("button", name="Read it again").click()
    expect(page.locator(".lt-body")).to_have_text(DRAFT)
    page.get_by_role("button", name="Delete this letter").click()
    assert "come back" not in storage(page)
    page.reload()
    expect(page.locator(".lt-letter")).to_have_count(0)


TOOL_KEYS = "() => Object.keys(localStorage).filter(k => k.startsWith('unsent')).sort()"


def test_every_tool_stays_on_the_page_and_delete_everything_removes_every_key(
    page: Page, server: str, requests_log: RequestLog
) -> None:
    uses = {
        "tools/wait/": lambda: (
            page.get_by_role("button", name="Start the timer").click(),
            page.get_by_label("Your reasons not to send").fill("I want to sleep."),
            page.get_by_label("Keep my reasons on this device").check(),
        ),
        "tools/checker/": lambda: (
            page.locator("#ck-draft").fill(DRAFT),
            page.get_by_role("button", name="Keep it as a letter").click(),
        ),
        "tools/letters/": lambda: (
            page.get_by_label("Your letter", exact=True).fill("Sealed for a week."),
            page.get_by_label("Keep it sealed for").select_option("7"),
            page.get_by_role("button", name="Seal and keep").click(),
        ),
        "tools/counter/": lambda: (
            page.locator("#nc-date").fill("2026-01-02"),
            page.get_by_role("button", name="Save date").click(),
            page.get_by_role("button", name="I had contact, log it").click(),
        ),
    }
    for path, use in uses.items():
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
        loaded = len(requests_log.requests)
        use()
        page.wait_for_timeout(300)
        assert after(requests_log, loaded) == [], path
    keys = ["unsent:/:counter", "unsent:/:letters", "unsent:/:wait.reasons"]
    assert page.evaluate(TOOL_KEYS) == keys
    page.evaluate("localStorage.setItem('unsent.counter', '{}')")  # a key from before namespacing

    page.goto(server + "privacy/")
    status = page.locator(".pv-status")
    expect(status).to_have_text("Right now the tools keep something on this device.")
    page.get_by_role("button", name="Delete everything the tools keep").click()
    expect(status).to_contain_text("Deleted")
    assert page.evaluate(TOOL_KEYS) == []
    page.get_by_role("button", name="Undo").click()
    assert page.evaluate(TOOL_KEYS) == sorted([*keys, "unsent.counter"])
    page.get_by_role("button", name="Delete everything the tools keep").click()
    page.reload()
    expect(status).to_have_text("Right now the tools keep nothing on this device.")
    assert page.evaluate(TOOL_KEYS) == []
    assert requests_log.foreign() == []
