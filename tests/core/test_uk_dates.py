"""Dates as UK learners type them: day first, many forms, impossible days refused."""

from __future__ import annotations

from datetime import date

import pytest

from portfolio.domain.dates import parse_uk_date

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    "text",
    [
        "14/10/2026", "14-10-2026", "14.10.2026", "14/10/26", " 14 / 10 / 2026 ", "2026-10-14",
        "14 Oct 2026", "14 October 2026", "14th October 2026", "14 oct. 2026", "October 14, 2026",
        "oct 14 2026",
    ],
)  # fmt: skip
def test_common_forms_read_day_first(text: str) -> None:
    assert parse_uk_date(text, today=TODAY) == date(2026, 10, 14)


def test_day_first_even_when_both_could_be_months() -> None:
    assert parse_uk_date("03/04/2026") == date(2026, 4, 3)


def test_words_and_empty() -> None:
    assert parse_uk_date("today", today=TODAY) == TODAY
    assert parse_uk_date("Yesterday", today=TODAY) == date(2026, 12, 2)
    assert parse_uk_date("   ") is None


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("31/02/2026", "not a day in the calendar"),
        ("14 Smarch 2026", "no month"),
        ("TRAPTEST", "is not a date"),
        ("14/10", "is not a date"),
        ("Not setTRAPTEST14/10/2026Z", "is not a date"),
    ],
)
def test_what_is_not_a_date_is_refused_with_a_reason(text: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        parse_uk_date(text, today=TODAY)


def test_september_has_two_short_forms() -> None:
    assert parse_uk_date("1 Sept 2026") == parse_uk_date("1 Sep 2026") == date(2026, 9, 1)
