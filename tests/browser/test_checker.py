"""The "Before you send" checker in a real browser: the labelled drafts, then the page as a reader uses it."""

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from ..conftest import ROOT

CHECKER = "tools/checker/"
DRAFTS = yaml.safe_load((ROOT / "tests/checker_drafts.yml").read_text())["drafts"]
HELD_OUT = yaml.safe_load((ROOT / "tests/checker_holdout.yml").read_text())["drafts"]
SAFETY_HELD_OUT = yaml.safe_load((ROOT / "tests/checker_safety_holdout.yml").read_text())["drafts"]
SAFETY = ("crisis", "threat", "distress", "boundary", "news")  # the safety layer's pattern ids
THREE_AM = (
    "I know it's late. I'm so sorry for everything. Please come back, I still love you. "
    "Do you remember our first trip? Why did you leave me like that? Answer me."
)


@pytest.fixture
def phone(browser: Browser, server: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.rstrip("/"))
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


def paste(page: Page, text: str) -> None:
    """Replace the draft the way a reader pastes one from their messages app."""
    page.evaluate("text => navigator.clipboard.writeText(text)", text)
    page.locator("#ck-draft").focus()
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.press("ControlOrMeta+V")
    expect(page.locator(".ck-result")).to_have_attribute("aria-busy", "false")


def flags(page: Page) -> set[str]:
    return {group.get_attribute("data-pattern") or "" for group in page.locator(".ck-group").all()}


@dataclass
class Score:
    precision: float
    recall: float
    wrong: list[str]
    caught: dict[str, float]  # recall of each safety id over the drafts labelled with it
    crisis_on_practical: list[str]  # practical drafts that showed the crisis panel
    false_alarms: list[str]  # drafts not labelled crisis or threat that showed either


def share(hits: int, total: int) -> float:
    return hits / total if total else 1.0


def score(page: Page, drafts: list[dict]) -> Score:
    """Paste each draft and compare the groups shown with its labels, pattern by pattern."""
    true_pos = false_pos = false_neg = 0
    wrong: list[str] = []
    labelled = dict.fromkeys(SAFETY, 0)
    caught = dict.fromkeys(SAFETY, 0)
    crisis_on_practical: list[str] = []
    false_alarms: list[str] = []
    for draft in drafts:
        paste(page, draft["text"])
        assert page.locator("#ck-draft").input_value() == draft["text"]
        expected, found = set(draft["flags"]), flags(page)
        true_pos += len(expected & found)
        false_pos += len(found - expected)
        false_neg += len(expected - found)
        for name in expected & set(SAFETY):
            labelled[name] += 1
            caught[name] += name in found
        if draft.get("practical") and "crisis" in found:
            crisis_on_practical.append(draft["text"][:70])
        if (found - expected) & {"crisis", "threat"}:
            false_alarms.append(draft["text"][:70])
        if found != expected:
            wrong.append(f"expected {sorted(expected)}, found {sorted(found)}: {draft['text'][:70]}")
        practical = page.locator(".ck").get_attribute("data-state") == "practical"
        if practical != bool(draft.get("practical")):
            wrong.append(f"practical answer {'given' if practical else 'missing'}: {draft['text'][:70]}")
        elif practical:
            expect(page.locator(".ck-example")).to_be_visible()
    return Score(
        share(true_pos, true_pos + false_pos),
        share(true_pos, true_pos + false_neg),
        wrong,
        {name: share(caught[name], labelled[name]) for name in SAFETY if labelled[name]},
        crisis_on_practical,
        false_alarms,
    )


