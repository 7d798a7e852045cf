"""People listed after a people label, and a chat's two-letter clips (issue #15, seventh
sitting).

"Key people: Shauna Kerr (Mon–Wed), Babajide (Thu–Fri)": the label covers every item of its
list, not only the first; a department listed beside people ("Housing Management") stays. In
a chat, a message opening with the first two letters of a speaker's first name addresses
them ("Mo the keys are in the office"); a common word there ("No the van is fine") stays.
Written for this test (no corpus words); the list runs through every text format and a
photographed board (OCR).
"""

from __future__ import annotations

import io

import pytest
from anonymise_helpers import extract_text
from names_corpus import Doc, build, leaks, lost

from portfolio.anonymise.detect import find_personal_data
from portfolio.anonymise.pipeline import anonymise_bytes

LIST_DOC = Doc(
    "key_people",
    "label_list",
    [
        "Room news this week",
        "Key people: Shauna Kerr (Mon-Wed), Babajide (Thu-Fri)",
        "Present: Kerry Walsh, Housing Management and Ifeoluwa.",
    ],
    names=["Shauna Kerr", "Babajide", "Kerry Walsh", "Ifeoluwa"],
    controls=["Housing Management"],
)
CHAT_DOC = Doc(
    "van_chat",
    "chat_clip",
    [
        "[09:12] Joanne Price: morning all, van 2 is booked",
        "[09:14] Mohammed Iqbal: Jo the keys are in the office",
        "[09:15] Joanne Price: Mo can you ring the depot",
        "[09:20] Noah Bright: depot says 10",
        "[09:25] Joanne Price: No the van is fine, So glad",
    ],
    names=["Joanne Price", "Mohammed Iqbal", "Noah Bright", "Jo", "Mo"],
    controls=["No the van", "So glad"],
)


def _output(doc: Doc, suffix: str) -> str:
    output, _ = anonymise_bytes(build(doc, suffix), filename=doc.name + suffix)
    if suffix == ".png":
        from PIL import Image

        from portfolio.anonymise.ocr import read_lines

        return "\n".join(line.text for line in read_lines(Image.open(io.BytesIO(output))))
    return extract_text(output, suffix)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".docx", ".pdf", ".png"])
def test_every_item_of_a_people_list_goes_a_department_stays(suffix: str) -> None:
    output = _output(LIST_DOC, suffix)
    assert leaks(LIST_DOC, output) == [], output
    assert lost(LIST_DOC, output) == [], output


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_a_chat_message_opening_with_a_speakers_clip_addresses_them(suffix: str) -> None:
    output = _output(CHAT_DOC, suffix)
    assert leaks(CHAT_DOC, output) == [], output
    assert lost(CHAT_DOC, output) == [], output


def _names(text: str) -> list[str]:
    return [f.text for f in find_personal_data(text) if f.category == "name"]


def test_only_a_label_of_a_list_of_people_covers_the_list() -> None:
    assert _names("Apologies: Babajide (leave), Repairs Team.") == ["Babajide"]
    assert _names("Present: Babajide, Oluwadamilare") == ["Babajide", "Oluwadamilare"]
    assert _names("Present: Babajide, Dr Oluwadamilare") == ["Babajide", "Oluwadamilare"]
    # A label of one person: the comma brings their firm, not another person.
    assert _names("From: Kerry Walsh, Zentria") == ["Kerry Walsh"]
    # Not a label of people: the list is of things.
    assert _names("Topics: Babajide, Oluwadamilare") == []
    # The list ends at a sentence.
    assert _names("Present: Kerry Walsh, we met in Zentria House") == ["Kerry Walsh"]


def test_a_two_letter_clip_counts_only_opening_a_chat_message() -> None:
    chat = "\n".join(CHAT_DOC.lines)
    assert "Mo" in _names(chat)
    # Not in a chat: nobody speaks, so "Mo" names nobody.
    assert _names("Mohammed Iqbal booked the van.\nMo the keys are in the office") == [
        "Mohammed Iqbal"
    ]
