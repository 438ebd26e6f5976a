"""Small model objects for renderer and linker tests."""

from kb.model import Content, Faq, Principle, Scenario, Term, Topic
from kb.sections import Section
from kb.settings import LABELS, Settings

# Every label shows as its own name in brackets; the sections are this site's four kinds of section.
SECTIONS = (
    Section("their_side", "(their_side)", "text"),
    Section("do", "(do)", "list", required=True),
    Section("avoid", "(avoid)", "list", required=True),
    Section("if_you_must_reply", "(if_you_must_reply)", "example"),
)
SETTINGS = Settings(labels={name: f"({name})" for name in LABELS}, sections=SECTIONS)


def content(**overrides: object) -> Content:
    base = {
        "principles": {"calm": Principle("calm", "Stay calm", "Breathe first.", "principles/core/calm.md")},
        "topics": (Topic("basics", "Basics", "The basics."),),
        "faqs": (
            Faq(
                "first",
                "What now?",
                "Wait a day.",
                "Waiting helps *you*.",
                "basics",
                ("calm",),
                ("waiting",),
                ("storm",),
            ),
        ),
        "scenarios": (
            Scenario(
                "storm", "A storm", "It is raining.", ("calm",), ("rain",), (("do", ("Stay in",)), ("avoid", ("Run",)))
            ),
        ),
        "terms": (Term("No contact", "Not being in touch.", ("NC",)),),
        "sources": (),
    }
    return Content(**{**base, **overrides})