def report(name: str, count: int, result: Score, capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        print(
            f"\nmessage checker, {name}, {count} drafts: precision {result.precision:.3f}, recall {result.recall:.3f}"
        )
        if result.caught:
            print("  safety recall: " + ", ".join(f"{k} {v:.2f}" for k, v in result.caught.items()))
        print("\n".join(f"  {line}" for line in result.wrong))


def assert_safe(result: Score) -> None:
    """Every crisis and threat draft caught; no practical draft or look-alike shows either."""
    assert result.caught.get("crisis", 1.0) == 1.0 and result.caught.get("threat", 1.0) == 1.0, result.caught
    assert result.crisis_on_practical == []
    assert result.false_alarms == []


def test_labelled_drafts(phone: Page, server: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert len(DRAFTS) >= 80
    phone.goto(server + CHECKER)
    result = score(phone, DRAFTS)
    report("labelled corpus", len(DRAFTS), result, capsys)
    assert result.precision >= 0.9 and result.recall >= 0.9
    assert not [line for line in result.wrong if line.startswith("practical")]
    assert {"crisis", "threat"} <= set(result.caught)
    assert_safe(result)


def test_held_out_drafts(phone: Page, server: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Drafts written apart from the phrases, in batches (see the README for each batch's first score).

    Measured 0.97 precision and 0.88 recall over 190 drafts. The newest batch, which the phrases
    have not seen, scores 0.79 and 0.44 on its own, so a new batch may pull these down.
    """
    assert len(HELD_OUT) >= 190
    phone.goto(server + CHECKER)
    result = score(phone, HELD_OUT)
    report("held-out", len(HELD_OUT), result, capsys)
    assert result.precision >= 0.93 and result.recall >= 0.84
    assert_safe(result)


def test_safety_held_out_drafts(phone: Page, server: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Crisis, distress, threats, boundaries and necessary news, written before the safety rules.

    Every crisis and threat draft must be caught; no practical draft or look-alike may show the
    crisis panel (README, "Message checker", for the first scores).
    """
    assert len(SAFETY_HELD_OUT) >= 60
    phone.goto(server + CHECKER)
    result = score(phone, SAFETY_HELD_OUT)
    report("safety held-out", len(SAFETY_HELD_OUT), result, capsys)
    assert {"crisis", "threat"} <= set(result.caught)
    assert_safe(result)


def test_typed_message_is_marked_with_links_to_the_why(phone: Page, server: str, built_site: Path) -> None:
    phone.goto(server + CHECKER)
    phone.locator("#ck-draft").press_sequentially(THREE_AM)
    expect(phone.locator(".ck-result")).to_have_attribute("aria-busy", "false")
    assert flags(phone) == {"apology", "begging", "feelings", "nostalgia", "explanations", "pressure"}
    status = phone.locator(".ck-status")
    assert status.get_attribute("aria-live") == "polite"
    expect(status).to_contain_text("asks your ex to")
    expect(status).to_contain_text("to change their mind")
    expect(phone.locator(".ck-marked mark").first).to_have_text("I'm so sorry")
    for link in phone.locator(".ck-group a").all():
        href = link.get_attribute("href") or ""
        assert href.startswith(server + "principles/"), href
        assert (built_site / href.removeprefix(server) / "index.html").exists(), href
    expect(phone.locator(".ck-advice")).to_contain_text("do not send it")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_practical_message_gets_a_calm_example(phone: Page, server: str) -> None:
    phone.goto(server + CHECKER)
    paste(phone, "Can you pick the kids up from school on Friday? I'm stuck at work until 6.")
    expect(phone.locator(".ck-status")).to_contain_text("practical message")
    expect(phone.locator(".ck-example")).to_contain_text("kids")
    assert flags(phone) == set()


def test_keyboard_only(page: Page, server: str) -> None:
    page.goto(server + CHECKER)
    page.locator("#ck-draft").focus()
    page.keyboard.type("I miss you")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "ck-keep"
    page.keyboard.press("Space")
    expect(page.locator("#ck-keep")).to_be_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#ck-draft")).to_have_value("")
    expect(page.locator("#ck-keep")).not_to_be_checked()
    expect(page.locator(".ck-status")).to_contain_text("Deleted")


def test_works_after_instant_navigation(page: Page, server: str) -> None:
    page.goto(server + "principles/messages/pressure/")
    page.evaluate("window.sameDocument = true")  # gone if the browser did a full page load
    page.locator(".md-nav__link:visible", has_text="Before you send").click()
    page.wait_for_url("**/tools/checker/")
    page.locator("#ck-draft").fill("Please give me one more chance.")
    expect(page.locator(".ck-group[data-pattern=begging]")).to_be_visible()
    page.locator(".md-nav__link:visible", has_text="No-contact counter").click()
    page.wait_for_url("**/tools/counter/")
    expect(page.locator(".nc-days")).to_contain_text("Choose the date")
    page.go_back()
    page.wait_for_url("**/tools/checker/")
    page.locator("#ck-draft").fill("I still love you.")
    expect(page.locator(".ck-group[data-pattern=feelings]")).to_be_visible()
    assert page.evaluate("window.sameDocument") is True


def test_without_javascript_a_note_replaces_the_tools(browser: Browser, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    for path, word in ((CHECKER, "checker"), ("tools/counter/", "counter")):
        tab.goto(server + path)
        expect(tab.get_by_text(f"This {word} needs JavaScript")).to_be_visible()
        expect(tab.locator(".ck, .nc")).to_be_hidden()
    context.close()


def test_dark_mode_keeps_the_draft_readable(browser: Browser, server: str) -> None:
    context = browser.new_context(color_scheme="dark")
    tab = context.new_page()
    tab.goto(server + CHECKER)
    colours = tab.locator("#ck-draft").evaluate(
        "el => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]"
        ".map(c => c.match(/\\d+/g).slice(0, 3).reduce((sum, n) => sum + Number(n), 0))"
    )
    text, background = colours
    assert background < 150 < text, colours
    context.close()
