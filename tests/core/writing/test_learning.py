"""What the learner's own tagging teaches: nearest-entry votes, rejections, the centre's file."""

from __future__ import annotations

import json

import pytest

from portfolio.frameworks.catalog import get_bundled
from portfolio.writing.learning import (
    MIN_ENTRIES_FOR_EXPORT,
    TagModel,
    parse_weights,
)
from portfolio.writing.suggest import CriterionIndex

L2 = get_bundled("icq-bwrc-l2")
PROTOCOL = "icq-bwrc-l2.u1.lo3.ac1"
LISTENING = "icq-bwrc-l2.u1.lo3.ac3"

# A call-centre learner's entries: every one of them answers calls, which the words alone read
# as the telephone-manner protocol.
CALLS = [
    "I answered the phone with our greeting and the caller was worried about her gas bill. I "
    "listened without interrupting, repeated back the readings and said I understood.",
    "I answered the phone with our greeting and a man rang upset about his boiler. I let him "
    "finish, repeated back the fault and told him I could see why he was worried.",
    "I answered the phone with our greeting and a customer was upset about her meter. I "
    "listened without interrupting, repeated back the numbers and said I understood.",
]
NEW = (
    "I answered the phone with our greeting and an older caller was upset about her bill. I "
    "listened without interrupting, repeated back what she said and told her I understood."
)


def _ranks(model: TagModel | None) -> list[str]:
    index = CriterionIndex.build([L2])
    return [s.criterion_id for s in index.suggest(NEW, top=11, model=model)]


def test_an_empty_model_leaves_the_ranking_exactly_as_it_was() -> None:
    assert TagModel().empty
    assert _ranks(TagModel()) == _ranks(None)
    assert TagModel().score(NEW, {}, 1.0) == {}


def test_rejections_on_alike_entries_move_a_criterion_down_and_tags_move_one_up() -> None:
    before = _ranks(None)
    model = TagModel()
    for i, text in enumerate(CALLS):
        model.confirm(LISTENING, text, source=f"e{i}")
        model.reject(PROTOCOL, text, source=f"e{i}")
    after = _ranks(model)
    assert after.index(LISTENING) < before.index(LISTENING) or after[0] == LISTENING
    assert after.index(PROTOCOL) > before.index(PROTOCOL)
    assert after[0] == LISTENING
    learned = CriterionIndex.build([L2]).suggest(NEW, top=1, model=model)[0]
    assert learned.learned


def test_entries_unlike_the_text_do_not_vote() -> None:
    model = TagModel()
    model.confirm(PROTOCOL, "The quarterly KPI review of the loyalty scheme finances.", source="x")
    assert model.score(NEW, {}, 1.0) == {}
    assert _ranks(model) == _ranks(None)


def test_a_confirmation_wins_over_an_earlier_rejection_of_the_same_entry() -> None:
    model = TagModel()
    model.reject(PROTOCOL, CALLS[0], source="e0")
    model.confirm(PROTOCOL, CALLS[0], source="e0")
    assert model.score(CALLS[0], {}, 1.0)[PROTOCOL] > 0
    assert model.examples == 1


def test_export_is_anonymous_term_weights_without_rare_words() -> None:
    model = TagModel()
    texts = [t + " Mrs Quennell was there." if i == 0 else t for i, t in enumerate(CALLS)]
    for i, text in enumerate(texts):
        model.confirm(LISTENING, text, source=f"e{i}")
    document = model.export_weights({"icq-bwrc-l2": L2.version})
    dumped = json.dumps(document)
    assert "quennel" not in dumped.lower()  # one entry only: never leaves the file
    assert "Mrs" not in dumped
    weights = document["criteria"][LISTENING]["confirmed"]["weights"]
    assert weights and all(isinstance(w, float) for w in weights.values())
    assert "~active listening" in weights
    # Every plain term in the file came from at least MIN_ENTRIES_FOR_EXPORT entries.
    assert len(CALLS) >= MIN_ENTRIES_FOR_EXPORT
    assert document["criteria"][LISTENING]["confirmed"]["examples"] == 3
    assert document["frameworks"] == {"icq-bwrc-l2": L2.version}
    for text in CALLS:
        assert text not in dumped


def _scores(model: TagModel | None) -> dict[str, float]:
    return {s.criterion_id: s.score for s in CriterionIndex.build([L2]).suggest(NEW, model=model)}


def test_a_centre_file_gives_a_new_learner_a_head_start() -> None:
    centre = TagModel()
    for learner_no in range(5):  # five learners at one centre, three such entries each
        for i, text in enumerate(CALLS):
            centre.confirm(LISTENING, text, source=f"l{learner_no}e{i}")
            centre.reject(PROTOCOL, text, source=f"l{learner_no}e{i}")
    document = json.loads(json.dumps(centre.export_weights({"icq-bwrc-l2": L2.version})))
    learner = TagModel()
    assert learner.set_prior(document, [c.id for c in L2.criteria()]) == 2
    assert not learner.empty and learner.examples == 0
    before, after = _scores(None), _scores(learner)
    assert after[LISTENING] > before[LISTENING]
    assert after[PROTOCOL] < before[PROTOCOL]
    assert _ranks(learner)[0] == LISTENING
    # Criteria the portfolio does not have are ignored.
    assert TagModel().set_prior(document, ["other.u1.lo1.ac1"]) == 0


def test_pooling_learners_counts_entries_across_files() -> None:
    a, b = TagModel(), TagModel()
    a.confirm(LISTENING, CALLS[0], source="a1")
    b.confirm(LISTENING, CALLS[1], source="b1")
    b.confirm(LISTENING, CALLS[2], source="b2")
    pooled = TagModel()
    pooled.absorb(a)
    pooled.absorb(b)
    assert pooled.examples == 3
    assert pooled.export_weights({})["criteria"][LISTENING]["confirmed"]["examples"] == 3


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        ([], "not a suggestion weights file"),
        ({"format": "something-else"}, "not a suggestion weights file"),
        ({"format": "portfolio-suggestion-weights", "version": 9}, "version 9"),
        ({"format": "portfolio-suggestion-weights", "version": 1, "criteria": []}, "criteria"),
        (
            {"format": "portfolio-suggestion-weights", "version": 1, "criteria": {"c": 3}},
            "not an object",
        ),
        (
            {
                "format": "portfolio-suggestion-weights",
                "version": 1,
                "criteria": {"c": {"confirmed": {"examples": -1, "weights": {}}}},
            },
            "examples",
        ),
        (
            {
                "format": "portfolio-suggestion-weights",
                "version": 1,
                "criteria": {"c": {"confirmed": {"examples": 2, "weights": {"t": "x"}}}},
            },
            "not a number",
        ),
    ],
)
def test_malformed_weights_are_refused_with_a_reason(document: object, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_weights(document)  # type: ignore[arg-type]
    model = TagModel()
    with pytest.raises(ValueError):
        model.set_prior(document, [])  # type: ignore[arg-type]
    assert model.empty


@pytest.mark.parametrize(
    "text",
    [
        CALLS[0],
        NEW,
        "Don\u2019t SHOUT \u0130stanbul it's the customer's Caf\u00e9; NON-verbal eye-contact.",
        "",
    ],
)
def test_the_fast_term_counts_match_the_full_analysis(text: str) -> None:
    from portfolio.writing.terms import analyse, term_counts

    assert term_counts(text) == analyse(text).counts
