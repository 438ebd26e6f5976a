"""Synonym groups: words that mean the same to a reader, found as whole words in plain text."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

_TAG = re.compile(r"<[^>]*>")
# Material splits words on whitespace and hyphens; match the same way.
_SEPARATOR = re.compile(r"[\s\-]+")


def plain(text: str) -> str:
    """Index text as words: no markup, lowercase, curly apostrophes straightened, hyphens as spaces."""
    words = html.unescape(_TAG.sub(" ", text)).lower().replace("\u2019", "'")
    return _SEPARATOR.sub(" ", words).strip()


def _whole(word: str, plural: bool) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(word)}{'(?:e?s)?' if plural else ''}(?!\w)")


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
    words: tuple[str, ...]
    uses: tuple[re.Pattern[str], ...]  # the word, or the word with a trailing s or es
    exact: tuple[re.Pattern[str], ...]  # the word itself

    def used_in(self, words: Words) -> bool:
        return any(
            self._found(word, pattern, words, plural=True) for word, pattern in zip(self.words, self.uses, strict=True)
        )

    def missing_from(self, words: Words) -> list[str]:
        """The group's words that ``words`` lacks, if it uses any of them; else nothing.

        'posts' uses the group of 'post', and still lacks 'post' itself: a search for
        the whole word 'post' should find it.
        """
        if not self.used_in(words):
            return []
        return [
            word
            for word, pattern in zip(self.words, self.exact, strict=True)
            if not self._found(word, pattern, words, plural=False)
        ]

    @staticmethod
    def _found(word: str, pattern: re.Pattern[str], words: Words, plural: bool) -> bool:
        # Set look-ups give the same answer as the pattern, far faster: a one-token word is
        # decided by them alone, a phrase only reaches its pattern when its first word is there.
        if _TOKEN.fullmatch(word):
            return word in words.tokens or (plural and not words.tokens.isdisjoint((word + "s", word + "es")))
        first = _TOKEN.match(word)
        if first and first.group(0) not in words.tokens:
            return False  # a phrase cannot be there without its first word
        return pattern.search(words.text) is not None


def compile_groups(entries: Iterable[Mapping[str, Any]]) -> tuple[SynonymGroup, ...]:
    """Groups from validated data entries (each has a 'words' list)."""
    groups = []
    for entry in entries:
        words = tuple(plain(word) for word in entry["words"])
        groups.append(
            SynonymGroup(
                words, tuple(_whole(word, plural=True) for word in words), tuple(_whole(w, plural=False) for w in words)
            )
        )
    return tuple(groups)


def expand(words: Words, groups: Sequence[SynonymGroup]) -> str:
    """Words to add so ``words`` is also found by every synonym of the words it uses."""
    added: dict[str, None] = {}
    for group in groups:
        added.update(dict.fromkeys(group.missing_from(words)))
    return " ".join(added)
