"""Tune Material's search index after the build: synonyms in hidden fields, weights per location.

Nothing here changes what a page or a search result shows: the added words live in
fields that Material indexes but never renders. Nothing here imports MkDocs.
"""

from kb.searchtune.index import TEXT_SYNONYMS, TITLE_SYNONYMS, Tuning, tune
from kb.searchtune.synonyms import SynonymGroup, compile_groups

__all__ = ["TEXT_SYNONYMS", "TITLE_SYNONYMS", "SynonymGroup", "Tuning", "compile_groups", "tune"]
