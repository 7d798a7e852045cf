"""Find personal data in plain text: the one detector every format and the writing coach share.

``find_personal_data(text, terms, hints)`` runs the pattern detectors (email, phone, NHS
number, postcode, NI number, card, bank details, date of birth, address), the name detector,
the learner's own term list and the values of labelled table cells and form fields (``hints``
from the format handlers, plus the pipe and tab tables of plain text), then resolves overlaps:
the longest span wins, ties go to the more specific category. Every person found is then looked
for again across the whole text (first name alone, surname alone, initial and surname,
possessive, any case), so one good sighting covers them everywhere. The result is sorted by
start and never overlaps. It is fast enough to run while the learner types.
"""

from __future__ import annotations

import bisect
import gc
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

from portfolio.anonymise import gazetteer
from portfolio.anonymise.chat_clips import addressed_clips
from portfolio.anonymise.fields import Hint, field_values, table_hints
from portfolio.anonymise.initials import initials_spans
from portfolio.anonymise.label_lists import listed_people
from portfolio.anonymise.labels import label_kind
from portfolio.anonymise.lexicon import COMMON, lexicon, zipf
from portfolio.anonymise.names import (
    cell_names,
    find_names,
    name_words,
    propagate,
    short_forms,
    speakers,
    tokens,
)
from portfolio.anonymise.patterns import DIGIT_DETECTORS, PATTERN_DETECTORS, has_digit

CATEGORIES: tuple[str, ...] = (
    "term",
    "email",
    "card",
    "nhs_number",
    "ni_number",
    "date_of_birth",
    "bank",
    "phone",
    "postcode",
    "address",
    "name",
)
"""Every category, most specific first (this order breaks ties between equal-length spans)."""

_RANK = {category: rank for rank, category in enumerate(CATEGORIES)}


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: ``text[start:end]`` belongs to ``category``."""

    start: int
    end: int
    category: str
    text: str


@lru_cache(maxsize=32)
def _term_regex(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    parts = []
    for term in sorted({t.strip() for t in terms if t.strip()}, key=len, reverse=True):
        words = [re.escape(word) for word in term.split()]
        parts.append(r"\s+".join(words))
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def _find_terms(text: str, terms: Sequence[str]) -> Iterable[tuple[int, int, str]]:
    regex = _term_regex(tuple(terms))
    if regex is None:
        return
    for match in regex.finditer(text):
        yield match.start(), match.end(), "term"


def _resolve(candidates: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Keep the longest candidates that do not overlap a kept one (ties: specific category)."""
    return _Order(candidates).resolve()


class _Order:
    """Candidates in the order ``_resolve`` takes them, kept so that a few more can be added
    (the people found again across the text) without sorting them all again."""

    def __init__(self, candidates: Iterable[tuple[int, int, str]]) -> None:
        self.unique = set(candidates)
        self.size = 1 + max((end for _, end, _ in self.unique if end > 0), default=0)
        self.numbers = self._numbers(self.unique)
        self.numbers.sort()

    def _numbers(self, candidates: Iterable[tuple[int, int, str]]) -> list[int]:
        # Longest first, then the more specific category, then leftmost: written as one
        # integer per candidate (length, rank and start as digits of a mixed-radix number).
        # The integer holds the whole candidate (an empty or reversed span has nothing to
        # keep and is left out), so the integers are sorted alone, without a key function
        # called per candidate, and each is read back into its span.
        ranks, rank, size = len(_RANK), _RANK, self.size
        return [((s - e) * ranks + rank[c]) * size + s for s, e, c in candidates if e > s]

    def add(self, candidates: Iterable[tuple[int, int, str]]) -> _Order:
        """This order with ``candidates`` added (the same as made from all of them)."""
        new = set(candidates) - self.unique
        if not new:
            return self
        if max(end for _, end, _ in new) >= self.size:
            return _Order([*self.unique, *new])  # a start must stay below the radix
        self.unique |= new
        more = self._numbers(new)
        more.sort()
        self.numbers += more
        self.numbers.sort()  # two sorted runs: merged in one pass
        return self

    def resolve(self) -> list[tuple[int, int, str]]:
        """Keep the longest candidates that do not overlap a kept one."""
        size, ranks = self.size, len(_RANK)
        taken: list[tuple[int, int, str]] = []
        # One byte per character, set where a kept span lies: an overlap test is one search
        # in C, where keeping the kept spans in a sorted list cost a list insert (a memmove)
        # per span.
        covered = bytearray(size)
        for number in self.numbers:
            rest, start = divmod(number, size)
            shorter, category = divmod(rest, ranks)
            end = start - shorter
            if covered.find(1, start, end) != -1:
                continue
            covered[start:end] = b"\x01" * (end - start)
            taken.append((start, end, CATEGORIES[category]))
        taken.sort()
        return taken


def find_personal_data(
    text: str, terms: Sequence[str] = (), hints: Sequence[Hint] = ()
) -> list[Finding]:
    """Find personal data in ``text``: findings sorted by start, never overlapping.

    ``terms`` are the learner's own words to remove (employer, colleagues, regular customers,
    places), matched case-insensitively as whole words, with any run of spaces between words.
    ``hints`` are ``(start, end, label)``: a table cell or form field and its column header or
    label ("Staff", "DOB", "Sort code"), which says what the value holds.
    """
    with collector_paused():
        return _find(text, terms, hints)


