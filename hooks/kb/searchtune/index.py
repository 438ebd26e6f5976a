"""Rewrite Material's search index (search/search_index.json) for better ranking.

Material's search worker indexes every field listed in ``config.fields`` but renders
only ``title``, ``text`` and ``tags``, so synonyms go into two extra fields that no
reader and no screen reader ever meets. Material copies a page's tags onto every
section of it; tags describe the page, so only the page's own entry keeps them (one
matching tag no longer lifts every section, and results repeat fewer tag chips).
"""

from __future__ import annotations

import fnmatch
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kb.searchtune.synonyms import GroupFinder, SynonymGroup, Words, plain

TITLE_SYNONYMS = "title_synonyms"
TEXT_SYNONYMS = "text_synonyms"
# A synonym in a heading counts for less than the word itself in the heading (Material: 1000),
# and a synonym in the body for less than the word itself in the body (Material: 1).
DEFAULT_FIELDS = {TITLE_SYNONYMS: 300.0, TEXT_SYNONYMS: 0.5}
# A group used in the body of more than this share of entries cannot tell them apart
# there, so it only goes into headings (this keeps the index small).
COMMON = 0.5


@dataclass(frozen=True)
class Tuning:
    groups: Sequence[SynonymGroup] = ()
    fields: Mapping[str, float] = field(default_factory=dict)  # lunr field -> weight
    weights: Sequence[tuple[str, float]] = ()  # location pattern -> multiplier; first match wins

    def weight(self, location: str) -> float:
        where = directory_form(location)
        return next((factor for pattern, factor in self.weights if fnmatch.fnmatchcase(where, pattern)), 1.0)


def directory_form(location: str) -> str:
    """'faq/texting.html#x' (a build without directory URLs) as 'faq/texting/#x', so one pattern fits both."""
    path, hash_, anchor = location.partition("#")
    if path.endswith(".html"):
        path = path.removesuffix("index.html").removesuffix(".html")
        path = path + "/" if path and not path.endswith("/") else path
    return path + hash_ + anchor


def tune(index: Mapping[str, Any], tuning: Tuning) -> dict[str, Any]:
    """A new index: hidden synonym fields, field weights and per-location weights applied."""
    fields = {**index["config"]["fields"]}
    for name, boost in {**DEFAULT_FIELDS, **tuning.fields}.items():
        fields[name] = {**fields.get(name, {}), "boost": float(boost)}
    texts = [Words.of(plain(doc.get("text", ""))) for doc in index["docs"]]
    finder = GroupFinder(tuning.groups)
    used = [finder.used(text) for text in texts]
    uses = Counter(position for positions in used for position in positions)
    in_bodies = {position for position, count in uses.items() if count <= COMMON * len(texts)}
    return {
        **index,
        "config": {**index["config"], "fields": fields},
        "docs": [
            _tune_doc(doc, finder.added(text, [p for p in positions if p in in_bodies]), tuning, finder)
            for doc, text, positions in zip(index["docs"], texts, used, strict=True)
        ],
    }


def _tune_doc(doc: Mapping[str, Any], in_text: str, tuning: Tuning, finder: GroupFinder) -> dict[str, Any]:
    tuned = dict(doc)
    if "#" in doc["location"]:
        tuned.pop("tags", None)
    title = Words.of(plain(doc.get("title", "")))
    if in_title := finder.added(title, finder.used(title)):
        tuned[TITLE_SYNONYMS] = in_title
    if in_text:
        tuned[TEXT_SYNONYMS] = in_text
    factor = tuning.weight(doc["location"])
    if factor != 1.0:
        tuned["boost"] = doc.get("boost", 1.0) * factor
    return tuned
