"""The coach, the personal-data list and the export check share one detection per text.

Counted, not timed: the detector's inner function is wrapped (every caller reaches it, however
it imported ``find_personal_data``) and its calls counted while the coach reviews an entry and
the export check flags the same entry, as the editor does on every switch.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest

from portfolio.anonymise import detect as detect_module
from portfolio.anonymise import shared
from portfolio.anonymise.detect import find_personal_data
from portfolio.domain.entry_input import entry_input_from_json
from portfolio.services.personal_data import UnacknowledgedPersonalDataError, detect
from portfolio.services.portfolio import Portfolio
from portfolio.writing import coach

SITUATION = (
    "I helped Mrs Okafor with her order on the shop floor. She rang on 07700 900123 to ask "
    "about it and I wrote down what she needed."
)
ACTION = "I told Tom Baxter from Greenway Foods that the order would arrive on Friday."
TERMS = ("Greenway Foods", "Baxter", "Tom")


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The texts the detector is run on, in order (nothing remembered from earlier tests)."""
    seen: list[str] = []

    inner = detect_module._find

    def counted(text: str, terms: Sequence[str], hints: Sequence[object]) -> object:
        seen.append(text)
        return inner(text, terms, hints)

    shared.forget()
    coach._section_personal_data.cache_clear()
    monkeypatch.setattr(detect_module, "_find", counted)
    yield seen
    shared.forget()
    coach._section_personal_data.cache_clear()


def test_the_answer_is_the_detectors_whatever_the_order_of_the_terms(calls: list[str]) -> None:
    answers = [detect(ACTION, t) for t in (TERMS, tuple(reversed(TERMS)), (*TERMS, " Tom "))]
    assert calls == [ACTION]  # once: the order and a repeated term do not change the answer
    assert detect(ACTION) != answers[0]  # another term list is asked again
    assert calls == [ACTION, ACTION]
    assert all(list(a) == find_personal_data(ACTION, TERMS) for a in answers)
    assert list(detect(ACTION)) == find_personal_data(ACTION)


def test_another_text_or_another_term_is_asked_again(calls: list[str]) -> None:
    detect(SITUATION, ("Okafor",))
    detect(SITUATION, ("Okafor", "floor"))
    detect(SITUATION + " ", ("Okafor",))
    assert len(calls) == 3


def test_a_switch_runs_the_detector_once_per_text_for_the_coach_and_the_list(
    portfolio: Portfolio, calls: list[str]
) -> None:
    entry_id = portfolio.entries.add(
        entry_input_from_json(
            {
                "title": "Helping with an order",
                "event_date": "2026-11-02",
                "status": "ready",
                "situation": SITUATION,
                "action": ACTION,
            }
        )
    ).value.id
    for term in TERMS:
        portfolio.learner.add_term(term)
    detail = portfolio.entries.get(entry_id)
    # As the editor does on a switch: the Coach tab reviews the entry (terms read ordered by
    # the learner service), the personal-data list flags it (terms in table order).
    report = coach.review_entry(detail.sections, terms=portfolio.learner.terms())
    flagged = portfolio.export_check.flags(entry_id)
    texts = [t for t in (detail.title, *detail.sections.values()) if t.strip()]
    assert sorted(calls) == sorted(texts)  # each text once, not once per asker
    # Both still see every item: the coach a card per finding, the list a problem per item.
    terms = portfolio.learner.terms()
    found = {
        (key, (f.start, f.end))
        for key, text in detail.sections.items()
        if text.strip()
        for f in detect(text, terms)
    }
    assert {(f.section, f.span) for f in report.findings if f.code == "personal-data"} == found
    assert {"Mrs Okafor", "07700 900123", "Greenway Foods"} <= {p.text for p in flagged}
    assert {p.section for p in flagged} == {key for key, _ in found}
    # The export check asks about the same texts: read from memory, and still refused.
    with pytest.raises(UnacknowledgedPersonalDataError):
        portfolio.exporting.export_pdf(portfolio.path.parent / "out.pdf")
    assert sorted(calls) == sorted(texts)
    assert not (portfolio.path.parent / "out.pdf").exists()


def test_what_is_remembered_stays_within_its_budget_least_recently_asked_going_first(
    calls: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bounded by size, not by a count of texts: long texts fill the budget sooner."""
    texts = [f"Entry {n}: I served a customer at the till." for n in range(6)]
    monkeypatch.setattr(shared, "BUDGET", 3 * shared.cost(texts[0]))
    for text in texts[:3]:
        detect(text)
    detect(texts[0])  # asked again: now the most recently asked
    detect(texts[3])  # over budget: the least recently asked (texts[1]) goes
    assert shared.held() == (3, 3 * shared.cost(texts[0]))
    calls.clear()
    detect(texts[0])
    detect(texts[3])
    assert calls == []  # both remembered
    detect(texts[1])
    assert calls == [texts[1]]  # forgotten, so asked again
    room = shared.BUDGET - shared.OVERHEAD
    long = (texts[4] * room)[:room]  # the whole budget: everything else goes to make room
    detect(long)
    assert shared.held() == (1, shared.BUDGET)
    detect((texts[5] * room)[: room + 1])  # larger than the budget: never held, nothing goes
    assert shared.held() == (1, shared.BUDGET)


def test_a_text_of_the_coach_and_the_check_is_held_at_its_size_plus_the_overhead() -> None:
    assert shared.cost("") == shared.OVERHEAD
    assert shared.cost("x" * 1800) == 1800 + shared.OVERHEAD
    # The whole check of a 1,000-entry portfolio (8,126 texts, 6.1 MiB in the app) fits.
    assert 8126 * shared.cost("x" * 282) <= shared.BUDGET
