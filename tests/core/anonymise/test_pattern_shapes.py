"""Pattern shapes the detector once missed: Welsh street addresses (the street word comes
first) and dates of birth in a scanned table whose row OCR read as one line across columns.

Each case has a look-alike that must stay: a count of goods, a place named without a house
number, an event date, a product code.
"""

from __future__ import annotations

import pytest

from portfolio.anonymise.detect import find_personal_data


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
