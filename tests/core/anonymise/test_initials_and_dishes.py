"""People's initials, attendance columns, dishes named after people, and job titles in a
people column ("Assistant Buyer", "Kitchen Porter") (issue #15, seventh sitting).

Initials are taken only as the initials of a person found in the same document, where a
document puts initials (an action's owner, an Owner cell, a sign-off, brackets) and nowhere
else in it ("BP 128/82" is blood pressure). A dish keeps the name it carries when a food word
says it is a dish ("Omelette Arnold Bennett", "Sally Lunn bun"); the person written with
the same words and no food word is still removed. Each document is written for this test (no
corpus words) and run through the pipeline in every text format.
"""

from __future__ import annotations

import pytest
from anonymise_helpers import extract_text
from names_corpus import Doc, build, leaks, lost

from portfolio.anonymise.detect import find_personal_data
from portfolio.anonymise.initials import initials_of
from portfolio.anonymise.labels import label_kind
from portfolio.anonymise.pipeline import anonymise_bytes

TEXT_FORMATS = (".txt", ".md", ".docx", ".pdf")

DOCS = [
    Doc(
        "minutes_initials",
        "initials",
        [
            "Team meeting. Present: Dariusz Kamiński, Niamh Nic Giolla and Priya Shah.",
            "Actions",
            "- DK: order the toner by Friday",
            "- NNG: book the training room",
            "Please file the signed copies, thanks, PS",
        ],
        table=[["Action", "Owner"], ["Order paper", "DK"], ["Send the agenda", "NNG"]],
        names=["Dariusz Kamiński", "Niamh Nic Giolla", "Priya Shah", "DK", "NNG", "PS"],
    ),
    Doc(
        "care_observations",
        "initials",
        [
            "Carer on shift: Bethan Price.",
            "BP 128/82 at 10:00, pulse 70.",
            "BP: recheck at 14:00 after lunch.",
        ],
        names=["Bethan Price"],
        controls=["BP 128/82", "BP: recheck"],
    ),
    Doc(
        "attendance",
        "table_cell",
        ["Site meeting, Tuesday."],
        table=[
            ["Present", "Role"],
            ["Seán Mac Cárthaigh", "Site Manager"],
            ["Fire blanket", "checked"],
        ],
        names=["Seán Mac Cárthaigh"],
        controls=["Fire blanket"],
    ),
    Doc(
        "menu_dishes",
        "dish",
        [
            "Friday specials, written up by Kwame Mensah.",
            "Omelette Arnold Bennett with smoked haddock.",
            "Sole Véronique for table 4.",
            "Sally Lunn bun on the dessert trolley.",
            "Victoria sponge with jam; Caesar salad, no anchovies.",
        ],
        table=[
            ["Dish", "Allergens", "Chef"],
            ["Tournedos Rossini", "milk", "Tunde Bakare"],
            ["Peach Melba", "milk", "Olive Hartley"],
        ],
        names=["Kwame Mensah", "Tunde Bakare", "Olive Hartley"],
        controls=[
            "Omelette Arnold Bennett",
            "Sole Véronique",
            "Sally Lunn bun",
            "Victoria sponge",
            "Caesar salad",
            "Tournedos Rossini",
            "Peach Melba",
        ],
    ),
    Doc(
        "rota_jobs",
        "job_title",
        ["Weekend rota, kitchen."],
        table=[
            ["Staff", "Shift"],
            ["Priya Venkat", "Early"],
            ["Kitchen Porter", "Late (agency)"],
            ["Jack Okafor", "Night"],
            ["Lollipop Lady", "School run"],
        ],
        names=["Priya Venkat", "Jack Okafor"],
        controls=["Kitchen Porter", "Lollipop Lady"],
    ),
    Doc(
        "buyers",
        "job_title",
        ["Range review, week 47."],
        table=[["Attendee", "Category Manager"], ["Priya Venkat", "Assistant Buyer"]],
        names=["Priya Venkat"],
        controls=["Assistant Buyer"],
    ),
]


def _output(doc: Doc, suffix: str) -> str:
    output, _ = anonymise_bytes(build(doc, suffix), filename=doc.name + suffix)
    return extract_text(output, suffix)


@pytest.mark.parametrize("suffix", TEXT_FORMATS)
@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_initials_and_dishes_in_each_text_format(doc: Doc, suffix: str) -> None:
    output = _output(doc, suffix)
    assert leaks(doc, output) == [], output
    assert lost(doc, output) == [], output


def _names(text: str) -> list[str]:
    return [f.text for f in find_personal_data(text) if f.category == "name"]


