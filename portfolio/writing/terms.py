"""Text to search terms for the criterion suggester: words, stems, stop words and domain concepts.

A text becomes a bag of terms: the Snowball (Porter 2) stems of its words, minus stop words, plus
one concept term for every domain phrase it contains ("body language", "eye contact" and "smiled"
all add the concept "non-verbal communication"). Criteria and entries go through the same steps,
so a learner's "I kept eye contact" meets a criterion that says "non-verbal cues". Each term keeps
the learner's own words, so the suggestions panel can show what matched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from portfolio.writing.phrases import load_writing_data, normalise_quotes

CONCEPT_PREFIX = "~"
"""Concept terms start with this, so they can never collide with a word stem."""

MAX_CONCEPT_PHRASES = 3

# Letters with inner apostrophes; hyphens and digits split words ("non-verbal" -> non, verbal).
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")


@cache
def _stemmer() -> Any:
    """Snowball's English stemmer, made on first use.

    Importing ``snowballstemmer`` runs its ``__init__``, which loads all thirty-odd languages:
    most of `portfolio suggest`'s start-up. Only the English module (and the two it imports
    relatively) is loaded here, through a private package name that points at the installed
    package's folder, so the real ``snowballstemmer`` module is left untouched for anyone else.
    """
    import importlib
    import importlib.util
    import sys
    import types

    name = "_portfolio_snowball"
    if name not in sys.modules:
        spec = importlib.util.find_spec("snowballstemmer")
        if spec is None or not spec.submodule_search_locations:
            import snowballstemmer

            return snowballstemmer.stemmer("english")
        package = types.ModuleType(name)
        package.__path__ = list(spec.submodule_search_locations)
        sys.modules[name] = package
    english = importlib.import_module(f"{name}.english_stemmer")
    return english.EnglishStemmer()


@cache
def _shipped_stems() -> dict[str, str]:
    """The stems of every bundled word (portfolio/writing/stem_table.py). The table records the
    snowballstemmer version that made it; tests/core/writing/test_stem_table.py checks it still
    matches the installed stemmer, so no version look-up is paid at start-up."""
    return dict(load_writing_data("stems")["stems"])


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The Snowball English stem of one lower-case word (cached: vocabularies are small)."""
    shipped = _shipped_stems().get(word)
    return shipped if shipped is not None else str(_stemmer().stemWord(word))


@cache
def stop_words() -> frozenset[str]:
    """Lower-case words that never count as evidence (resources/writing/stopwords.json)."""
    data = load_writing_data("stopwords")
    return frozenset(w.lower() for key, words in data.items() if key[:1] != "_" for w in words)


@cache
def stop_stems() -> frozenset[str]:
    """Stems of the stop words, so "explained" is ignored as well as "explain"."""
    return frozenset(stem(word) for word in stop_words())


@cache
def generic_stems() -> frozenset[str]:
    """Stems of role and place nouns that match most criteria (generic_words.json)."""
    return frozenset(stem(w.lower()) for w in load_writing_data("generic_words")["words"])


@dataclass(frozen=True, slots=True)
class _Token:
    word: str  # lower case, possessive 's removed
    stem: str
    start: int
    end: int


def _tokens(text: str) -> list[_Token]:
    """Tokens of a quote-normalised text."""
    tokens: list[_Token] = []
    for m in _WORD.finditer(text):
        word = m.group(0).lower()
        if word.endswith("'s"):
            word = word[:-2]
        tokens.append(_Token(word, stem(word), m.start(), m.end()))
    return tokens


@dataclass(frozen=True, slots=True)
class _Concepts:
    """Stemmed phrase -> concept names, indexed by the phrase's first stem."""

    by_first: dict[str, list[tuple[tuple[str, ...], str]]]


