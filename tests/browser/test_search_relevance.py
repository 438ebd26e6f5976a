"""The relevance harness (benchmarks/search.py) on this session's build: the search box finds the right advice."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page

from benchmarks.search import load_queries, run_queries, score

from ..support.site import file_for

QUERIES = load_queries()


def test_the_query_set_is_big_and_every_expected_answer_exists(built_site: Path) -> None:
    assert len(QUERIES) >= 60
    # The harness waits for each query's own results, so a query typed twice in a row would hang it.
    assert len({query.text for query in QUERIES}) == len(QUERIES), "a query is listed twice"
    missing = []
    for query in QUERIES:
        for location in query.expect:
            page, anchor = file_for(built_site, location), location.partition("#")[2]
            if page is None or (anchor and not re.search(rf'\bid="{re.escape(anchor)}"', page.read_text())):
                missing.append(f"{query.text!r}: {location}")
    assert missing == []


def test_search_puts_the_right_advice_first(page: Page, server: str) -> None:
    answers = run_queries(page, server, QUERIES)
    scores = score(answers)
    misses = "\n".join(f"{a.query.text!r} -> {list(a.ranked[:3])}, want {list(a.query.expect)}" for a in scores.misses)
    assert scores.hit3 >= 0.95, f"hit@3 {scores.hit3:.2f}; first results that missed:\n{misses}"
    assert scores.hit1 >= 0.8, f"hit@1 {scores.hit1:.2f}; first results that missed:\n{misses}"
    # A reader in danger, from themselves or from the ex, must reach safety or help in the first three.
    danger = [answer for answer in answers if answer.query.group == "danger"]
    late = [f"{a.query.text!r} -> {list(a.ranked[:3])}" for a in danger if not (a.rank() or 99) <= 3]
    assert len(danger) >= 30 and late == [], "danger queries without safety or help in the first three:\n" + "\n".join(
        late
    )
