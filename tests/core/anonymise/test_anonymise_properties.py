"""Property tests: detection never crashes or hangs on arbitrary text, and its spans are valid."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from portfolio.anonymise.detect import CATEGORIES, find_personal_data
from portfolio.anonymise.text import redact_text

_PIECES = st.sampled_from(
    [
        "Mrs ", "Patel", "Customer:", " ", "\n", "\t", "|", "07700", "900123", "+44", "(0)",
        "@", "example.co.uk", ".", ",", "-", "SK4", "2AB", "DOB", "12/03/1985", "Kind regards,",
        "Jane", "Smith", "4111", "1111", "Flat 2", "Road", "Served by", "0", "9", "A", "é",
    ]
)  # fmt: skip
_TEXTS = st.one_of(st.text(max_size=400), st.lists(_PIECES, max_size=80).map("".join))
_TERMS = st.lists(st.text(min_size=1, max_size=12), max_size=3)


@settings(max_examples=300, deadline=None)
@given(text=_TEXTS, terms=_TERMS)
def test_spans_are_valid(text, terms):
    started = time.perf_counter()
    findings = find_personal_data(text, terms)
    assert time.perf_counter() - started < 5.0  # a hang guard, not a speed claim
    previous_end = 0
    for finding in findings:
        assert 0 <= finding.start < finding.end <= len(text)
        assert finding.start >= previous_end
        assert text[finding.start : finding.end] == finding.text
        assert finding.category in CATEGORIES
        previous_end = finding.end


@settings(max_examples=150, deadline=None)
@given(text=_TEXTS)
def test_redaction_leaves_no_finding_text_behind(text):
    redacted, redactions = redact_text(text)
    assert len(redactions) == len(find_personal_data(text))
    for finding in find_personal_data(redacted):
        assert finding.category not in ("email", "card", "ni_number")


def test_pathological_inputs_stay_fast():
    for text in (
        "a" * 100_000 + "@",
        "@" * 50_000,
        "0" * 100_000,
        "1 " * 50_000,
        "A" + "a" * 50_000,
        "Aa " * 30_000,
        "Mrs " * 20_000,
        "Customer: " * 10_000,
        "0161-" * 20_000,
        ("x." * 30_000) + "@b.com",
    ):
        started = time.perf_counter()
        find_personal_data(text)
        assert time.perf_counter() - started < 10.0, text[:20]  # hang guard
