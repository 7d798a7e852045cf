"""Laws, models and theories named after their author in the possessive, programmes and
awards named after who they honour, and story characters named with a title (issue #15,
seventh sitting): "Tuckman's stages", "Murphy's
law", "Mr Tickle and the Mr Men books" stay; a surname owning a thing ("Okafor's test"), a
first name owning a model ("Jane's model") and "Mr Tickle rang" stay people. Written for this
test, run through every text format (the characters also as a photographed board).
"""

from __future__ import annotations

import io

import pytest
from anonymise_helpers import extract_text
from names_corpus import Doc, build, leaks, lost

from portfolio.anonymise.detect import find_personal_data
from portfolio.anonymise.pipeline import anonymise_bytes

DOC = Doc(
    "reflective_account",
    "named_idea",
    [
        "Reflective account by Kerry Walsh.",
        "Tuckman's stages helped me see why the new team argued.",
        "Murphy's law struck again on the late shift; Bloom's taxonomy shaped my questions.",
        "Nwachukwu's rota was swapped with mine.",
    ],
    names=["Kerry Walsh", "Nwachukwu"],
    controls=["Tuckman's stages", "Murphy's law", "Bloom's taxonomy"],
)


CHARACTERS = Doc(
    "nursery_board",
    "fixed_phrase",
    [
        "Room leader: Kerry Walsh",
        "Topic: Mr Tickle and the Mr Men books, then Mr Bump for story time",
        "Mr Grumbleton rang about the trip.",
    ],
    names=["Kerry Walsh", "Grumbleton"],
    controls=["Mr Tickle", "Mr Bump"],
)


PROGRAMMES = Doc(
    "training_record",
    "qualification",
    [
        "Training record: Kerry Walsh",
        "Completed Elizabeth Garrett Anderson programme in 2025.",
        "Mary Seacole award, shortlisted 2024.",
        "Jane Okonjo certificate due in March.",
    ],
    names=["Kerry Walsh", "Jane Okonjo"],
    controls=["Elizabeth Garrett Anderson programme", "Mary Seacole award"],
)


def _output(doc: Doc, suffix: str) -> str:
    output, _ = anonymise_bytes(build(doc, suffix), filename=doc.name + suffix)
    if suffix == ".png":
        from PIL import Image

        from portfolio.anonymise.ocr import read_lines

        return "\n".join(line.text for line in read_lines(Image.open(io.BytesIO(output))))
    return extract_text(output, suffix)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".docx", ".pdf"])
def test_ideas_named_after_their_author_stay_people_go(suffix: str) -> None:
    text = _output(DOC, suffix)
    assert leaks(DOC, text) == [], text
    assert lost(DOC, text) == [], text


@pytest.mark.parametrize("suffix", [".txt", ".md", ".docx", ".pdf"])
def test_programmes_named_after_who_they_honour_stay_holders_go(suffix: str) -> None:
    text = _output(PROGRAMMES, suffix)
    assert leaks(PROGRAMMES, text) == [], text
    assert lost(PROGRAMMES, text) == [], text


@pytest.mark.parametrize("suffix", [".txt", ".md", ".docx", ".pdf", ".png"])
def test_story_characters_with_a_title_stay_people_go(suffix: str) -> None:
    text = _output(CHARACTERS, suffix)
    assert leaks(CHARACTERS, text) == [], text
    assert lost(CHARACTERS, text) == [], text


def _names(text: str) -> list[str]:
    return [f.text for f in find_personal_data(text) if f.category == "name"]


def test_a_surname_before_a_kind_of_idea_is_its_author_not_a_person_here() -> None:
    assert _names("Gibbs' reflective cycle helped me.") == []
    assert _names("Murphy's law struck again.") == []
    # A surname owning a thing, a first name owning a model: people.
    assert _names("Okafor's test came back clear.") == ["Okafor"]
    assert _names("Jane's model of the shop was good.") == ["Jane"]


def test_a_title_before_an_ordinary_word_that_is_a_rare_surname_is_a_character() -> None:
    assert _names("Mr Bump for story time.") == []
    assert _names("Mr Tickle and the Mr Men books") == []
    # A verb of a person, a label, another person joined by "and": a person.
    assert _names("Mr Tickle rang about his order.") == ["Tickle"]
    assert _names("Attendee: Mr Tickle") == ["Tickle"]
    assert _names("Mr Tickle and Mrs Okafor came in.") == ["Tickle", "Okafor"]
    # A common family name that is also a word: a person.
    assert _names("Mr Baker for story time.") == ["Baker"]
