"""Products, makes and systems named like people, known by evidence beyond a goods noun right
after them (``anonymise.makes``; issue #15, ninth sitting): a plural goods noun ending the
run, a maker's possessive before an ordinary capitalised word, a version number after
"into"/"using", a list of makes; a unit letter after digits is no initial; an address cell
keeps its town. Each probe has the control kept AND a person written the same way removed.
Names and brands are written for this test (none from a corpus).
"""

from __future__ import annotations

import pytest
from anonymise_helpers import extract_text
from names_corpus import Doc, build, leaks, lost

from portfolio.anonymise.detect import find_personal_data
from portfolio.anonymise.pipeline import anonymise_bytes


def _names(text: str) -> list[str]:
    return [f.text for f in find_personal_data(text) if f.category == "name"]


def test_a_plural_goods_noun_ending_the_run_names_a_product() -> None:
    assert _names("Mr Brambly Apple Pies are on offer this week.") == []
    # After a family name the noun is what they do or have: the person goes.
    assert _names("Mr Hughes Slices bread at six.") == ["Hughes Slices"]
    assert _names("Mrs Hughes Pies were late.") == ["Hughes Pies"]


def test_an_ordinary_word_straight_after_a_makers_possessive_is_its_product() -> None:
    assert "Buddy" not in "".join(_names("Delist Tollard's Buddy (slow seller)."))
    assert _names("Tollard's Classic chutney is on bay 4.") == []
    # A name after the possessive, a person's verb, or lower case: a person.
    assert "Gemma" in _names("Tollard's Gemma said the price is up.")
    assert "Buddy" in _names("Tollard's Buddy rang about the invoice.")
    assert _names("Tom's chutney is in the fridge.") == ["Tom"]


def test_a_version_number_after_into_or_using_names_a_system() -> None:
    assert _names("Moved the payroll figures into Iris 21; payslips on Friday.") == []
    # Not moved into, or a count of something after the number: a person.
    assert _names("Handed the payroll figures to Iris, 21 of them.") == ["Iris"]
    assert _names("Bumped into Iris 2 times today.") == ["Iris"]


def test_a_first_name_owning_a_product_line_needs_a_second_make_named_like_a_person() -> None:
    text = "Dr. Brambly baking range and Tom's Classic chutney unchanged."
    assert _names(text) == []
    # Alone, or beside one-word brands, or an occasion: his.
    assert _names("Tom's Classic chutney is in the fridge.") == ["Tom"]
    assert _names("Heinz soups and Tom's Classic chutney are in the fridge.") == ["Tom"]
    assert _names("Dr. Brambly baking range and Tom's Christmas cake are here.") == ["Tom"]


def test_a_letter_after_digits_is_a_unit_not_an_initial() -> None:
    assert _names("Fitted a 13A Crabtree socket in the kitchen.") == []
    assert _names("Signed: A Crabtree") == ["A Crabtree"]


ORDER = Doc(
    "buying_notes",
    "product",
    [
        "Buying notes by Ciara Hughes.",
        "Mr Brambly Apple Pies stay; Dr. Brambly baking range and Tom's Classic chutney too.",
        "Delist Tollard's Buddy.",
        "Bakery accounts moved into Iris 21; Mrs Nwachukwu fitted a 13A Crabtree socket.",
        "Mr Hughes rang about the van.",
    ],
    table=[["Customer", "Address"], ["Dan Cooper", "14 Elm Grove, Headingley, LS6 1AA"]],
    names=["Ciara Hughes", "Nwachukwu", "Hughes", "Dan Cooper"],
    controls=[
        "Mr Brambly Apple Pies",
        "Tom's Classic chutney",
        "Buddy",
        "Iris 21",
        "Crabtree",
    ],
)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".docx", ".pdf"])
def test_products_named_like_people_stay_people_go(suffix: str) -> None:
    output, _ = anonymise_bytes(build(ORDER, suffix), filename=ORDER.name + suffix)
    text = extract_text(output, suffix)
    assert leaks(ORDER, text) == [], text
    assert lost(ORDER, text) == [], text
    assert "14 Elm Grove" not in text and "LS6 1AA" not in text


def test_an_address_cell_keeps_its_town_after_the_street() -> None:
    output, _ = anonymise_bytes(build(ORDER, ".docx"), filename="order.docx")
    text = extract_text(output, ".docx")
    assert "Headingley" in text and "14 Elm Grove" not in text and "LS6 1AA" not in text