@contextmanager
def collector_paused() -> Iterator[None]:
    """The garbage collector paused for a block that allocates and frees many small objects.

    The detector makes one tuple per word and per candidate (about 300,000 for 1 MB of text)
    and frees them all when it returns; none is part of a cycle, and neither are the findings
    and placeholders made from them. With the collector on, those allocations trigger
    collections that walk every one of them and find nothing (about a fifth of the time on
    long text). It is paused only when it was on (so a caller that paused it keeps it paused,
    and nested pauses are one), and turned back on however the block ends.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _find(text: str, terms: Sequence[str], hints: Sequence[Hint]) -> list[Finding]:
    candidates: list[tuple[int, int, str]] = list(_find_terms(text, terms))
    digits = has_digit(text)  # an entry being typed often has none
    for detector in PATTERN_DETECTORS:
        if digits or detector not in DIGIT_DETECTORS:
            candidates.extend(detector(text))
    words = tokens(text, lexicon())
    chat = speakers(text)
    all_hints = (*table_hints(text), *hints)
    things = sorted((s, e) for s, e, label in all_hints if label_kind(label) == "thing")
    thing_runs: list[tuple[int, int]] = []
    names = list(find_names(text, words, chat, things, thing_runs, gazetteer.keeps))
    names += listed_people(text)  # "Present: Shauna Kerr, Babajide and Ifeoluwa"
    names += addressed_clips(text, chat)  # "[10:30] Kevin Oyelaran: Mo the kit is ..."
    cell_people: list[tuple[int, int, str]] = []
    for start, end, label in all_hints:
        for span in field_values(text, start, end, label):
            (cell_people if span[2] == "name" else candidates).append(span)
    # A cell whose own header says it holds things ("Company") holds no person, whatever a
    # wider label above it says.
    candidates.extend(_outside(sorted(cell_people), things))
    order = _Order([*candidates, *_outside(names, things)])
    resolved = order.resolve()
    mates = _column_mates(text, all_hints, resolved)
    if mates:
        candidates.extend(mates)
        order = _Order([*candidates, *_outside(names, things)])
        resolved = order.resolve()
    known = name_words(text[s:e] for s, e, c in resolved if c == "name")
    if known:
        speaking = {start for start, _ in chat}
        confident = name_words(
            text[s:e]
            for s, e, c in resolved
            if c == "name" and (s in speaking or text[s:e].islower())
        )
        clipped = short_forms(confident)  # "kev" in a chat where Kevin speaks
        again = list(propagate(text, words, known | clipped, frozenset(confident | clipped)))
        again += initials_spans(text, (text[s:e] for s, e, c in resolved if c == "name"))
        # Not where the document uses the word as a thing ("Stanley knives" beside
        # "Stanley Okereke"); runs are apart, so a containing run is found by bisect.
        again = _outside(again, sorted(thing_runs)) if thing_runs else again
        # Nor inside a brand, organisation or place named like a person ("Sue Ryder" in a
        # document about Sue Okafor), unless that is the person's own name.
        again = gazetteer.outside_listed(
            text, again, (text[s:e] for s, e, c in resolved if c == "name")
        )
        # The same as resolving the candidates and all the names again: the names found
        # before are in ``order`` already.
        resolved = order.add(_outside(again, things)).resolve()
    return [Finding(s, e, c, text[s:e]) for s, e, c in resolved]


def _column_mates(
    text: str, hints: Iterable[Hint], resolved: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """People in a column whose header says nothing ("Cook", "Driver") but most of whose
    cells are people found already: the column's other cells written as names are people too
    ("Priyanka Venkatesh" under "Cook" beside "Daisy Fletcher" and "Tadhg Ó Ceallaigh")."""
    columns: dict[str, list[tuple[int, int]]] = {}
    for start, end, label in hints:
        if label_kind(label) is None:
            value = text[start:end]
            stripped = value.strip()
            if stripped:
                lead = start + value.find(stripped)
                columns.setdefault(label.strip().lower(), []).append((lead, lead + len(stripped)))
    if not columns:
        return []
    named = {(s, e) for s, e, c in resolved if c == "name"}
    lex = lexicon()
    found: list[tuple[int, int, str]] = []
    for cells in columns.values():
        if len(cells) < 3:
            continue
        whole = sum(1 for cell in cells if cell in named)
        if whole < 2 or whole * 2 < len(cells):
            continue
        for start, end in cells:
            if (start, end) in named:
                continue
            for span in cell_names(text, start, end):
                words = tokens(text[span[0] : span[1]])
                if words and all(lex.is_name(w.text) or zipf(w.text) < COMMON for w in words):
                    found.append(span)  # not "Robot Coupe": a common word is no name here
    return found


def _outside(
    spans: list[tuple[int, int, str]], cells: list[tuple[int, int]]
) -> list[tuple[int, int, str]]:
    """The spans not inside a cell whose header says it holds things ("Bank", "Course")."""
    if not cells:
        return spans
    starts = [s for s, _ in cells]
    kept = []
    for span in spans:
        i = bisect.bisect_right(starts, span[0]) - 1
        if i >= 0 and cells[i][0] <= span[0] and span[1] <= cells[i][1]:
            continue
        kept.append(span)
    return kept