def test_initials_are_every_word_and_first_and_last() -> None:
    assert initials_of("Niamh Nic Giolla") == {"NNG", "NG"}
    assert initials_of("Tamsin Ode-Barker") == {"TO", "TOB"}
    assert initials_of("Ciarán Ó Dálaigh") == {"CÓD", "CD"}
    assert initials_of("Mrs Priya Shah") == {"PS"}
    assert initials_of("Priya") == set()


def test_initials_need_their_person_in_the_document_and_an_initials_place() -> None:
    assert _names("Present: Priya Shah.\nPS: send the minutes") == ["Priya Shah", "PS"]
    # Nobody in the document has them: a code, not a person.
    assert _names("Present: Priya Shah.\nDK: send the minutes") == ["Priya Shah"]
    # Written mid-sentence: an acronym the document uses as a word.
    assert _names("Present: Priya Shah.\nThe PS unit is broken.") == ["Priya Shah"]
    # A common word in capitals is never anyone's initials.
    assert _names("Present: Ian Thomas.\nIT: reset the printer") == ["Ian Thomas"]
    assert _names("Signed: Dariusz Kamiński\nChecked by DK") == ["Dariusz Kamiński", "DK"]
    assert _names("Seen by Dariusz Kamiński (DK) today") == ["Dariusz Kamiński", "DK"]


def test_initials_used_otherwise_in_the_document_stay() -> None:
    text = "Carer: Bethan Price.\nBP 128/82 at 10:00.\nBP: recheck at 14:00"
    assert _names(text) == ["Bethan Price"]
    assert _names("Carer: Bethan Price.\nBP: recheck at 14:00") == ["Bethan Price", "BP"]


def test_attendance_columns_hold_people() -> None:
    assert label_kind("Present") == "name"
    assert label_kind("Apologies") == "name"
    assert label_kind("Dish") == "thing"
    assert label_kind("Desserts") == "thing"


def test_a_food_word_before_a_name_makes_a_dish_a_person_has_none() -> None:
    assert _names("Omelette Arnold Bennett with smoked haddock.") == []
    assert _names("Tournedos Rossini is off tonight.") == []
    assert _names("An omelette for Arnold Bennett at table 2.") == ["Arnold Bennett"]
    assert _names("Serve Sole Véronique at 7.") == []
    # A food word that is also a first name people are given stays a person.
    assert _names("Olive Bennett ordered the soup.") == ["Olive Bennett"]


def test_a_menu_in_title_case_ends_its_dish_with_the_kind_of_dish() -> None:
    assert _names("Specials: Arnold Bennett Omelette, Jenny Lind Pudding.") == []
    assert _names("Earl Grey Panna Cotta on the set menu.") == []
    assert _names("Jenny Lind rang about the pudding.") == ["Jenny Lind"]
    # A kind of dish that is also a family name ends a person's name.
    assert _names("Signed: Thomas Bread") == ["Thomas Bread"]


def test_a_dish_kind_after_a_name_closing_the_phrase_is_a_dish() -> None:
    assert _names("Sally Lunn bun on the dessert trolley.") == []
    assert _names("Sally Lunn buns for the afternoon tea.") == []
    # Followed by what happened to it: the person's pudding, apostrophe left out.
    assert _names("Jenny Lind pudding refused at lunch.") == ["Jenny Lind"]
    # Every word a common name and one dish: what the person had.
    assert _names("Doris Evans soup at 12, ate half.") == ["Doris Evans"]
    assert _names("Jenny Lind helped with the puddings.") == ["Jenny Lind"]


def test_a_job_title_in_a_people_column_is_no_person() -> None:
    text = "Attendee\tCategory Manager\nPriya Venkat\tAssistant Buyer"
    assert _names(text) == ["Priya Venkat"]
    # A rank before a rare word is a person with the rank in front ("Assistant Okafor").
    assert _names("Attendee\tManager\nPriya Venkat\tAssistant Okafor") == [
        "Priya Venkat",
        "Okafor",
    ]


def test_a_role_noun_after_ordinary_words_in_a_people_column_is_a_job() -> None:
    assert _names("Staff\tShift\nBank Nurse\tLate\nPriya Venkat\tEarly") == ["Priya Venkat"]
    # A first name, or a word rare in English, before the role noun: a person.
    assert _names("Staff\tShift\nJack Porter\tLate\nPriya Venkat\tEarly") == [
        "Jack Porter",
        "Priya Venkat",
    ]
    assert _names("Staff\tShift\nOkonkwo Cook\tLate") == ["Okonkwo Cook"]
