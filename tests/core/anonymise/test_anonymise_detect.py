"""Unit tests for the detectors: every category, its common forms, and what must be left alone."""

from __future__ import annotations

import dataclasses
import itertools

import pytest

from portfolio.anonymise.detect import CATEGORIES, Finding, find_personal_data


def _found(text: str, terms: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    return [(f.category, f.text) for f in find_personal_data(text, terms)]


@pytest.mark.parametrize(
    "number",
    [
        "07700 900123",
        "07700900123",
        "07700 900 123",
        "+44 7700 900456",
        "+447700900456",
        "0044 7700 900456",
        "(0161) 496 0000",
        "0161-496-0000",
        "0161 496 0000",
        "0800 123 4567",
        "0800 123 456",
        "020 7946 0958",
        "+44 (0)113 496 0123",
        "0345 300 0000",
    ],
)
def test_uk_phone_numbers(number):
    assert _found(f"Call {number} today.") == [("phone", number)]


@pytest.mark.parametrize("text", ["Order 12345 shipped", "Year 2023", "0123 4", "Room 101"])
def test_numbers_that_are_not_phones(text):
    assert [c for c, _ in _found(text) if c == "phone"] == []


@pytest.mark.parametrize(
    "postcode", ["SK4 2AB", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "W1A 0AX", "EC1A 1BB"]
)
def test_postcodes_in_every_format(postcode):
    assert _found(f"Send it to {postcode} please") == [("postcode", postcode)]
    assert _found(f"Send it to {postcode.lower()} please") == [("postcode", postcode.lower())]


def test_email_addresses():
    text = "Write to anita.patel@example.co.uk or t.nowak+shop@acme-stores.co.uk."
    assert _found(text) == [
        ("email", "anita.patel@example.co.uk"),
        ("email", "t.nowak+shop@acme-stores.co.uk"),
    ]
    assert _found("an @ sign alone, or user@ or @domain") == []


def test_ni_numbers_with_invalid_prefixes_refused():
    assert _found("NI AB 12 34 56 C and JG103759A") == [
        ("ni_number", "AB 12 34 56 C"),
        ("ni_number", "JG103759A"),
    ]
    assert _found("GB123456A or BG 12 34 56 A") == []


def test_cards_must_pass_luhn():
    assert _found("Card 4111 1111 1111 1111 ok") == [("card", "4111 1111 1111 1111")]
    assert _found("Card 5555-5555-5555-4444 ok") == [("card", "5555-5555-5555-4444")]
    assert _found("Ref 4111 1111 1111 1112 ok") == []


def test_bank_details():
    assert _found("sort code 40-12-76, account number 31926819") == [
        ("bank", "40-12-76"),
        ("bank", "31926819"),
    ]
    assert _found("Sort code: 401276. A/C no. 3192 6819") == [
        ("bank", "401276"),
        ("bank", "3192 6819"),
    ]
    assert _found("Invoice 31926819 paid") == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("DOB: 12/03/1985", "12/03/1985"),
        ("D.O.B. 12-03-85", "12-03-85"),
        ("date of birth 3rd March 1990", "3rd March 1990"),
        ("She was born on 14 July 1978.", "14 July 1978"),
        ("Date of Birth: March 3, 1990", "March 3, 1990"),
        ("born in 1978", "1978"),
    ],
)
def test_dates_of_birth_need_context(text, date):
    assert ("date_of_birth", date) in _found(text)


def test_other_dates_are_kept():
    assert _found("The complaint was on 12/03/2024 and closed on 3rd March 2024.") == []


def test_street_addresses():
    assert _found("She lives at 14 Elm Grove near the park") == [("address", "14 Elm Grove")]
    assert ("address", "Flat 2, 9 Kings Road") in _found("Flat 2, 9 Kings Road, Manchester")
    assert _found("Address: Rose Cottage, Mill Lane, Marple") == [
        ("address", "Rose Cottage, Mill Lane, Marple")
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The customer, Mrs Patel, was upset.", "Patel"),
        ("Escalate to Dr Okafor now.", "Okafor"),
        ("Customer: Kwabena Mensah", "Kwabena Mensah"),
        ("Served by: Rhiannon Pryce", "Rhiannon Pryce"),
        ("This order was served by Rhiannon yesterday.", "Rhiannon"),
        ("Kind regards,\nRhiannon Pryce\nStore Manager", "Rhiannon Pryce"),
        ("Many thanks, Zofia", "Zofia"),
        ("Hi Tom, thanks for covering.", "Tom"),
        ("I spoke to Grace Hughes about it.", "Grace Hughes"),
        ("Then Priya Raghunathan arrived.", "Priya Raghunathan"),
        ("Monday\tKasia W.\t9-5", "Kasia W."),
        ("Name: Jane O'Neill-Smith", "Jane O'Neill-Smith"),
    ],
)
def test_names_in_context(text, name):
    assert ("name", name) in _found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ask the Duty Manager or the Team Leader.",
        "Served by: Duty Manager",
        "Follow the complaints procedure and the LAST model.",
        "The customer bought a Gift Card in Manchester using Click and Collect.",
        "Customer Service Advisor, Monday to Friday.",
        "Will you help? May I help? Mark the box.",
        "Customer: Regular customer",
    ],
)
def test_not_personal(text):
    assert _found(text) == []


def test_terms_are_whole_word_and_case_insensitive():
    text = "I work at ACME stores in Stockport; acmestores.com and Stockporter are not terms."
    assert _found(text, ("Acme Stores", "stockport")) == [
        ("term", "ACME stores"),
        ("term", "Stockport"),
    ]


def test_term_spaces_match_any_whitespace():
    assert _found("Acme\n  Stores", ("Acme Stores",)) == [("term", "Acme\n  Stores")]


def test_findings_contract():
    text = "Mrs Patel (anita@example.co.uk, 07700 900123) lives at 14 Elm Grove, SK4 2AB."
    findings = find_personal_data(text)
    assert findings == sorted(findings, key=lambda f: f.start)
    for a, b in itertools.pairwise(findings):
        assert a.end <= b.start
    for f in findings:
        assert text[f.start : f.end] == f.text
        assert f.category in CATEGORIES
    with pytest.raises(dataclasses.FrozenInstanceError):
        findings[0].start = 3  # type: ignore[misc]
    assert [f.name for f in dataclasses.fields(Finding)] == ["start", "end", "category", "text"]
