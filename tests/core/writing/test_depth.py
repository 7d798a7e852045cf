"""Reflective depth on Hatton and Smith's four levels, from hand-written examples of each."""

from __future__ import annotations

import pytest

from portfolio.writing.depth import LEVEL_LABELS, estimate_depth
from portfolio.writing.phrases import PhraseMatcher

SITUATION = (
    "I work on reception at a leisure centre. A member came to the desk on a Monday morning "
    "because the app had taken two payments for her monthly membership."
)

DESCRIPTIVE = {
    "situation": SITUATION,
    "action": "I said hello and looked at the screen. Then I found her account. After that I "
    "printed the payments. Then I gave her the form and she filled it in.",
    "result": "She handed the form back and went to her class.",
    "reflection": "It was a busy morning and there was a queue behind her at the desk.",
}

DESCRIPTIVE_REFLECTION = {
    **DESCRIPTIVE,
    "action": "I found her account and printed the payments because she wanted proof. I gave "
    "her the refund form so that finance could pay her back.",
    "reflection": "It went well and I learned how the refund form works.",
}

DIALOGIC = {
    **DESCRIPTIVE_REFLECTION,
    "reflection": "It went well because I stayed calm, and I learned how the refund form "
    "works. I could have rung finance instead of giving her a form, which would have been "
    "quicker for her. Next time I will ring them first.",
}

CRITICAL = {
    **DIALOGIC,
    "reflection": DIALOGIC["reflection"]
    + " From her point of view the double payment felt like the centre did not care, and my "
    "manager said it was the third such case this month. Mistakes like this affect our "
    "reputation, so I suggested we report the app fault as a trend.",
}


@pytest.mark.parametrize(
    ("sections", "level"),
    [(DESCRIPTIVE, 1), (DESCRIPTIVE_REFLECTION, 2), (DIALOGIC, 3), (CRITICAL, 4)],
    ids=["descriptive", "descriptive-reflection", "dialogic", "critical"],
)
def test_hand_written_examples_land_on_their_level(sections: dict[str, str], level: int) -> None:
    estimate = estimate_depth(sections)
    assert estimate.level == level
    assert estimate.label == LEVEL_LABELS[level]
    assert estimate.signals
    assert estimate.next_step


def test_descriptive_writing_is_told_why_it_is_descriptive() -> None:
    signals = " | ".join(estimate_depth(DESCRIPTIVE).signals)
    assert "step by step" in signals
    assert "no reasons" in signals


def test_signals_quote_the_learners_own_words() -> None:
    signals = estimate_depth(CRITICAL).signals
    assert any("'because'" in s for s in signals)
    assert any("'could have'" in s for s in signals)
    assert any("'point of view'" in s for s in signals)


def test_next_step_names_what_lifts_the_entry_a_level() -> None:
    assert "because" in estimate_depth(DESCRIPTIVE).next_step
    assert "could you have done" in estimate_depth(DESCRIPTIVE_REFLECTION).next_step
    assert "colleague" in estimate_depth(DIALOGIC).next_step


def test_too_little_text_is_not_judged() -> None:
    estimate = estimate_depth({"reflection": "I learned a lot because I could have done better."})
    assert estimate.level == 1
    assert "too little" in estimate.signals[0]


def test_phrase_matcher_whole_words_prefixes_and_longest_phrase() -> None:
    matcher = PhraseMatcher(["as a result", "as a result of this", "apologis*", "then"])
    text = "As a result of this I apologised. Strengthen, then stop."
    assert [m.text for m in matcher.finditer(text)] == ["As a result of this", "apologised", "then"]
    # Whole tokens: "I" does not match inside "I'm", which needs its own phrase.
    assert PhraseMatcher(["I"]).count("I think I'm in; it is") == 1
    assert PhraseMatcher(["I", "I'm"]).count("I think I'm in; it is") == 2
    assert PhraseMatcher([]).search("anything") is None
