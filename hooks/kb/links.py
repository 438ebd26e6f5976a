"""Who cites whom: backlinks and related items, computed once for all pages."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from kb.model import Content, Faq, Scenario


@dataclass(frozen=True)
class Graph:
    faqs_citing: dict[str, tuple[Faq, ...]]
    scenarios_citing: dict[str, tuple[Scenario, ...]]
    scenarios_for_faq: dict[str, tuple[Scenario, ...]]
    faqs_for_scenario: dict[str, tuple[Faq, ...]]


def link(content: Content) -> Graph:
    """Relations go both ways: a FAQ that names a scenario is listed on that scenario too."""
    faqs_citing: dict[str, list[Faq]] = defaultdict(list)
    scenarios_citing: dict[str, list[Scenario]] = defaultdict(list)
    pairs: set[tuple[str, str]] = set()
    for faq in content.faqs:
        for principle in faq.principles:
            faqs_citing[principle].append(faq)
        pairs.update((faq.id, scenario) for scenario in faq.scenarios)
    for scenario in content.scenarios:
        for principle in scenario.principles:
            scenarios_citing[principle].append(scenario)
        pairs.update((faq, scenario.id) for faq in scenario.faqs)
    return Graph(
        faqs_citing={key: tuple(value) for key, value in faqs_citing.items()},
        scenarios_citing={key: tuple(value) for key, value in scenarios_citing.items()},
        scenarios_for_faq={f.id: tuple(s for s in content.scenarios if (f.id, s.id) in pairs) for f in content.faqs},
        faqs_for_scenario={s.id: tuple(f for f in content.faqs if (f.id, s.id) in pairs) for s in content.scenarios},
    )
