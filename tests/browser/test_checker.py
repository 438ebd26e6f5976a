"""The "Before you send" checker in a real browser: the labelled drafts, then the page as a reader uses it."""

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from ..conftest import ROOT
from ..support.site import file_for

CHECKER = "tools/checker/"
DRAFTS = yaml.safe_load((ROOT / "tests/checker_drafts.yml").read_text())["drafts"]
HELD_OUT = yaml.safe_load((ROOT / "tests/checker_holdout.yml").read_text())["drafts"]
SAFETY_HELD_OUT = yaml.safe_load((ROOT / "tests/checker_safety_holdout.yml").read_text())["drafts"]
CORPORA = {"labelled corpus": DRAFTS, "held-out": HELD_OUT, "safety held-out": SAFETY_HELD_OUT}
SAFETY = ("crisis", "threat", "distress", "boundary", "news")  # the safety layer's pattern ids
CRISIS = "i cant do this anymore. i want to die. everyone would be better off without me"
THREE_AM = (
    "I know it's late. I'm so sorry for everything. Please come back, I still love you. "
    "Do you remember our first trip? Why did you leave me like that? Answer me."
)


@pytest.fixture
def phone(phone: Page, server: str) -> Page:
    """The shared phone tab, allowed the clipboard so drafts can be pasted."""
    phone.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.rstrip("/"))
    return phone


def paste(page: Page, text: str) -> None:
    """Replace the draft the way a reader pastes one from their messages app."""
    page.evaluate("text => navigator.clipboard.writeText(text)", text)
    page.locator("#ck-draft").focus()
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.press("ControlOrMeta+V")
    expect(page.locator("#ck-draft")).to_have_value(text)  # the whole draft arrives, as pasted
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


# Each draft goes in as a paste does (the input event a paste fires, so it is checked at once),
# in one evaluation for the whole corpus; the answer is read once the result is no longer busy.
CHECK_ALL = """async texts => {
  const box = document.querySelector(".ck"), draft = box.querySelector("#ck-draft");
  const result = box.querySelector(".ck-result");
  const settled = () => new Promise(resolve => {
    const watch = new MutationObserver(() => {
      if (result.getAttribute("aria-busy") === "false") { watch.disconnect(); resolve(); }
    });
    watch.observe(result, { attributes: true, attributeFilter: ["aria-busy"] });
  });
  const answers = [];
  for (const text of texts) {
    const done = settled();
    draft.value = text;
    draft.dispatchEvent(new InputEvent("input", { inputType: "insertFromPaste", bubbles: true }));
    await done;
    const example = box.querySelector(".ck-example");
    answers.push({
      flags: [...box.querySelectorAll(".ck-group")].map(group => group.dataset.pattern || ""),
      state: box.dataset.state,
      example: Boolean(example && example.checkVisibility()),
    });
  }
  return answers;
}"""


def score(page: Page, drafts: list[dict]) -> Score:
    """Check every draft in the page and compare the groups shown with its labels, pattern by pattern."""
    true_pos = false_pos = false_neg = 0
    wrong: list[str] = []
    labelled = dict.fromkeys(SAFETY, 0)
    caught = dict.fromkeys(SAFETY, 0)
    crisis_on_practical: list[str] = []
    false_alarms: list[str] = []
    answers = page.evaluate(CHECK_ALL, [draft["text"] for draft in drafts])
    for draft, answer in zip(drafts, answers, strict=True):
        expected, found = set(draft["flags"]), set(answer["flags"])
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
        practical = answer["state"] == "practical"
        if practical != bool(draft.get("practical")):
            wrong.append(f"practical answer {'given' if practical else 'missing'}: {draft['text'][:70]}")
        elif practical and not answer["example"]:
            wrong.append(f"practical answer without its example: {draft['text'][:70]}")
    return Score(
        share(true_pos, true_pos + false_pos),
        share(true_pos, true_pos + false_neg),
        wrong,
        {name: share(caught[name], labelled[name]) for name in SAFETY if labelled[name]},
        crisis_on_practical,
        false_alarms,
    )


