"""Surnames alone that the sentence makes people: items of a list of people, names written
in lower case in a chat that are asked, thanked or act as only people do, a surname in
capitals ending a record's heading, a surname signing off a check after a dash or a card.

Found by ``benchmarks/anonymise_people_positions.py --surname-alone`` (list of three, lower
case, all caps heading, after a dash, in quotes) and by spot-checks (lower-case lists,
greetings, "Rota:"). On the code before these rules (5c9a81a) 23 cases fail: every person
case in lower case and in capitals, every sign-off but "Got flowers from Sjogren today."
(found there already, before "today"), the five list cases "on tonight", "off sick", under
"Staff on shift:" and "Rota:", and the line of two sentences. The other person cases are
guards found there already ("will cover", "locked up", "Apologies:", beside a full name);
every thing case passes on both.
"""

from __future__ import annotations

import pytest

from portfolio.anonymise.detect import find_personal_data


def _names(text: str) -> list[str]:
    return [f.text for f in find_personal_data(text) if f.category == "name"]


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("Hinton, Persson and Sjogren are on tonight.", ["Hinton", "Persson", "Sjogren"]),
        ("Hinton, Persson and Sjogren were off sick.", ["Hinton", "Persson", "Sjogren"]),
        ("Hinton and Sjogren will cover Sunday.", ["Hinton", "Sjogren"]),
        ("Hinton and Sjogren locked up last night.", ["Hinton", "Sjogren"]),
        ("Staff on shift: Hinton, Persson, Sjogren.", ["Hinton", "Persson", "Sjogren"]),
        (
            "Handover 7pm. Staff on shift: Hinton, Persson, Sjogren.",
            ["Hinton", "Persson", "Sjogren"],
        ),
        ("Apologies: Hinton, Sjogren", ["Hinton", "Sjogren"]),
        ("Rota: Hinton, Persson, Sjogren", ["Hinton", "Persson", "Sjogren"]),
        ("Amy Cole, Hinton and Sjogren came to the meeting.", ["Amy Cole", "Hinton", "Sjogren"]),
    ],
)
def test_a_list_of_surnames_acting_together_or_under_a_rota_label_is_people(
    text: str, people: list[str]
) -> None:
    assert _names(text) == people


@pytest.mark.parametrize(
    "text",
    [
        "Asda, Lidl and Greggs are open tonight.",
        "Greggs, Lidl and Asda are on offer this week.",
        "Suppliers: Greggs, Lidl, Asda.",
        "Bolton and Derby are on tonight.",
        "Derby and Bolton are on tonight.",
        "Ryvita and Bissell are on tonight.",
    ],
)
def test_a_list_of_shops_places_or_makes_stays(text: str) -> None:
    assert _names(text) == []


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("[14:02] hey! oyugi cant make it 2day lol", "oyugi"),
        ("ask mckelvy if she has the keys", "mckelvy"),
        ("told sjogren about the fall", "sjogren"),
        ("persson is off sick today", "persson"),
        ("hinton locked up last night", "hinton"),
        ("covered for persson on monday", "persson"),
        ("thanks persson!", "persson"),
        ("got a text from sjogren about it", "sjogren"),
    ],
)
def test_a_lower_case_name_asked_or_acting_as_a_person_is_a_person(text: str, person: str) -> None:
    assert _names(text) == [person]


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("persson and sjogren are on tonight", ["persson", "sjogren"]),
        ("hinton, persson and sjogren were off sick", ["hinton", "persson", "sjogren"]),
    ],
)
def test_a_lower_case_list_of_names_acting_together_is_people(text: str, people: list[str]) -> None:
    assert _names(text) == people


@pytest.mark.parametrize(
    "text",
    [
        "ask amazon if they have it",
        "ring hull about the order",
        "booker rang again about the bill",
        "greggs confirmed the order",
        "thanks amazon",
        "this morning bolton was gridlocked",
        "asda and lidl are open tonight",
        "bolton and derby are on tonight",
    ],
)
def test_a_lower_case_firm_place_or_word_stays(text: str) -> None:
    assert _names(text) == []


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("HANDOVER FOR PERSSON", "PERSSON"),
        ("Notes.\nINCIDENT REPORT - SJOGREN\nShe fell at 3.", "SJOGREN"),
        ("SUPERVISION – HINTON", "HINTON"),
    ],
)
def test_a_surname_in_capitals_ending_a_record_heading_is_a_person(text: str, person: str) -> None:
    assert _names(text) == [person]


@pytest.mark.parametrize(
    "text",
    ["STOCK CHECK – BISSELL", "ALLERGENS – BOLOGNESE", "HANDOVER FOR WARD 3"],
)
def test_goods_or_a_place_ending_a_heading_in_capitals_stay(text: str) -> None:
    assert _names(text) == []


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Fridge temps checked – Persson", "Persson"),
        ("Meds given – Sjogren.", "Sjogren"),
        ("[14:02] hey! Fridge temps checked – Sjogren lol", "Sjogren"),
        ("The card said 'From Persson' on it.", "Persson"),
        ("Got flowers from Sjogren today.", "Sjogren"),
    ],
)
def test_a_surname_signing_off_a_check_or_a_card_is_a_person(text: str, person: str) -> None:
    assert _names(text) == [person]


@pytest.mark.parametrize(
    "text",
    [
        "Fridge checked – Bissell probe",
        "Temps checked – OK",
        "The crate said 'From Bissell' on it.",
        "A letter from Santander about the account.",
    ],
)
def test_a_make_after_a_check_or_a_sender_of_letters_stays(text: str) -> None:
    assert _names(text) == []


def test_a_line_of_two_sentences_is_no_title_case_heading() -> None:
    """Four of five long words capitalised made the line a heading, where a surname alone has
    no case to read; a sentence ending and another starting on the line makes it prose."""
    assert _names("Made a plate for Persson. Probe 75C.") == ["Persson"]


@pytest.mark.parametrize(
    "text",
    ["Bissell Spare Parts Price List", "St. Albans Branch Opening Times"],
)
def test_a_title_case_heading_still_keeps_its_make_or_place(text: str) -> None:
    assert _names(text) == []
