"""Laws, models and theories named after their author in the possessive (issue #15, seventh
sitting): "Tuckman's stages", "Murphy's law" stay; a surname owning a thing ("Okafor's test")
and a first name owning a model ("Jane's model") stay people. Written for this test, run
through every text format.
"""

from __future__ import annotations

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


@pytest.mark.parametrize("suffix", [".txt", ".md", ".docx", ".pdf"])
def test_ideas_named_after_their_author_stay_people_go(suffix: str) -> None:
    output, _ = anonymise_bytes(build(DOC, suffix), filename=DOC.name + suffix)
    text = extract_text(output, suffix)
    assert leaks(DOC, text) == [], text
    assert lost(DOC, text) == [], text


def _names(text: str) -> list[str]:
    return [f.text for f in find_personal_data(text) if f.category == "name"]


def test_a_surname_before_a_kind_of_idea_is_its_author_not_a_person_here() -> None:
    assert _names("Gibbs' reflective cycle helped me.") == []
    assert _names("Murphy's law struck again.") == []
    # A surname owning a thing, a first name owning a model: people.
    assert _names("Okafor's test came back clear.") == ["Okafor"]
    assert _names("Jane's model of the shop was good.") == ["Jane"]