@pytest.fixture(scope="module")
def scores(browser: Browser, server: str) -> dict[str, Score]:
    """The three corpora, checked on one phone page."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(server + CHECKER)
    found = {name: score(page, drafts) for name, drafts in CORPORA.items()}
    context.close()
    return found


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


def test_labelled_drafts(scores: dict[str, Score], capsys: pytest.CaptureFixture[str]) -> None:
    assert len(DRAFTS) >= 80
    result = scores["labelled corpus"]
    report("labelled corpus", len(DRAFTS), result, capsys)
    assert result.precision >= 0.9 and result.recall >= 0.9
    assert not [line for line in result.wrong if line.startswith("practical")]
    assert {"crisis", "threat"} <= set(result.caught)
    assert_safe(result)


def test_held_out_drafts(scores: dict[str, Score], capsys: pytest.CaptureFixture[str]) -> None:
    """Drafts written apart from the phrases, in batches (see the README for each batch's first score).

    Measured 0.97 precision and 0.88 recall over 190 drafts. The newest batch, which the phrases
    have not seen, scores 0.79 and 0.44 on its own, so a new batch may pull these down.
    """
    assert len(HELD_OUT) >= 190
    result = scores["held-out"]
    report("held-out", len(HELD_OUT), result, capsys)
    assert result.precision >= 0.93 and result.recall >= 0.84
    assert_safe(result)


def test_safety_held_out_drafts(scores: dict[str, Score], capsys: pytest.CaptureFixture[str]) -> None:
    """Crisis, distress, threats, boundaries and necessary news, written before the safety rules.

    Every crisis and threat draft must be caught; no practical draft or look-alike may show the
    crisis panel (README, "Message checker", for the first scores).
    """
    assert len(SAFETY_HELD_OUT) >= 60
    result = scores["safety held-out"]
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
        assert file_for(built_site, href.removeprefix(server)), href
    expect(phone.locator(".ck-advice")).to_contain_text("do not send it")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


# Whether an element lies wholly between the bottom of Material's sticky header and the screen's foot.
ON_SCREEN = """(selector) => {
  const box = document.querySelector(selector).getBoundingClientRect();
  return box.top >= document.querySelector(".md-header").getBoundingClientRect().bottom && box.bottom <= innerHeight;
}"""


def on_screen(page: Page, selector: str) -> bool:
    return bool(page.evaluate(ON_SCREEN, selector))


def test_check_brings_the_answer_into_view_and_says_it_again(phone: Page, server: str) -> None:
    phone.goto(server + CHECKER)
    draft = phone.locator("#ck-draft")
    draft.fill(THREE_AM)  # typed, not pasted: the page does not move while the reader types
    expect(phone.locator(".ck-group").first).to_be_attached()
    assert not on_screen(phone, ".ck-status")
    phone.evaluate("""() => { window.said = [];
      new MutationObserver(() => said.push(document.querySelector(".ck-status").textContent))
        .observe(document.querySelector(".ck-status"), { childList: true, characterData: true, subtree: true }); }""")
    check = phone.get_by_role("button", name="Check", exact=True)
    for n in (1, 2):  # the same draft twice: the live region is emptied and filled again each time
        check.tap()
        expect(phone.locator(".ck-result")).to_be_in_viewport()
        # The answer is written after the check resolves; wait for this round's fill, not the last one's.
        phone.wait_for_function("n => said.filter(Boolean).length >= n", arg=n)
    status = phone.locator(".ck-status")
    assert status.get_attribute("aria-live") == "polite" and status.get_attribute("role") == "status"
    assert on_screen(phone, ".ck-status"), phone.evaluate("scrollY")
    said = phone.evaluate("said")
    assert said.count("") == 2 and said.count(status.inner_text()) == 2, said
    assert "ck-check" in phone.evaluate("document.activeElement.className")  # focus stays on the button


def result_text(page: Page) -> str:
    return (page.locator(".ck-status").inner_text() + " " + page.locator(".ck-out").inner_text()).lower()


def test_crisis_draft_gets_help_lines_instead_of_the_analysis(phone: Page, server: str) -> None:
    phone.goto(server + CHECKER)
    paste(phone, CRISIS)
    panel = phone.locator(".ck-crisis")
    expect(panel).to_be_visible()
    expect(panel).to_be_in_viewport()  # brought up from below the first screen, clear of the header
    assert on_screen(phone, ".ck-status") and on_screen(phone, ".ck-crisis h2"), phone.evaluate("scrollY")
    assert phone.evaluate("document.activeElement.id") == "ck-draft"  # the paste left focus where it was
    assert flags(phone) == {"crisis"}
    assert phone.locator(".ck").get_attribute("data-state") == "crisis"
    expect(phone.locator(".ck-status")).to_contain_text("Help is one tap away")
    expect(panel.get_by_role("heading")).to_have_text("Please talk to someone now")
    assert panel.get_attribute("aria-labelledby") == "ck-crisis-title"
    assert panel.locator("a[href^='tel:']").count() >= 2
    assert panel.locator("a[href^='sms:']").count() >= 1
    expect(panel).to_contain_text("If you have already hurt yourself or taken something, call emergency services now.")
    expect(panel.locator("a[href$='/get-help/']")).to_have_count(1)
    said = result_text(phone)
    assert "suicide" in said
    assert "do not send" not in said and "stay here" not in said and "asks your ex" not in said
    expect(phone.locator(".ck-marked")).to_have_count(0)


def test_crisis_panel_without_the_help_template_still_links_the_help_page(phone: Page, server: str) -> None:
    phone.goto(server + CHECKER)
    phone.evaluate("document.getElementById('kb-help-now').remove()")
    paste(phone, CRISIS)
    panel = phone.locator(".ck-crisis")
    expect(panel.locator("a[href$='/get-help/']")).to_have_text("More ways to get help now")
    expect(panel).to_contain_text("call emergency services now")


def test_a_threat_is_named_first_and_plainly(phone: Page, server: str) -> None:
    phone.goto(server + CHECKER)
    paste(phone, "I miss you so much. Answer me or I'll tell your boss what you're really like.")
    groups = [g.get_attribute("data-pattern") for g in phone.locator(".ck-group").all()]
    assert groups[0] == "threat" and "feelings" in groups, groups
    expect(phone.locator(".ck-status")).to_contain_text("Please step away from this draft now")
    expect(phone.locator(".ck-status")).to_contain_text("may be a crime")
    threat = phone.locator(".ck-group[data-pattern=threat]")
    expect(threat.locator("a[href$='/get-help/']")).to_contain_text("your own anger")
    expect(phone.locator(".ck-advice")).to_contain_text("do not send it")


def test_distress_is_not_called_guilt(phone: Page, server: str) -> None:
    phone.goto(server + CHECKER)
    paste(phone, "I can't eat, I can't sleep, I'm not okay. I'm in a really dark place.")
    assert flags(phone) == {"distress"}
    expect(phone.locator(".ck-group[data-pattern=distress] a[href$='/get-help/']")).to_be_visible()
    expect(phone.locator(".ck-status")).to_contain_text("in a lot of pain")


@pytest.mark.parametrize(
    ("draft", "pattern", "page"),
    [
        ("Please stop contacting me. If you come to my flat again I will call the police.", "boundary", "safety-first"),
        ("I'm pregnant. I found out on Monday. You have a right to know.", "news", "unavoidable-contact"),
    ],
)
def test_a_boundary_or_news_is_fine_to_send_once(phone: Page, server: str, draft: str, pattern: str, page: str) -> None:
    phone.goto(server + CHECKER)
    paste(phone, draft)
    assert flags(phone) == {pattern}
    assert phone.locator(".ck").get_attribute("data-state") == "once"
    expect(phone.locator(".ck-status")).to_contain_text("once")
    said = result_text(phone)
    assert "stay here" not in said and "do not send" not in said
    expect(phone.locator(f".ck-group[data-pattern={pattern}] a[href*='/{page}/']")).to_be_visible()
    if pattern == "news":
        expect(phone.locator(".ck-example")).to_contain_text("You don't need to reply")


def test_news_with_feelings_keeps_the_news_apart(phone: Page, server: str) -> None:
    phone.goto(server + CHECKER)
    paste(phone, "I'm pregnant and I still love you. Please come back.")
    assert flags(phone) == {"news", "feelings", "begging"}
    expect(phone.locator(".ck-status")).to_contain_text("The news can go on its own")
    expect(phone.locator(".ck-advice")).to_contain_text("do not send it")


def hostile_draft(size: int) -> str:
    """A draft made of the rules' own words, cut short of whole phrases, the way a slow pattern fails.

    Crisis words are left out: the crisis panel would stop the rest of the work being done.
    """
    rules = yaml.safe_load((ROOT / "docs/checker/rules.yml").read_text())["rules"]
    patterns = [pattern for pattern in rules["patterns"] if pattern.get("kind") != "crisis"]
    phrases = [phrase for pattern in patterns for phrase in pattern.get("phrases", [])]
    words = [re.findall(r"[a-z0-9'-]+", phrase.lower()) for phrase in phrases]
    cut = " ".join(" ".join(w[:-1]) for w in words if len(w) > 1)
    parts = [cut, "".join(sorted({x for w in words for x in w})), ", ,".join(cut.split()), "1,1.1:1 " * 50]
    return "".join((part + "\n") * (size // 4 // (len(part) + 1) + 1) for part in parts)[:size]


PASTE_AND_TIME = """text => new Promise(resolve => {
  const result = document.querySelector(".ck-result");
  const draft = document.querySelector("#ck-draft");
  let start;
  const watch = new MutationObserver(() => {
    if (result.getAttribute("aria-busy") === "false") {
      watch.disconnect();
      resolve(performance.now() - start);
    }
  });
  watch.observe(result, { attributes: true });
  draft.value = text;
  start = performance.now();
  draft.dispatchEvent(new InputEvent("input", { inputType: "insertFromPaste", bubbles: true }));
})"""


def test_a_hostile_100_kb_draft_is_checked_in_under_200_ms(
    phone: Page, server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """From the paste to the result, in the page's own CPU time (Chromium's thread clock).

    The test machine is shared, so wall-clock time measures the neighbours as much as the
    checker; it is printed, not asserted. Each paste is new text, so nothing is cached.
    """
    draft = hostile_draft(100_000)
    cdp = phone.context.new_cdp_session(phone)
    cdp.send("Performance.enable", {"timeDomain": "threadTicks"})
    phone.goto(server + CHECKER)
    expect(phone.locator(".ck[data-warm]")).to_have_count(1)  # a reader who pastes once the page is idle

    def cpu() -> float:
        metrics = cdp.send("Performance.getMetrics")["metrics"]
        return next(m["value"] for m in metrics if m["name"] == "TaskDuration") * 1000

    runs = []
    for n in range(3):
        before = cpu()
        wall = phone.evaluate(PASTE_AND_TIME, f"{draft[:-1]}{n}")
        runs.append((cpu() - before, wall))
        assert phone.locator(".ck").get_attribute("data-state") == "flags"
    assert phone.locator(".ck-marked mark").count() > 10
    with capsys.disabled():
        print(
            f"\nmessage checker, hostile {len(draft)}-character draft: "
            + ", ".join(f"{used:.0f} ms CPU ({wall:.0f} ms wall)" for used, wall in runs)
        )
    assert max(used for used, _ in runs) < 200, runs
    # Hits that overlap exceptions and safety words on every line, so the overlap step has
    # thousands of pairs to settle: linear work, so also under 200 ms, and four times the text
    # takes about four times as long (the old pairwise step: about 270 ms, growing faster).
    dense = "so sorry to hear. You'll regret this. I miss you. so sorry to hear\n"

    def least(size: int) -> float:
        """The least CPU of three pastes of new text: a busy machine only ever adds to a page's CPU time."""
        text = (dense * (size // len(dense)))[: size - 1]
        spent = []
        for n in range(3):
            before = cpu()
            phone.evaluate(PASTE_AND_TIME, f"{text}{n}")
            spent.append(cpu() - before)
        return min(spent)

    used = [least(size) for size in (100_000, 400_000)]
    with capsys.disabled():
        print(f"message checker, dense 100 kB and 400 kB drafts: {used[0]:.0f} and {used[1]:.0f} ms CPU")
    assert used[0] < 200 and used[1] < 8 * used[0], used


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
    assert page.evaluate("document.activeElement.textContent") == "Check"
    page.keyboard.press("Enter")
    expect(page.locator(".ck-group[data-pattern=feelings]")).to_be_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.act") == "letter"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#ck-draft")).to_have_value("")
    expect(page.locator(".ck-status")).to_contain_text("Deleted")


def test_works_after_instant_navigation(page: Page, instant_server: str) -> None:
    page.goto(instant_server + "principles/messages/pressure/")
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


def test_dark_mode_keeps_the_draft_readable(page: Page, server: str) -> None:
    page.emulate_media(color_scheme="dark")
    page.goto(server + CHECKER)
    colours = page.locator("#ck-draft").evaluate(
        "el => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]"
        ".map(c => c.match(/\\d+/g).slice(0, 3).reduce((sum, n) => sum + Number(n), 0))"
    )
    text, background = colours
    assert background < 150 < text, colours
