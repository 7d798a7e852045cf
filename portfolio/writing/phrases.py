"""Phrase lists from resources/writing compiled into fast, case-insensitive matchers.

The coach runs on every pause in typing, so each list becomes one compiled regular expression
(an alternation, longest phrase first) that scans a section once. The lists themselves are data
in ``resources/writing/*.json``, never dicts in code (STYLE.md, review checklist).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from portfolio.domain.star import word_count
from portfolio.resources import resource_path

# Curly quotes become straight ones before matching; same length, so spans stay valid.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def normalise_quotes(text: str) -> str:
    """The text with curly apostrophes made straight (length and offsets unchanged)."""
    return text.translate(_APOSTROPHES)


_TOKEN = re.compile(r"\w+(?:['-]\w+)*|%")


@dataclass(frozen=True, slots=True)
class Match:
    """One phrase found in a text: where it is and the words as the learner wrote them."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class _Analysed:
    """A text split into lower-case tokens, with where each distinct token occurs."""

    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    positions: dict[str, list[int]]
    distinct: tuple[str, ...]  # sorted, for prefix look-ups


@lru_cache(maxsize=256)
def _analyse(text: str) -> _Analysed:
    # Cached per string: one coach run asks a dozen lists about the same few texts.
    lower = text.lower()
    if len(lower) != len(text):  # a few characters grow when lower-cased; keep offsets true
        lower = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    spans = [m.span() for m in _TOKEN.finditer(lower)]
    words = [lower[start:end] for start, end in spans]
    positions: dict[str, list[int]] = {}
    for i, word in enumerate(words):
        positions.setdefault(word, []).append(i)
    return _Analysed(tuple(words), tuple(spans), positions, tuple(sorted(positions)))


class _Followers:
    """The phrases that start with one word."""

    __slots__ = ("alone", "by_second", "open_second")

    def __init__(self) -> None:
        self.alone = False  # the word is a phrase by itself
        self.open_second: list[str] = []  # two-word phrases whose second word ends in '*'
        self.by_second: dict[str, list[tuple[tuple[str, ...], bool]]] = {}


def _phrase_tokens(phrase: str) -> tuple[tuple[str, ...], bool]:
    prefix = phrase.endswith("*")
    body = phrase[:-1] if prefix else phrase
    return tuple(t.lower() for t in _TOKEN.findall(body)), prefix


class PhraseMatcher:
    """Finds any phrase of a list in a text, ignoring case, as whole words.

    Phrases are compared token by token (words, with inner apostrophes and hyphens, and '%'),
    so punctuation and spacing between words do not matter. A phrase ending in '*' lets its
    last word have any ending. Matching looks up each phrase's first word (and then its second)
    in an index of the text rather than scanning it character by character, which keeps a
    1,500-word entry well under a millisecond per list.
    """

    __slots__ = ("_first", "_prefix", "phrases")

    def __init__(self, phrases: Iterable[str]) -> None:
        cleaned = (p.strip() for p in phrases)
        self.phrases: tuple[str, ...] = tuple(dict.fromkeys(p for p in cleaned if p))
        # Single words ending in '*' are found by prefix in the text's sorted vocabulary.
        self._prefix: list[str] = []
        # first word -> _Followers: is the word a phrase by itself, and the longer phrases.
        self._first: dict[str, _Followers] = {}
        for phrase in self.phrases:
            tokens, prefix = _phrase_tokens(phrase)
            if not tokens:
                continue
            if len(tokens) == 1:
                if prefix:
                    self._prefix.append(tokens[0])
                else:
                    self._first.setdefault(tokens[0], _Followers()).alone = True
                continue
            followers = self._first.setdefault(tokens[0], _Followers())
            if prefix and len(tokens) == 2:
                followers.open_second.append(tokens[1])
            else:
                followers.by_second.setdefault(tokens[1], []).append((tokens, prefix))

    def _candidates(self, text: str) -> list[tuple[int, int]]:
        """(first token index, token count) of every match, overlapping ones included."""
        doc = _analyse(text)
        words = doc.words
        size = len(words)
        found: list[tuple[int, int]] = []
        for first, followers in self._first.items():
            for i in doc.positions.get(first, ()):
                if followers.alone:
                    found.append((i, 1))
                if i + 1 >= size:
                    continue
                second = words[i + 1]
                found.extend((i, 2) for stem in followers.open_second if second.startswith(stem))
                for tokens, prefix in followers.by_second.get(second, ()):
                    n = len(tokens)
                    if i + n > size or (n > 2 and words[i : i + n - 1] != tokens[:-1]):
                        continue
                    last = words[i + n - 1]
                    if last == tokens[-1] or (prefix and last.startswith(tokens[-1])):
                        found.append((i, n))
        for stem in self._prefix:
            at = bisect_left(doc.distinct, stem)
            while at < len(doc.distinct) and doc.distinct[at].startswith(stem):
                found.extend((i, 1) for i in doc.positions[doc.distinct[at]])
                at += 1
        return found

    def finditer(self, text: str) -> Iterator[Match]:
        """Every non-overlapping match in reading order; at one place the longest phrase wins."""
        if not text:
            return
        doc = _analyse(text)
        next_free = 0
        for i, n in sorted(self._candidates(text), key=lambda c: (c[0], -c[1])):
            if i < next_free:
                continue
            start, end = doc.spans[i][0], doc.spans[i + n - 1][1]
            yield Match(start, end, text[start:end])
            next_free = i + n

    def search(self, text: str) -> Match | None:
        """The first match, or None."""
        return next(self.finditer(text), None)

    def count(self, text: str) -> int:
        """How many non-overlapping matches the text holds."""
        return sum(1 for _ in self.finditer(text))

    def occurs_in(self, texts: Iterable[str]) -> bool:
        """Whether any of the texts holds a match.

        Checking sections one by one (phrases never run across sections) reuses each
        section's cached analysis instead of analysing a joined copy of the entry.
        """
        return any(self.search(text) is not None for text in texts)


@lru_cache(maxsize=64)
def section_word_count(text: str) -> int:
    """``portfolio.domain.star.word_count``, cached: the coach and the depth estimate both ask."""
    return word_count(text)


@cache
def load_writing_data(name: str) -> Any:
    """The parsed JSON file ``resources/writing/<name>.json`` (read once per process)."""
    with resource_path("writing", f"{name}.json").open(encoding="utf-8") as handle:
        return json.load(handle)


@cache
def marker(category: str) -> PhraseMatcher:
    """The matcher for one marker category of ``markers.json`` (e.g. ``"causal"``)."""
    data = load_writing_data("markers")
    if category not in data or category.startswith("_"):
        raise KeyError(f"no marker list called {category!r} in markers.json")
    return PhraseMatcher(data[category])
