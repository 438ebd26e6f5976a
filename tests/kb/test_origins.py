"""Where a piece of a generated page came from, found on the engine's own output of the plant site."""

from pathlib import Path

from kb import build_site

from .test_build import settings_of


def test_a_link_is_traced_to_the_entry_field_and_line_that_wrote_it(plants: Path) -> None:
    watering = plants / "docs/faq/watering.yml"
    text = watering.read_text().replace("water well.\n", "water well.\n\n      More in [the guide](guide.md).\n")
    watering.write_text(text)
    site = build_site(plants / "docs", settings_of(plants), root=plants)

    (origin,) = site.written_in("guide.md", "faq/watering.md")

    assert (origin.file, origin.entry, origin.field) == ("docs/faq/watering.yml", "faq 'how-often'", "answer")
    problem = origin.problem("guide.md", "link 'guide.md': not found", "check it")
    line = text.splitlines().index("      More in [the guide](guide.md).") + 1
    assert str(problem) == (
        f"docs/faq/watering.yml:{line}: faq 'how-often': field 'answer': link 'guide.md': not found (hint: check it)"
    )


def test_only_values_shown_on_that_page_count(plants: Path) -> None:
    site = build_site(plants / "docs", settings_of(plants), root=plants)
    assert [o.entry for o in site.written_in("Let the soil dry out", "scenarios/yellow-leaves.md")] == [
        "scenario 'yellow-leaves'"
    ]
    assert [o.field for o in site.written_in("Let the soil dry out", "scenarios/yellow-leaves.md")] == ["do.1"]
    assert site.written_in("Let the soil dry out", "scenarios/leggy.md") == []
    assert site.written_in("Let the soil dry out", "index.md") == []  # a hand-written page
