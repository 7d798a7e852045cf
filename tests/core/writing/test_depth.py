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
    estimate = estimate_depth(DESCRIPTIVE)
    assert "step by step" in " | ".join(estimate.signals)
    assert "no reasons" in " | ".join(estimate.missing)
    chronological = next(s for s in estimate.evidence if s.category == "chronological")
    assert set(chronological.quotes) <= {"Then", "After that", "then", "after that"}


def test_step_by_step_signal_needs_the_words_it_names() -> None:
    # The old estimate printed "('then', 'after that')" whatever the text said.
    story = {
        "situation": SITUATION,
        "action": "First of all I found her account. Next I printed the payments. Finally I "
        "gave her the form and later she filled it in.",
        "result": "She handed the form back and went to her class.",
        "reflection": "It was a busy morning at the desk.",
    }
    signal = next(s for s in estimate_depth(story).evidence if s.category == "chronological")
    assert "then" not in [q.lower() for q in signal.quotes]
    assert all(q in story["action"] for q in signal.quotes)


@pytest.mark.parametrize("sections", [DESCRIPTIVE, DESCRIPTIVE_REFLECTION, DIALOGIC, CRITICAL])
def test_every_signal_quotes_words_that_are_in_the_entry(sections: dict[str, str]) -> None:
    estimate = estimate_depth(sections)
    whole = " ".join(sections.values())
    assert estimate.evidence
    for signal in estimate.evidence:
        assert signal.quotes, signal
        for quote in signal.quotes:
            assert quote in whole, (signal.category, quote)


def test_naming_a_law_is_not_critical_reflection() -> None:
    named = {
        **DIALOGIC,
        "situation": SITUATION + " Under the Consumer Rights Act she was owed the money back.",
        "reflection": DIALOGIC["reflection"] + " From her point of view it was stressful. The "
        "Data Protection Act applies to the form.",
    }
    assert estimate_depth(named).level == 3
    connected = {
        **named,
        "reflection": named["reflection"] + " Getting refunds wrong damages our reputation, so "
        "I now check the log first.",
    }
    assert estimate_depth(connected).level == 4


def test_a_bare_verdict_is_not_descriptive_reflection() -> None:
    verdict = {**DESCRIPTIVE, "reflection": "It went well. It was a busy morning at the desk."}
    assert estimate_depth(verdict).level == 1


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
    assert estimate.signals == ()
    assert "too little" in estimate.missing[0]


def test_phrase_matcher_whole_words_prefixes_and_longest_phrase() -> None:
    matcher = PhraseMatcher(["as a result", "as a result of this", "apologis*", "then"])
    text = "As a result of this I apologised. Strengthen, then stop."
    assert [m.text for m in matcher.finditer(text)] == ["As a result of this", "apologised", "then"]
    # Whole tokens: "I" does not match inside "I'm", which needs its own phrase.
    assert PhraseMatcher(["I"]).count("I think I'm in; it is") == 1
    assert PhraseMatcher(["I", "I'm"]).count("I think I'm in; it is") == 2
    assert PhraseMatcher([]).search("anything") is None
