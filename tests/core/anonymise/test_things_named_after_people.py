"""Things named after people, and people in capitals headings (issue #15, fifth sitting).

Written as contrasting pairs, like the ``dev_pairs`` documents: each control (a make before a
plural noun, a possessive brand or law, a charity named after someone, a model line in capitals
after a make, a school named after a saint, a place ending a run) sits beside a person written
the same way, who must still go. The held-out split was never opened; these come from the
class names of the brief only. Run through the pipeline in every text format.
"""

from __future__ import annotations

import pytest
from anonymise_helpers import extract_text
from names_corpus import Doc, build, leaks, lost

from portfolio.anonymise.detect import find_personal_data
from portfolio.anonymise.pipeline import anonymise_bytes

TEXT_FORMATS = (".txt", ".md", ".docx", ".pdf")

DOCS = [
    Doc(
        "vet_brands",
        "product",
        [
            "Stanley knives are not to be used on the bandage rolls.",
            "Stanley Okereke covered the morning consults.",
            "Lily's Kitchen tins are in the dry store; Declan Rooney counted them.",
            "Natasha's Law labels go on every pack. Declan's notes are on the server.",
            "Marie Curie nurse visiting Mr Baptiste at 3.",
        ],
        names=["Stanley Okereke", "Declan Rooney", "Declan", "Baptiste"],
        controls=["Stanley knives", "Lily's Kitchen tins", "Natasha's Law", "Marie Curie nurse"],
    ),
    Doc(
        "depot_headings",
        "heading",
        [
            "WEEKLY ROTA – HOLLY BAKER",
            "DELIVERIES – HAZEL GROVE DEPOT",
            "Route 42 to Victoria Coach Station is diverted. Holly Baker rang the office.",
            "Ticket 12: a Logitech MX Keys keyboard for Mx Okonedo.",
        ],
        names=["HOLLY BAKER", "Holly Baker", "Okonedo"],
        controls=["HAZEL GROVE DEPOT", "Victoria Coach Station", "Logitech MX Keys"],
    ),
]


def _output(doc: Doc, suffix: str) -> str:
    output, _ = anonymise_bytes(build(doc, suffix), filename=doc.name + suffix)
    return extract_text(output, suffix)


@pytest.mark.parametrize("suffix", TEXT_FORMATS)
@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_things_stay_and_people_go_in_each_text_format(doc: Doc, suffix: str) -> None:
    output = _output(doc, suffix)
    assert leaks(doc, output) == [], output
    assert lost(doc, output) == [], output


def _names(text: str) -> list[str]:
    return [f.text for f in find_personal_data(text) if f.category == "name"]


def test_a_plural_noun_after_a_make_is_the_thing_a_verb_is_the_person() -> None:
    assert _names("Stanley knives only, no open blades.") == []
    assert _names("Russell Hobbs kettles, Morphy Richards toasters.") == []
    assert _names("David Austin roses by the gate.") == []
    # Verbs whose -ed or -ing forms are common: the person acts.
    assert _names("Stanley works in the kitchen on Fridays.") == ["Stanley"]
    assert _names("Amy Cole seems to like it.") == ["Amy Cole"]
    # A person given a thing, and rota shorthand, stay people.
    assert _names("Give Jane Okafor gloves and an apron.") == ["Jane Okafor"]
    assert _names("Rota: Jane Okafor nights, Tom Reed days.") == ["Jane Okafor", "Tom Reed"]


def test_a_person_found_is_not_propagated_into_a_thing_of_the_same_word() -> None:
    text = "Stanley knives are blunt. Stanley Okereke covered. Bring Stanley knives to the bay."
    assert _names(text) == ["Stanley Okereke"]


def test_a_possessive_before_a_capitalised_common_noun_names_a_thing() -> None:
    assert _names("Lily's Kitchen tins are low.") == []
    assert _names("Natasha's Law labels are on the packs.") == []
    # Not a relative, a role, a day, or a heading.
    assert _names("Rowan Ellis rang. Rowan's Brother printer jams.") == ["Rowan Ellis", "Rowan"]
    assert _names("Sunita Rao's Team Leader called.") == ["Sunita Rao"]
    assert _names("Cover for Bilal's Monday shift.") == ["Bilal"]
    # A person's possessive before a brand or their room is still the person's.
    assert _names("Jane's Apple laptop is slow; Tobias's Dell too.") == ["Jane", "Tobias"]
    assert _names("Mary's Room needs cleaning.") == ["Mary"]