def test_a_trade_paper_from_a_listed_firm_named_like_a_person() -> None:
    assert _names("Got an invoice from Ernest Jones for the repair.") == []
    # A text or a statement comes from a person; an unlisted name stays a person.
    assert _names("Got a text from Ernest Jones about the repair.") == ["Ernest Jones"]
    assert _names("A statement from Ernest Jones was taken.") == ["Ernest Jones"]
    assert _names("Got an invoice from Ernest Jowett for the repair.") == ["Ernest Jowett"]


def test_the_end_of_a_route_from_a_place_is_a_place() -> None:
    assert _names("Stock transfer from Kendal to Lincoln on Monday.") == []
    # Nothing says the first is a place: two people.
    assert _names("Keys handed from Kendal to Lincoln.") == ["Kendal", "Lincoln"]


def test_a_dish_written_in_lower_case_keeps_its_name() -> None:
    assert _names("pudding: crepes suzette or apple charlotte.") == []
    assert _names("had a jack russell in the car park.") == []
    # No food beside the name, or a person's verb after it: a person.
    assert _names("asked suzette to cover.") == ["suzette"]
    assert _names("cooked the chicken josh said it was fine.") == ["josh"]


def test_produce_and_capitalised_goods_name_their_variety_or_make() -> None:
    assert _names("Victoria plums for the crumble.") == []
    assert _names("Tollard's Relish on the side.") == []
    # Produce in the singular after a common name, goods in lower case: the person's.
    assert _names("Victoria plum for her pudding.") == ["Victoria"]
    assert _names("Tom's relish is in the fridge.") == ["Tom"]


def test_a_first_names_possessive_before_goods_is_a_make_in_a_list_of_such_makes() -> None:
    assert _names("Mr Brambly Apple Pies and Tom's crackers stay on the range.") == []
    # Alone, beside a one-word brand, or beside a second person's goods: his.
    assert _names("Tom's crackers are in the cupboard.") == ["Tom"]
    assert _names("Heinz soups and Tom's crackers are in the cupboard.") == ["Tom"]
    assert "Tom" in _names("Tom's biscuits and Alan Price biscuits are on the trolley.")


SALON = Doc(
    "salon_bookings",
    "procedure",
    ["Bookings for Saturday, taken by Ciara Hughes."],
    table=[
        ["Client", "Treatment", "Town", "Manufacturer"],
        ["Dan Cooper", "Margaret Dabbs pedicure", "Sandy", "Joseph Joseph"],
    ],
    names=["Ciara Hughes", "Dan Cooper"],
    controls=["Margaret Dabbs pedicure", "Sandy", "Joseph Joseph"],
)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".docx", ".pdf"])
def test_columns_of_treatments_towns_and_makers_hold_no_people(suffix: str) -> None:
    output, _ = anonymise_bytes(build(SALON, suffix), filename=SALON.name + suffix)
    text = extract_text(output, suffix)
    assert leaks(SALON, text) == [], text
    assert lost(SALON, text) == [], text


def test_goods_are_sold_by_the_pack_the_size_the_mark_and_the_unit_price() -> None:
    assert _names("Bought a pack of Mr Brambly for the party.") == []
    assert _names("Add 2 x Martha Grey to the order.") == []
    assert _names("Martha Grey® is back in stock.") == []
    assert _names("Martha Grey 500ml is out of stock.") == []
    assert _names("Martha Grey £1.50 each, 12 per case.") == []
    # People: a case, a payment, a baby's weight, a count of something they handle.
    assert _names("The case of Mrs Grey was reviewed.") == ["Grey"]
    assert _names("Paid Martha Grey £20 for the cover.") == ["Martha Grey"]
    assert _names("Baby Martha Grey 950g at birth.") == ["Martha Grey"]
    assert _names("Mr Grey rang about 2 x boxes.") == ["Grey"]


def test_a_talking_verb_opening_a_sentence_is_no_part_of_the_name_after_it() -> None:
    # The name after it was judged with the verb as one run of two words and left in.
    assert _names("Asked Gemma to cover.") == ["Gemma"]
    assert _names("Thanked Gemma for the cover.") == ["Gemma"]
    # A department after the verb is still a department.
    assert _names("Asked Facilities to check the boiler.") == []
