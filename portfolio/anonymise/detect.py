"""Find personal data in plain text: the one detector every format and the writing coach share.

``find_personal_data(text, terms)`` runs the pattern detectors (email, phone, postcode, NI
number, card, bank details, date of birth, address), the name detector and the learner's own
term list, then resolves overlaps: the longest span wins, ties go to the more specific category.
The result is sorted by start and never overlaps. It is fast enough to run while the learner
types (a 2,000-word entry takes a few milliseconds).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from portfolio.anonymise.names import find_names
from portfolio.anonymise.patterns import PATTERN_DETECTORS

CATEGORIES: tuple[str, ...] = (
    "term",
    "email",
    "card",
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
    ordered = sorted(set(candidates), key=lambda c: (-(c[1] - c[0]), _RANK[c[2]], c[0]))
    taken: list[tuple[int, int, str]] = []
    starts: list[int] = []
    for start, end, category in ordered:
        if end <= start:
            continue
        i = bisect.bisect_left(starts, start)
        if i > 0 and taken[i - 1][1] > start:
            continue
        if i < len(taken) and taken[i][0] < end:
            continue
        starts.insert(i, start)
        taken.insert(i, (start, end, category))
    return taken


def find_personal_data(text: str, terms: Sequence[str] = ()) -> list[Finding]:
    """Find personal data in ``text``: findings sorted by start, never overlapping.

    ``terms`` are the learner's own words to remove (employer, colleagues, regular customers,
    places), matched case-insensitively as whole words, with any run of spaces between words.
    """
    candidates: list[tuple[int, int, str]] = list(_find_terms(text, terms))
    for detector in PATTERN_DETECTORS:
        candidates.extend(detector(text))
    candidates.extend(find_names(text))
    return [Finding(s, e, c, text[s:e]) for s, e, c in _resolve(candidates)]
