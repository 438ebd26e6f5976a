from kb.links import link
from kb.model import Faq, Scenario

from .helpers import content


def test_backlinks_from_principles() -> None:
    graph = link(content())
    assert [f.id for f in graph.faqs_citing["calm"]] == ["first"]
    assert [s.id for s in graph.scenarios_citing["calm"]] == ["storm"]


def test_relations_are_symmetric() -> None:
    faq = Faq("second", "Q?", "A.", "Long.", "basics", ("calm",), ())
    scenario = Scenario("flood", "Flood", "Water.", ("calm",), (), (("their_side", "Wet."),), faqs=("second",))
    graph = link(content(faqs=(*content().faqs, faq), scenarios=(*content().scenarios, scenario)))
    assert [s.id for s in graph.scenarios_for_faq["first"]] == ["storm"]
    assert [f.id for f in graph.faqs_for_scenario["storm"]] == ["first"]
    assert [s.id for s in graph.scenarios_for_faq["second"]] == ["flood"]
    assert [f.id for f in graph.faqs_for_scenario["flood"]] == ["second"]
