"""Pattern shapes the detector once missed: Welsh street addresses (the street word comes
first) and dates of birth in a scanned table whose row OCR read as one line across columns.

Each case has a look-alike that must stay: a count of goods, a place named without a house
number, an event date, a product code.
"""

from __future__ import annotations

import pytest

from portfolio.anonymise.detect import find_personal_data
from portfolio.anonymise.ocr import OcrLine, OcrWord
from portfolio.anonymise.pictures import PictureReading, findings_in


def _found(text: str) -> list[tuple[str, str]]:
    return [(f.category, f.text) for f in find_personal_data(text, ())]


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("Client: Angharad Price, 3 Heol y Nant, Whitchurch, Cardiff", "3 Heol y Nant"),
        ("Deliver to 14 Stryd Fawr, Bala.", "14 Stryd Fawr"),
        ("Tenant moved to Flat 2, 9 Ffordd yr Eglwys last week", "Flat 2, 9 Ffordd yr Eglwys"),
        ("Job at 27 Maes y Coed, Llandaff", "27 Maes y Coed"),
        ("Home visit: 5 Lôn Las, Bangor", "5 Lôn Las"),
    ],
)
def test_welsh_street_addresses_are_found(text, street):
    assert ("address", street) in _found(text)


@pytest.mark.parametrize(
    "text",
    [
        "The wholesaler at Heol y Nant industrial estate sent 3 Hager RCBOs.",
        "We ordered 3 Maes boxes from stores.",
        "Meet at 10 Clos for the toolbox talk.",
        "Part 3 Ffordd-X fitting, code FF-203.",
        "Stock take on 3 Teras",
    ],
)
def test_welsh_look_alikes_are_kept(text):
    assert [c for c, _ in _found(text) if c == "address"] == []


def _ocr_line(text: str, left: int, top: int, starts: list[int]) -> OcrLine:
    """A line as RapidOCR reads it: words at ``starts`` (pixels), 12 px a character, their
    boxes a little inside the line's (as OCR draws them)."""
    words, cursor = [], 0
    for word, x in zip(text.split(" "), starts, strict=True):
        at = text.index(word, cursor)
        words.append(OcrWord(at, at + len(word), (x, top + 1, x + 12 * len(word), top + 41)))
        cursor = at + len(word)
    right = max(w.box[2] for w in words) + 3
    return OcrLine(text, (left, top, right, top + 44), tuple(words), 0.95)


def _day_list(row: OcrLine, below: OcrLine) -> PictureReading:
    header = [
        _ocr_line("Time", 61, 182, [63]),
        _ocr_line("Patient", 179, 182, [181]),
        _ocr_line("DOB", 485, 182, [487]),
        _ocr_line("Treatment", 938, 182, [940]),
    ]
    first = [
        _ocr_line("08:45", 59, 233, [61]),
        _ocr_line("Bronwen Jenkins", 181, 237, [183, 290]),
        _ocr_line("04.02.1959", 487, 236, [489]),
        _ocr_line("BPE", 938, 237, [940]),
    ]
    return PictureReading((*header, *first, _ocr_line("11:00", 60, 386, [62]), row, below), ())


def test_a_short_date_of_birth_ocr_read_together_with_the_name_cell_is_found() -> None:
    # OCR read the Patient and DOB cells of one row as a single line; the date starts where
    # the DOB header starts, so it is the DOB column's value, short year and all.
    row = _ocr_line("Master Rory Whelan 9/3/16", 179, 387, [195, 300, 369, 499])
    below = _ocr_line("Review on 9/3/26 with the practice", 63, 442, [65, 160, 230, 380, 470, 560])
    found = [(f.category, f.text) for f in findings_in(_day_list(row, below), size=(1300, 600))]
    assert ("date_of_birth", "9/3/16") in found
    assert ("date_of_birth", "9/3/26") not in found  # an event date in a sentence below


def test_a_sentence_across_the_columns_is_not_cut_into_cells() -> None:
    # A word of a sentence may start where a header starts; the part before it spills over
    # the next column, so the line is no table row and its date is an event date.
    sentence = "Recall patient booked for 9/3/16 to review the crown fitted at the last visit"
    starts = [
        175 + 12 * i
        for i, c in enumerate(sentence)
        if c != " " and (i == 0 or sentence[i - 1] == " ")
    ]
    assert 487 in starts  # "9/3/16" starts where the DOB header starts
    row = _ocr_line(sentence, 173, 387, starts)
    below = _ocr_line("Code HT-75 crown", 63, 442, [65, 130, 250])
    found = [(f.category, f.text) for f in findings_in(_day_list(row, below), size=(1300, 600))]
    assert [t for c, t in found if c == "date_of_birth"] == ["04.02.1959"]


_CHAT = (
    "[17/11/2026, 07:42] Kevin Oyelaran: morning, ramp 2 is down again\n"
    "[17/11/2026, 07:44] Warren Pike: ok, the war memorial job is on ramp 3 then\n"
    "[17/11/2026, 07:45] Kevin Oyelaran: fine, kev will do the Corsa after\n"
    "[17/11/2026, 07:51] Warren Pike: cheers, order ref KEV-204 came in too\n"
)


def test_a_clipped_first_name_in_a_chat_is_the_speaker() -> None:
    found = _found(_CHAT)
    assert ("name", "kev") in found
    # "war" (from Warren) is an ordinary word; the order reference keeps its letters.
    assert all("war" not in text.lower().split() for _, text in found)
    assert all("KEV-204" not in text for _, text in found)


def test_a_clip_outside_a_chat_is_left_alone() -> None:
    # No one speaks and no name is written in lower case: no clipped forms are looked for.
    text = "Kevin Oyelaran fitted the exhaust. The kev bracket (part KEV-204) was reordered."
    assert ("name", "kev") not in _found(text)


@pytest.mark.parametrize(
    ("text", "surname"),
    [
        ("customer for the Morris Minor rang, mrs brennan on 07700900652", "brennan"),
        ("spoke to mr. kowalczyk about the invoice", "kowalczyk"),
    ],
)
def test_a_surname_after_a_lower_case_title_is_found(text, surname) -> None:
    assert ("name", surname) in _found(text)


@pytest.mark.parametrize(
    "text",
    ["ask mrs green about the order", "latency was 20 ms kerr filter", "mr motivator dvd on shelf"],
)
def test_ordinary_words_after_a_lower_case_title_are_kept(text) -> None:
    assert [t for c, t in _found(text) if c == "name"] == []