def test_a_first_name_and_a_famous_word_on_no_list_before_a_noun_is_an_eponym() -> None:
    assert _names("Marie Curie nurse visiting at 3.") == []
    assert _names("Marie Curie daffodil pins are on the desk.") == []
    # A family name on the lists before a role is still the person.
    assert _names("Joan Baker nurse visiting at 2.") == ["Joan Baker"]


def test_a_saint_and_a_possessive_is_a_school_or_church() -> None:
    assert _names("ST AIDAN'S PRIMARY – KITCHEN ROTA") == []
    assert _names("Mass at St Mary's Church on Sunday.") == []


def test_a_title_in_capitals_after_a_make_is_a_model_line() -> None:
    assert _names("Two Logitech MX Keys approved.") == []
    assert _names("Please call MR OKAFOR today.") == ["OKAFOR"]
    assert _names("Contact: MR J SMITH") == ["J SMITH"]


def test_a_name_filling_a_part_of_a_capitals_heading() -> None:
    assert _names("WEEKLY ROTA - HOLLY BAKER") == ["HOLLY BAKER"]
    assert _names("## SUPERVISION – MARGARET PEMBROKE") == ["MARGARET PEMBROKE"]
    assert _names("MARGARET PEMBROKE – SUPERVISION NOTES") == ["MARGARET PEMBROKE"]
    # Places, ordinary phrases and names inside a longer part stay.
    assert _names("SITE VISIT – ROSE HILL") == []
    assert _names("TEAM TALK – WILL POWER") == []
    assert _names("DELIVERIES – HAZEL GROVE DEPOT") == []
    assert _names("SUMMER FAIR – GRACE PERIOD") == []


def test_a_header_word_alone_in_its_cell_is_no_person() -> None:
    table = "| Day | Cook | Kit |\n| --- | --- | --- |\n| Monday | Daisy Fletcher | Kettles |\n"
    assert _names(table) == ["Daisy Fletcher"]


def test_a_place_word_ending_a_run_is_no_person_before_is() -> None:
    assert _names("Route 42 to Victoria Coach Station is diverted.") == []
    assert _names("Victoria Okafor is on leave.") == ["Victoria Okafor"]


def test_maintenance_verbs_before_by_introduce_a_person() -> None:
    assert _names("Bosch wipers fitted by Olamide Adeyinka.") == ["Olamide Adeyinka"]


def test_a_column_mostly_of_people_makes_its_other_name_cells_people() -> None:
    table = (
        "| Day | Cook | Kit |\n| --- | --- | --- |\n"
        "| Monday | Daisy Fletcher | Kettles |\n"
        "| Tuesday | Priyanka Venkatesh | Robot Coupe |\n"
        "| Wednesday | Tadhg Ó Ceallaigh | Toasters |\n"
    )
    assert "Priyanka Venkatesh" in _names(table)
    # A column of things with one person in it stays a column of things.
    things = (
        "| Day | Delivery |\n| --- | --- |\n| Monday | Robot Coupe |\n"
        "| Tuesday | Daisy Fletcher |\n| Wednesday | Birds Eye |\n"
    )
    assert _names(things) == ["Daisy Fletcher"]


def test_a_make_of_a_thing_with_a_model_alone_is_the_make() -> None:
    text = (
        "Vehicle\tDefect\nAlexander Dennis Enviro200\tHeater\n"
        "Bus 305 is back from Alexander Dennis after its repair."
    )
    assert _names(text) == []


def test_a_known_persons_ordinary_first_name_before_a_past_tense_is_the_person() -> None:
    text = "Present: Sue Pritchard. Pins go on the desk; Sue counted the float."
    assert _names(text) == ["Sue Pritchard", "Sue"]
