"""Small model objects for renderer and linker tests."""

from kb.model import Content, Faq, Principle, Scenario, Term, Topic
from kb.settings import LABELS, Settings

SETTINGS = Settings(labels={name: f"({name})" for name in LABELS})


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
        "scenarios": (Scenario("storm", "A storm", "It is raining.", ("Stay in",), ("Run",), ("calm",), ("rain",)),),
        "terms": (Term("No contact", "Not being in touch.", ("NC",)),),
        "sources": (),
    }
    return Content(**{**base, **overrides})
