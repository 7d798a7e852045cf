"""Makes before the goods they make, and the steps of a risk assessment (issue #15, sixth
sitting).

A capitalised run before a goods noun ("Alan Titchmarsh range", "Dr Martens boots",
"Hartley's jelly") is the make; a person written the same way is followed by a verb, or has
the goods in the singular, or is given them, or is found elsewhere in the document. A
"Controls" column of a risk assessment holds steps, never the person responsible (who has a
column of their own). Each control sits beside such a person, who must still go. Written
from the class names of the brief only (held-out was never opened), and run through the
pipeline in every text format.
"""

from __future__ import annotations

import pytest
from anonymise_helpers import extract_text
from names_corpus import Doc, build, leaks, lost

from portfolio.anonymise.detect import find_personal_data
from portfolio.anonymise.lexicon import lexicon
from portfolio.anonymise.pipeline import anonymise_bytes
from portfolio.anonymise.things import PRODUCT_NOUNS, product_noun_after

TEXT_FORMATS = (".txt", ".md", ".docx", ".pdf")

DOCS = [
    Doc(
        "shop_goods",
        "product",
        [
            "Morphy Richards toasters are on the end bay; Priya Venkat priced them.",
            "Hartley's jelly pots for Friday. Okafor's shift is swapped with Priya.",
            "Dr Oetker pizzas go in the top freezer. Dr Adeyemi rang about the order.",
            "Give Tomasz Wrobel gloves before he unloads.",
        ],
        names=["Priya Venkat", "Priya", "Okafor", "Adeyemi", "Tomasz Wrobel"],
        controls=["Morphy Richards toasters", "Hartley's jelly", "Dr Oetker pizzas"],
    ),
    Doc(
        "risk_controls",
        "control_measure",
        ["Risk assessment: cleaning the kitchen. Reviewed by Marcia Campbell."],
        names=["Marcia Campbell", "Dawn Okafor", "Hilary Reed", "Okafor"],
        controls=["Marigold Gloves", "Stanley Blade guards", "Hilary Step checks"],
        table=[
            ["Hazard", "Controls", "Responsible"],
            ["Burns", "Use Marigold Gloves", "Dawn Okafor"],
            ["Cuts", "Stanley Blade guards", "Hilary Reed"],
            ["Falls", "Hilary Step checks", "Okafor"],
        ],
    ),
]


def _output(doc: Doc, suffix: str) -> str:
    output, _ = anonymise_bytes(build(doc, suffix), filename=doc.name + suffix)
    return extract_text(output, suffix)


@pytest.mark.parametrize("suffix", TEXT_FORMATS)
@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_makes_stay_and_people_go_in_each_text_format(doc: Doc, suffix: str) -> None:
    output = _output(doc, suffix)
    assert leaks(doc, output) == [], output
    assert lost(doc, output) == [], output


def _names(text: str) -> list[str]:
    return [f.text for f in find_personal_data(text) if f.category == "name"]


def test_a_run_with_a_word_no_family_is_called_before_goods_is_the_make() -> None:
    assert _names("Alan Titchmarsh range on bay 2.") == []
    assert _names("Morphy Richards toaster in the staff room.") == []
    # Every word a common name and the goods in the singular: what the person has.
    assert _names("Chloe Evans juice spilt on the floor.") == ["Chloe Evans"]
    assert _names("Priya Shah gel nails booked.") == ["Priya Shah"]


def test_goods_nouns_used_as_verbs_leave_the_person() -> None:
    assert _names("Jane Smith wipes the tables after lunch.") == ["Jane Smith"]
    assert _names("Sarah Jones boots up the tills.") == ["Sarah Jones"]
    assert _names("Give Jane Smith gloves before the shift.") == ["Jane Smith"]


def test_a_title_and_one_word_before_plural_goods_is_a_make() -> None:
    assert _names("Dr Martens boots are not part of the uniform.") == []
    assert _names("Mr Kipling cakes for the party.") == []
    # Singular goods, a verb or a role after a title: the person.
    assert _names("Mr Hartley jelly was refused.") == ["Hartley"]
    assert _names("Mr Hartley said the cakes were late.") == ["Hartley"]
    assert _names("Dr Patel clinics are on Monday.") == ["Patel"]


def test_a_possessive_surname_before_goods_is_a_make_a_first_name_stays() -> None:
    assert _names("Hartley's jam on the trolley.") == []
    assert _names("Okafor's shift was swapped.") == ["Okafor"]
    assert _names("Jacob's sandwiches are in the fridge.") == ["Jacob"]


def test_a_person_found_elsewhere_still_wins_over_the_goods_noun() -> None:
    text = "Signed: Hartley Okoro\nHartley's jelly pots are low."
    assert "Hartley" not in _kept_words(text)
    text = "Attendee: Mr Kipling\nMr Kipling cakes for the party."
    assert _names(text).count("Kipling") == 2


def _kept_words(text: str) -> str:
    out = text
    for finding in sorted(find_personal_data(text), key=lambda f: -f.start):
        out = out[: finding.start] + out[finding.end :]
    return out


def test_the_goods_nouns_are_category_words_in_both_numbers() -> None:
    assert {"range", "ranges", "knife", "knives", "jelly", "jellies"} <= PRODUCT_NOUNS
    assert not {"saw", "rose", "trainer", "tablets", "slippers", "glasses"} & PRODUCT_NOUNS
    lex = lexicon()
    assert product_noun_after("Hartley's jelly pots", 7, lex) == "jelly"
    assert product_noun_after("Tom hoovers the lounge", 3, lex) == ""
    assert product_noun_after("Tom", 3, lex) == ""


