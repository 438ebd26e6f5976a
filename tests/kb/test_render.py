import yaml

from kb.links import link
from kb.model import Faq, Scenario, Term
from kb.render import render_abbreviations, render_backlinks, render_pages
from kb.sections import Section
from kb.settings import Settings

from .helpers import SETTINGS, content


def front_matter(markdown: str) -> dict:
    return yaml.safe_load(markdown.split("---\n")[1])


def test_generated_page_paths() -> None:
    pages = render_pages(content(), link(content()), SETTINGS)
    assert list(pages) == ["faq/index.md", "faq/basics.md", "scenarios/index.md", "scenarios/storm.md", "glossary.md"]


def test_topic_page_has_anchored_question_short_answer_first_then_links() -> None:
    page = render_pages(content(), link(content()), SETTINGS)["faq/basics.md"]
    meta = front_matter(page)
    assert (meta["title"], meta["description"], meta["tags"]) == ("Basics", "The basics.", ["waiting"])
    question = meta["structured_data"]["mainEntity"][0]
    assert (question["name"], question["acceptedAnswer"]["text"]) == ("What now?", "Wait a day.")
    heading = page.index("## What now? { #first }")
    short = page.index("Wait a day.\n{ .kb-short-answer }")
    answer = page.index("Waiting helps *you*.")
    principles = page.index("(rests_on) [Stay calm](../principles/core/calm.md)\n{ .kb-related }")
    scenarios = page.index("(related_scenarios) [A storm](../scenarios/storm.md)\n{ .kb-related }")
    assert heading < short < answer < principles < scenarios


def test_faq_index_lists_topics_and_question_anchors() -> None:
    page = render_pages(content(), link(content()), SETTINGS)["faq/index.md"]
    assert front_matter(page)["title"] == "(faq_index_title)"
    assert "## [Basics](basics.md) { #basics }" in page
    assert "- [What now?](basics.md#first)" in page


def test_scenario_sections_in_fixed_order() -> None:
    scenario = Scenario(
        "storm",
        "A storm",
        "It is raining.",
        ("calm",),
        ("rain",),
        # in another order than the settings declare: the page follows the settings
        (
            ("if_you_must_reply", "Fine, thanks."),
            ("do", ("Stay in\nand read",)),
            ("avoid", ("Run",)),
            ("their_side", "They are wet."),
        ),
        care_note="Call for help if the roof leaks.",
    )
    data = content(scenarios=(scenario,))
    page = render_pages(data, link(data), SETTINGS)["scenarios/storm.md"]
    order = [
        "It is raining.\n{ .kb-situation }",
        '!!! warning "(care_note)"\n\n    Call for help',
        "## (their_side) { #their-side }",
        "## (do) { #do }\n\n- Stay in\n    and read",
        "## (avoid) { #avoid }\n\n- Run",
        "## (if_you_must_reply) { #if-you-must-reply }\n\n> Fine, thanks.",
        "## (principles) { #principles }\n\n- [Stay calm](../principles/core/calm.md): Breathe first.",
        "## (related_faqs) { #related-questions }\n\n- [What now?](../faq/basics.md#first)",
    ]
    positions = [page.index(part) for part in order]
    assert positions == sorted(positions)


def test_optional_scenario_sections_are_left_out() -> None:
    data = content(faqs=(Faq("first", "Q?", "A.", "L.", "basics", ("calm",), ()),))
    page = render_pages(data, link(data), SETTINGS)["scenarios/storm.md"]
    assert "(care_note)" not in page and "(if_you_must_reply)" not in page and "(related_faqs)" not in page
    assert "(their_side)" not in page and "#their-side" not in page


def test_plain_text_cannot_become_markup() -> None:
    faq = Faq("x", "Is <3 too much?", "Less < more > none.", "Body.", "basics", ("calm",), ())
    data = content(faqs=(faq,))
    page = render_pages(data, link(data), SETTINGS)["faq/basics.md"].split("---\n", 2)[2]
    assert "Is &lt;3 too much?" in page
    assert "Less &lt; more &gt; none." in page
    assert "<3" not in page


def test_front_matter_text_is_quoted() -> None:
    scenario = Scenario("s", 'Title: "quoted" # not a comment', "Situation: yes", ("calm",), (), (("do", ("a",)),))
    data = content(scenarios=(scenario,))
    page = render_pages(data, link(data), SETTINGS)["scenarios/s.md"]
    assert front_matter(page)["title"] == 'Title: "quoted" # not a comment'
    assert front_matter(page)["description"] == "Situation: yes"


def test_backlinks_are_relative_to_the_principle_page() -> None:
    data = content()
    text = render_backlinks(data.principles["calm"], link(data), SETTINGS)
    assert "## (cited_by_faqs) { #cited-by-faqs }\n\n- [What now?](../../faq/basics.md#first)" in text
    assert "## (cited_by_scenarios) { #cited-by-scenarios }\n\n- [A storm](../../scenarios/storm.md)" in text


def test_no_backlinks_when_nothing_cites() -> None:
    data = content(faqs=(), scenarios=())
    assert render_backlinks(data.principles["calm"], link(data), SETTINGS).strip() == ""


def test_abbreviations_cover_term_aliases_and_lower_case() -> None:
    text = render_abbreviations([Term("No contact", "Not being in touch.", ("NC",))])
    assert text.splitlines() == [
        "*[No contact]: Not being in touch.",
        "*[NC]: Not being in touch.",
        "*[no contact]: Not being in touch.",
    ]


def test_glossary_page_sorted_with_anchors() -> None:
    terms = (Term("Zero", "Nothing."), Term("Closure", "An ending.", ("closure talk",)))
    data = content(terms=terms)
    page = render_pages(data, link(data), SETTINGS)["glossary.md"]
    assert page.index("## Closure { #closure }") < page.index("## Zero { #zero }")
    assert "(glossary_aliases) closure talk." in page


def test_no_content_no_pages() -> None:
    data = content(topics=(), faqs=(), scenarios=(), terms=())
    assert render_pages(data, link(data), SETTINGS) == {}


def test_labels_are_escaped_like_any_plain_text() -> None:
    sections = (Section("do", "Do <b onclick=x>this</b>", "list"), *SETTINGS.sections[2:])
    hostile = Settings(labels=SETTINGS.labels, sections=sections)
    page = render_pages(content(), link(content()), hostile)["scenarios/storm.md"]
    assert "## Do &lt;b onclick=x&gt;this&lt;/b&gt; { #do }" in page
