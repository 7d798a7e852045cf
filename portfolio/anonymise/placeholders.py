"""Consistent placeholders within one document, and the plan that every format handler applies.

A document is a list of text segments (a text file is one; a Word document has one per
paragraph; a PDF one per page). ``plan_redactions`` finds personal data in every segment, drops
what the learner rejected as a false positive, and gives each distinct value one placeholder for
the whole document: the same person is ``[CUSTOMER 1]`` or ``[PERSON 2]`` everywhere ("Anita
Patel", "Mrs Patel" and "Anita" are one person), the same email address ``[EMAIL 1]``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from portfolio.anonymise.detect import Finding, collector_paused, find_personal_data
from portfolio.anonymise.names import is_customer_context
from portfolio.anonymise.report import Redaction
from portfolio.domain.text_match import normalise
from portfolio.progress import CancelToken, check

LABELS: dict[str, str] = {
    "email": "EMAIL",
    "phone": "PHONE",
    "postcode": "POSTCODE",
    "ni_number": "NI NUMBER",
    "nhs_number": "NHS NUMBER",
    "card": "CARD NUMBER",
    "bank": "BANK DETAILS",
    "date_of_birth": "DATE OF BIRTH",
    "address": "ADDRESS",
    "term": "REDACTED",
}
_NAME_WORD = re.compile(r"[^\W\d_]{2,}")
SegmentHint = tuple[int, int, int, str]
"""``(segment index, start, end, label)``: a labelled cell or field inside one segment."""


_NOT_ALNUM = re.compile(r"[^0-9a-z]")


def _value_key(finding: Finding) -> str:
    return _value_key_of(finding.category, finding.text)


@lru_cache(maxsize=4096)  # each finding is looked up twice, and values repeat
def _value_key_of(category: str, text: str) -> str:
    if category in ("phone", "card", "bank", "ni_number", "nhs_number", "postcode"):
        return _NOT_ALNUM.sub("", text.casefold())
    return normalise(text)


@dataclass
class _Person:
    words: tuple[str, ...]
    customer: bool = False
    placeholder: str = ""


@dataclass
class PlaceholderMap:
    """Assigns one placeholder per distinct value (and per person) within one document."""

    _values: dict[tuple[str, str], str] = field(default_factory=dict)
    _people: list[_Person] = field(default_factory=list)
    _person_of: dict[tuple[str, ...], _Person] = field(default_factory=dict)

    @classmethod
    def build(cls, observed: Sequence[tuple[Finding, bool]]) -> PlaceholderMap:
        """Number every value in order of first appearance; ``bool`` = seen as a customer."""
        mapping = cls()
        counters: dict[str, int] = {}
        names = [(f, customer) for f, customer in observed if f.category == "name"]
        # Full names first, so a lone "Patel" can join "Anita Patel".
        for finding, customer in sorted(names, key=lambda item: -len(_words(item[0]))):
            mapping._observe_name(_words(finding), customer)
        order = {id(p): i for i, p in enumerate(mapping._people)}
        first_seen: dict[int, int] = {}
        for position, (finding, _) in enumerate(names):
            person = mapping._person_of[_words(finding)]
            first_seen.setdefault(id(person), position)
        for person in sorted(mapping._people, key=lambda p: first_seen.get(id(p), order[id(p)])):
            label = "CUSTOMER" if person.customer else "PERSON"
            counters[label] = counters.get(label, 0) + 1
            person.placeholder = f"[{label} {counters[label]}]"
        for finding, _ in observed:
            if finding.category == "name":
                continue
            key = (finding.category, _value_key(finding))
            if key not in mapping._values:
                label = LABELS[finding.category]
                counters[label] = counters.get(label, 0) + 1
                mapping._values[key] = f"[{label} {counters[label]}]"
        return mapping

    def _observe_name(self, words: tuple[str, ...], customer: bool) -> None:
        person = self._person_of.get(words)
        if person is None:
            if len(words) == 1:
                matches = [p for p in self._people if words[0] in p.words]
                person = matches[0] if len(matches) == 1 else None
            if person is None:
                person = _Person(words)
                self._people.append(person)
            self._person_of[words] = person
        person.customer = person.customer or customer

    def placeholder(self, finding: Finding) -> str:
        """The placeholder for ``finding`` (which must have been passed to ``build``)."""
        if finding.category == "name":
            return self._person_of[_words(finding)].placeholder
        return self._values[(finding.category, _value_key(finding))]


def _words(finding: Finding) -> tuple[str, ...]:
    return _name_words(finding.text)


@lru_cache(maxsize=4096)
def _name_words(text: str) -> tuple[str, ...]:
    """A name's identity; cached, as a document names the same people over and over and
    each finding is looked up several times."""
    words = tuple(w.casefold() for w in _NAME_WORD.findall(text))
    return words or (normalise(text),)


@dataclass(frozen=True)
class SegmentPlan:
    """What to replace in one segment: ``(finding, placeholder)`` pairs, sorted by start."""

    text: str
    replacements: tuple[tuple[Finding, str], ...]

    def apply(self) -> str:
        """The segment's text with every finding replaced by its placeholder."""
        out: list[str] = []
        cursor = 0
        for finding, placeholder in self.replacements:
            out.append(self.text[cursor : finding.start])
            out.append(placeholder)
            cursor = finding.end
        out.append(self.text[cursor:])
        return "".join(out)


