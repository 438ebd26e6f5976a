"""Synonym groups: words that mean the same to a reader, found as whole words in plain text."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kb.load import Record, parse_yaml
from kb.problems import ContentError, Problem
from kb.validate import validate

KIND = "synonyms"

_TAG = re.compile(r"<[^>]*>")
# Material splits words on whitespace and hyphens; match the same way.
_SEPARATOR = re.compile(r"[\s\-]+")


def plain(text: str) -> str:
    """Index text as words: no markup, lowercase, curly apostrophes straightened, hyphens as spaces."""
    words = html.unescape(_TAG.sub(" ", text)).lower().replace("\u2019", "'")
    return _SEPARATOR.sub(" ", words).strip()


def _has_whole(text: str, word: str, plural: bool) -> bool:
    r"""Whether ``text`` holds ``word`` with no word character either side, or when ``plural`` also followed by
    's' or 'es': what ``(?<!\w)word(?:e?s)?(?!\w)`` finds, looked for with str.find, several times quicker."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if not (at and _is_word(text[at - 1])):
            endings = ("", "s", "es") if plural else ("",)
            if any(
                text.startswith(ending, end) and not _is_word(text[end + len(ending) : end + len(ending) + 1])
                for ending in endings
            ):
                return True
        at = text.find(word, at + 1)
    return False


def _is_word(char: str) -> bool:
    """What \\w matches in a str pattern: a letter, digit or number of any script, or '_' ('' for no character)."""
    return char.isalnum() or char == "_"


@dataclass(frozen=True)
class Words:
    """Plain index text, with its set of word tokens for quick look-ups."""

    text: str
    tokens: frozenset[str]

    @classmethod
    def of(cls, text: str) -> Words:
        return cls(text, frozenset(_TOKEN.findall(text)))


_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class SynonymGroup:
    """Words found as whole words, each also with a trailing s or es (a use) or exactly (a word it has).

    Set look-ups give the same answer as the patterns, far faster: one-token words are decided
    by them alone, and a phrase only reaches its pattern when all its words are there.
    """

    words: tuple[str, ...]
    _forms: frozenset[str] = field(init=False, repr=False)  # one-token words, also with s and es
    _phrases: dict[int, tuple[frozenset[str], str]] = field(init=False, repr=False)  # position -> words, last
    _phrase_ends: dict[str, tuple[int, ...]] = field(init=False, repr=False)  # token -> phrases a use ends in it
    ends: frozenset[str] = field(init=False, repr=False)  # every token a use ends in: one look-up rules most out

    def __post_init__(self) -> None:
        singles = [word for word in self.words if _TOKEN.fullmatch(word)]
        forms = frozenset(form for word in singles for form in _plurals(word))
        phrases = {
            i: (frozenset(tokens[:-1]), tokens[-1])
            for i, word in enumerate(self.words)
            if not _TOKEN.fullmatch(word) and (tokens := _TOKEN.findall(word))
        }
        phrase_ends: dict[str, tuple[int, ...]] = {}
        for i, (_, last) in phrases.items():
            for form in _plurals(last):
                phrase_ends[form] = (*phrase_ends.get(form, ()), i)
        object.__setattr__(self, "_forms", forms)
        object.__setattr__(self, "_phrases", phrases)
        object.__setattr__(self, "_phrase_ends", phrase_ends)
        object.__setattr__(self, "ends", forms.union(phrase_ends))

    def used_in(self, words: Words) -> bool:
        if self.ends.isdisjoint(words.tokens):
            return False
        if not self._forms.isdisjoint(words.tokens):
            return True
        # The group's few phrase endings, each looked up in the text's tokens (not the other way round).
        ending = (i for token, phrases in self._phrase_ends.items() if token in words.tokens for i in phrases)
        return any(self._has(i, words, plural=True) for i in ending)

    def lacking(self, words: Words) -> list[str]:
        """The group's words that ``words`` lacks.

        'posts' uses the group of 'post', and still lacks 'post' itself: a search for
        the whole word 'post' should find it.
        """
        return [
            word
            for i, word in enumerate(self.words)
            if not (self._has(i, words, plural=False) if i in self._phrases else word in words.tokens)
        ]

    def _has(self, i: int, words: Words, plural: bool) -> bool:
        inner, last = self._phrases[i]
        if not inner <= words.tokens or words.tokens.isdisjoint(_plurals(last) if plural else (last,)):
            return False  # a phrase cannot be there without each of its words
        return _has_whole(words.text, self.words[i], plural)


def _plurals(word: str) -> tuple[str, str, str]:
    return word, word + "s", word + "es"


def load_groups(path: Path, src: str, shown: str) -> tuple[SynonymGroup, ...]:
    """The groups of the synonyms file at ``path`` (``src`` under docs/, ``shown`` as problems name it).

    The search-tuning hook is the only reader of this file; raises ContentError for each fault in it.
    """
    if not path.is_file():
        raise ContentError([Problem(shown, "synonyms file not found", "check extra.search_tuning.synonyms")])
    data, problems = parse_yaml(path.read_text(encoding="utf-8"), shown)
    if not problems:
        problems = validate([Record(KIND, shown, src, data)])
    if problems:
        raise ContentError(problems)
    return compile_groups(data[KIND])


def compile_groups(entries: Iterable[Mapping[str, Any]]) -> tuple[SynonymGroup, ...]:
    """Groups from validated data entries (each has a 'words' list)."""
    return tuple(SynonymGroup(tuple(plain(word) for word in entry["words"])) for entry in entries)


class GroupFinder:
    """The groups a text uses, looked for only among those that end in one of its tokens."""

    def __init__(self, groups: Sequence[SynonymGroup]) -> None:
        self.groups = groups
        self._ending: dict[str, list[int]] = {}  # token -> positions of the groups a use can end in it
        for position, group in enumerate(groups):
            for token in group.ends:
                self._ending.setdefault(token, []).append(position)
        self._tokens = frozenset(self._ending)

    def used(self, words: Words) -> list[int]:
        """Positions of the groups ``words`` uses, in order."""
        near = {position for token in words.tokens & self._tokens for position in self._ending[token]}
        return [position for position in sorted(near) if self.groups[position].used_in(words)]

    def added(self, words: Words, used: Iterable[int]) -> str:
        """Words to add so ``words`` is also found by every synonym of the groups it uses, ``used`` (positions)."""
        added: dict[str, None] = {}
        for position in used:
            added.update(dict.fromkeys(self.groups[position].lacking(words)))
        return " ".join(added)
