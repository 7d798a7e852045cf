"""Proposed replacements for personal data typed into entries, and applying them so the
sentence still reads (no database)."""

from __future__ import annotations

import pytest

from portfolio.anonymise.detect import find_personal_data
from portfolio.export.redaction import (
    COLLEAGUE,
    CUSTOMER,
    PERSON,
    apply,
    propose,
    text_key,
)

TEXT = (
    "I helped Mrs Okafor with her order. She rang on 07700 900123 and emailed "
    "jo.okafor@example.com. My colleague Priya showed me the returns policy."
)


def _proposals(text: str, memory: dict[str, str] | None = None) -> dict[str, str]:
    out = {}
    for f in find_personal_data(text):
        p = propose(text, f.start, f.end, f.category, memory or {})
        out[text[p.start : p.end]] = p.replacement
    return out


def test_a_titled_name_becomes_the_customer_and_takes_its_title_with_it():
    assert _proposals(TEXT)["Mrs Okafor"] == CUSTOMER


def test_phone_numbers_and_emails_are_removed():
    proposals = _proposals(TEXT)
    assert proposals["07700 900123"] == ""
    assert proposals["jo.okafor@example.com"] == ""


def test_a_name_after_its_role_word_is_simply_dropped():
    assert _proposals(TEXT)["Priya"] == ""


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("I served a customer and then Kwame Mensah asked for a refund.", CUSTOMER),
        ("On my shift a colleague called Gareth Llewellyn helped with the till.", COLLEAGUE),
        ("Then Gareth Llewellyn rang the office.", PERSON),
    ],
)
def test_a_bare_name_is_described_by_the_role_word_before_it(text: str, who: str):
    (name,) = [f for f in find_personal_data(text) if f.category == "name"]
    assert propose(text, name.start, name.end, "name").replacement == who


def test_a_remembered_choice_is_offered_first():
    proposal = _proposals(TEXT, {"okafor": "the lady at the till"})
    assert proposal["Mrs Okafor"] == "the lady at the till"


def test_text_keys_ignore_case_titles_possessives_and_spacing():
    assert text_key("Mrs  Okafor's") == text_key("okafor") == "okafor"
    assert text_key("Dr. Jane Smith") == "jane smith"


def test_applying_a_removal_leaves_a_readable_sentence():
    text = "She rang on 07700 900123 and emailed jo@example.com."
    start = text.index("jo@")
    once = apply(text, start, start + len("jo@example.com"), "")
    assert once == "She rang on 07700 900123 and emailed."
    start = once.index("07700")
    assert apply(once, start, start + 12, "") == "She rang and emailed."


def test_a_replacement_at_the_start_of_a_sentence_gets_its_capital():
    text = "It was busy. Mrs Okafor waited."
    start = text.index("Mrs")
    assert apply(text, start, start + 10, "the customer") == "It was busy. The customer waited."


def test_a_name_in_apposition_goes_with_its_commas():
    text = "Yesterday the customer, Kwame Mensah, asked for a refund."
    (name,) = find_personal_data(text)
    proposal = propose(text, name.start, name.end, name.category)
    assert proposal.replacement == ""
    result = apply(text, proposal.start, proposal.end, proposal.replacement)
    assert result == "Yesterday the customer asked for a refund."