def test_a_capitalised_team_noun_after_a_run_names_the_team() -> None:
    assert _names("Referred to Willow Team for review.") == []
    # A person of that name found elsewhere still wins (propagation is not held back).
    assert _names("Escalated to Iris Team. Iris Mensah rang.") == ["Iris", "Iris Mensah"]
    # A role after the team noun is the person's ("Team Leader", "Office Manager").
    assert _names("Sarah Jones Team Leader rang.") == ["Sarah Jones"]
    assert _names("Tom Reed Team Lead approved it.") == ["Tom Reed"]


def test_a_possessive_written_as_often_as_its_word_is_a_name_in_itself() -> None:
    assert _names("Update Kellogg's planogram.") == []
    assert _names("Parkinson's meds on time please.") == []
    assert _names("Sainsbury's delivery at 6.") == []
    # A person's possessive is far rarer than the name; a first name before it is a person.
    assert _names("John's shift is swapped.") == ["John"]
    assert _names("Okafor's shift is swapped.") == ["Okafor"]
    assert _names("Jane Parkinson's meds are due.") == ["Jane Parkinson"]


def test_a_plural_verb_after_a_run_makes_it_a_firm() -> None:
    assert _names("Declan says Matthew Clark are delivering the wine.") == ["Declan"]
    # People joined by "and" take a plural verb too.
    assert _names("Tom and Jane Smith are on nights.") == ["Tom", "Jane Smith"]


def test_a_district_after_a_street_in_an_address_is_a_place() -> None:
    text = "Address: 14 Wheatfield Close, Didsbury, Manchester M20 5TY"
    assert _names(text) == []
    assert _names("Contact: Jane Smith, M20 5TY") == ["Jane Smith"]


def test_a_trade_noun_names_a_firm_and_a_title_before_an_english_word_a_character() -> None:
    assert _names("Ask Dick White Referrals and Fitzpatrick Referrals.") == []
    assert _names("Then Mr Tumble on the big screen.") == []
    # A family name on no list and rare in English, or on the lists, keeps its title's person.
    assert _names("Mr Okonkwo rang.") == ["Okonkwo"]
    assert _names("Mrs Baker rang.") == ["Baker"]


def test_equipment_named_after_its_maker_closes_its_phrase() -> None:
    assert _names("Who has the 10mm Allen key?") == []
    assert _names("Plan: Robert Jones bandage for 48 h, rest.") == []
    assert _names("Give Tom Reed key to the safe.") == ["Tom Reed"]
    assert _names("Jane Smith sign here.") == ["Jane Smith"]


def test_an_area_column_holds_places_not_people() -> None:
    text = "| Colleague | Area | Hours |\n|---|---|---|\n| Ionut Popescu | Goods In | 8 |\n"
    assert _names(text) == ["Ionut Popescu"]


def test_rhymes_and_story_characters_name_nobody() -> None:
    assert _names("We sang Old MacDonald, then Little Bo Peep.") == []
    assert _names("Then Winnie the Pooh at circle time.") == []
    # A surname "Little", and a person before a lower-case role, stay people.
    assert _names("Tom Little rang.") == ["Tom Little"]
    assert _names("Jane Smith the manager rang.") == ["Jane Smith"]


def test_a_product_line_after_a_title_and_a_make() -> None:
    assert _names("Dr. Oetker baking range unchanged.") == []
    assert _names("Dr. Okafor baking today.") == ["Okafor"]


def test_people_named_by_a_trade_label_kin_or_a_chef_title() -> None:
    # Names on no list, known only by what stands before them (found on third_tune).
    assert _names("Engineer: Olamide Fashola") == ["Olamide Fashola"]
    assert _names("Alt contact: wife Folasade on the mobile.") == ["Folasade"]
    assert _names("Chef Doherty wants the prep done by 11.") == ["Doherty"]
    # Not a chef's special, not a district after the trade label's street.
    assert _names("Chef Special on the board.") == []


def test_a_possessive_owning_nothing_of_a_word_on_no_list_is_a_shop() -> None:
    assert _names("Harriet to ask Tunnock's for a promo.") == ["Harriet"]
    assert _names("| 1 | Counter-offer to McVitie's | 2 |") == []
    # A listed surname keeps its person, and a possessive that owns something stays.
    assert _names("Ask Okafor's for a quote.") == ["Okafor"]
    assert _names("Swapped with Oluwadamilare's shift.") == ["Oluwadamilare"]


def test_job_titles_institutions_and_signers_after_an_adverb() -> None:
    assert _names("Minutes: Yuting Zhang (Assistant Buyer), internal.") == ["Yuting Zhang"]
    assert _names("Eating well, on a Royal Canin mobility diet.") == []
    assert _names("Checked weekly by Oluwaseun Adeyemi-Bakare, Head Chef.") == [
        "Oluwaseun Adeyemi-Bakare"
    ]
    assert _names("Assistant Okafor rang.") == ["Okafor"]


def test_a_first_name_and_a_word_that_is_no_first_name_joined_by_an_ampersand_is_a_firm() -> None:
    assert _names("Restock Maldon salt and Lea & Perrins on the pass.") == []
    assert _names("Both via Cartwright & Butler distribution.") == []
    # Two people: two first names, or two full names.
    assert _names("Tom & Amy's wedding is on Saturday.") == ["Tom", "Amy"]
    assert _names("Rota: Jane Okafor & Tom Reed.") == ["Jane Okafor", "Tom Reed"]