def concept_phrases() -> dict[str, list[str]]:
    """Concept -> phrases: synonyms.json merged with the seed-cited paraphrases.json."""
    merged: dict[str, list[str]] = {
        concept: list(phrases)
        for concept, phrases in load_writing_data("synonyms")["concepts"].items()
    }
    for group in load_writing_data("paraphrases")["groups"]:
        merged.setdefault(group["concept"], []).extend(group["phrases"])
    return merged


@cache
def _concepts() -> _Concepts:
    data = concept_phrases()
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for concept, phrases in data.items():
        for phrase in {concept, *phrases}:
            stems = tuple(t.stem for t in _tokens(normalise_quotes(phrase)))
            if stems and (stems, concept) not in by_first.get(stems[0], []):
                by_first.setdefault(stems[0], []).append((stems, concept))
    for options in by_first.values():
        options.sort(key=lambda option: -len(option[0]))
    return _Concepts(by_first)


@dataclass(slots=True)
class TermBag:
    """Term frequencies of a text, with the first words that produced each term."""

    counts: dict[str, float] = field(default_factory=dict)
    # Where each term came from in ``text``: the first place for a word; for a concept, the
    # first place of each different phrase (up to MAX_CONCEPT_PHRASES), e.g. "smiled" and
    # "eye contact" for non-verbal communication.
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    text: str = ""  # the (quote-normalised) text analysed last
    length: int = 0  # non-stop words

    def add(self, term: str, weight: float, span: tuple[int, int]) -> None:
        self.counts[term] = self.counts.get(term, 0.0) + weight
        places = self.spans.setdefault(term, [])
        if not places:
            places.append(span)
        elif term.startswith(CONCEPT_PREFIX) and len(places) < MAX_CONCEPT_PHRASES:
            phrase = self.text[span[0] : span[1]].lower()
            if all(self.text[a:b].lower() != phrase for a, b in places):
                places.append(span)


def analyse(text: str, bag: TermBag | None = None, weight: float = 1.0) -> TermBag:
    """Add the terms of ``text`` to ``bag`` (a new one if None), each counted ``weight`` times."""
    bag = bag if bag is not None else TermBag()
    text = normalise_quotes(text)
    bag.text = text
    tokens = _tokens(text)
    stops, stopped_stems = stop_words(), stop_stems()
    for token in tokens:
        if len(token.word) > 1 and token.word not in stops and token.stem not in stopped_stems:
            bag.add(token.stem, weight, (token.start, token.end))
            bag.length += 1
    concepts = _concepts().by_first
    stems = [t.stem for t in tokens]
    for i, first in enumerate(stems):
        for phrase, concept in concepts.get(first, ()):
            n = len(phrase)
            if tuple(stems[i : i + n]) == phrase:
                bag.add(CONCEPT_PREFIX + concept, weight, (tokens[i].start, tokens[i + n - 1].end))
    return bag


def term_counts(text: str) -> dict[str, float]:
    """``analyse(text).counts`` without keeping where each term came from: the same terms and
    counts, about three times faster, for the learning model's many whole entries."""
    stops, stopped_stems = stop_words(), stop_stems()
    counts: dict[str, float] = {}
    stems: list[str] = []
    for found in _WORD.findall(normalise_quotes(text)):
        word = found.lower()  # per word, as analyse does: a few letters grow when lowered
        if word.endswith("'s"):
            word = word[:-2]
        stemmed = stem(word)
        stems.append(stemmed)
        if len(word) > 1 and word not in stops and stemmed not in stopped_stems:
            counts[stemmed] = counts.get(stemmed, 0.0) + 1.0
    concepts = _concepts().by_first
    for i, first in enumerate(stems):
        for phrase, concept in concepts.get(first, ()):
            if tuple(stems[i : i + len(phrase)]) == phrase:
                term = CONCEPT_PREFIX + concept
                counts[term] = counts.get(term, 0.0) + 1.0
    return counts


def analyse_all(texts: Iterable[str], weight: float, bag: TermBag) -> None:
    """Add several texts to one bag with the same weight."""
    for text in texts:
        analyse(text, bag, weight)