def plan_redactions(
    segments: Sequence[str],
    *,
    terms: Sequence[str] = (),
    rejected: Collection[str] = (),
    hints: Sequence[SegmentHint] = (),
    cancel: CancelToken | None = None,
) -> tuple[list[SegmentPlan], list[Redaction]]:
    """Detect personal data in every segment and give each finding its placeholder.

    The segments are searched as one text, one per line, so context carries across them (a
    signature's "Kind regards," paragraph names the next one). Returns one plan per segment and
    the document's redactions in reading order. Findings whose text the learner ``rejected``
    (case- and spacing-insensitive) are left alone. ``hints`` are ``(segment, start, end,
    label)``: a table cell or form field within a segment and its column header or label.
    """
    # Detection pauses the garbage collector for itself; the findings, placeholders and plans
    # made from its result are as many small objects again, none in a cycle.
    with collector_paused():
        return _plan(segments, terms, rejected, hints, cancel)


def _plan(
    segments: Sequence[str],
    terms: Sequence[str],
    rejected: Collection[str],
    hints: Sequence[SegmentHint],
    cancel: CancelToken | None,
) -> tuple[list[SegmentPlan], list[Redaction]]:
    check(cancel)
    joined = "\n".join(segments)
    starts: list[int] = []
    offset = 0
    for text in segments:
        starts.append(offset)
        offset += len(text) + 1
    joined_hints = [(starts[i] + s, starts[i] + e, label) for i, s, e, label in hints]
    refused = {normalise(r) for r in rejected}
    findings = find_personal_data(joined, terms, joined_hints)
    if refused:
        findings = [f for f in findings if normalise(f.text) not in refused]
    check(cancel)
    observed = [
        (f, f.category == "name" and is_customer_context(joined, f.start)) for f in findings
    ]
    mapping = PlaceholderMap.build(observed)
    if len(segments) == 1:
        # One segment (a text file, an entry): each finding is its own local finding.
        size = len(joined)
        placed = [(f, mapping.placeholder(f)) for f in findings]
        kept = tuple((f, p) for f, p in placed if min(f.end, size) > max(f.start, 0))
        return [SegmentPlan(joined, kept)], [Redaction(f.category, f.text, p) for f, p in placed]
    pairs: list[list[tuple[Finding, str]]] = [[] for _ in segments]
    redactions: list[Redaction] = []
    for finding in findings:
        placeholder = mapping.placeholder(finding)
        redactions.append(Redaction(finding.category, finding.text, placeholder))
        index = bisect.bisect_right(starts, finding.start) - 1
        first = True
        while index < len(segments) and starts[index] < finding.end:
            base = starts[index]
            local_start = max(finding.start, base) - base
            local_end = min(finding.end, base + len(segments[index])) - base
            if local_end > local_start:
                # Within the first segment the finding is its own local finding (a text
                # file is one segment: no copy per finding).
                local = (
                    finding
                    if base == 0 and (local_start, local_end) == (finding.start, finding.end)
                    else Finding(
                        local_start,
                        local_end,
                        finding.category,
                        segments[index][local_start:local_end],
                    )
                )
                pairs[index].append((local, placeholder if first else ""))
                first = False
            index += 1
    plans = [SegmentPlan(text, tuple(p)) for text, p in zip(segments, pairs, strict=True)]
    return plans, redactions
