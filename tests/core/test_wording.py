"""Counts in exports get the right plural: never '1 hours' (issue 22)."""

from __future__ import annotations

import pytest

from portfolio.domain.wording import hours_text, plural


@pytest.mark.parametrize(
    ("hours", "text"),
    [(1, "1 hour"), (1.0, "1 hour"), (0, "0 hours"), (1.5, "1.5 hours"), (2, "2 hours")],
)
def test_hours(hours: float, text: str) -> None:
    assert hours_text(hours) == text


def test_plural_with_an_irregular_word() -> None:
    assert plural(1, "entry", "entries") == "1 entry"
    assert plural(3, "entry", "entries") == "3 entries"
    assert plural(1, "evidence entry", "evidence entries") == "1 evidence entry"
    assert plural(2, "file") == "2 files"
