"""The assessment rules on plain records (portfolio.domain.assessment): no database."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from portfolio.domain.assessment import (
    REFER,
    VALID,
    VOID,
    counts_as_evidence,
    criterion_status,
    entry_fingerprint,
    has_text,
    judgement_view,
    judgements_in_force,
    refuse_action,
    refuse_met,
    refuse_signoff,
    signoff_view,
    stamps_for,
    stamps_from_json,
    stamps_to_json,
)
from portfolio.domain.enums import CriterionState
from portfolio.domain.records import EntryFacts, JudgementRec, SampleRec, SignOffRec

ENTRY = EntryFacts(
    id="e1",
    ref_no=1,
    title="Refund",
    sections=("At the desk", "Refund", "I checked the receipt", "Happy", "Next time"),
    method="reflective_account",
    event_date=date(2026, 3, 14),
    witness=("", "", ""),
    status="ready",
    tags=(("c1", "It shows it"),),
    attachments=(),
)
AT = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def judgement(n: int = 1, role: str = "assessor", state: str = "met", stamps=None) -> JudgementRec:
    return JudgementRec(
        id=f"j{n}",
        criterion_id="c1",
        judgement=state,
        reason="r",
        reviewer_name=f"Reviewer {n}",
        reviewer_role=role,
        created_at=datetime(2026, 12, n, tzinfo=UTC),
        evidence=stamps_for([ENTRY]) if stamps is None else stamps,
    )


def test_only_ready_entries_with_text_count_as_evidence() -> None:
    assert counts_as_evidence("ready", True)
    assert not counts_as_evidence("draft", True)
    assert not counts_as_evidence("ready", False)
    assert not has_text(["", "  \n\t", ""]) and has_text(["", " x "])


@pytest.mark.parametrize(
    "change",
    [
        {"sections": ("At the desk", "Refund", "I checked it twice", "Happy", "Next time")},
        {"title": "Refund (edited)"},
        {"method": "observation"},
        {"event_date": date(2026, 3, 15)},
        {"event_date": None},
        {"witness": ("Sam", "Supervisor", "Manager")},
        {"status": "draft"},
        {"tags": (("c1", "It shows it well"),)},
        {"tags": (("c1", "It shows it"), ("c2", "And this"))},
        {"attachments": ("abc script.pdf note",)},
    ],
    ids=lambda c: next(iter(c)),
)
def test_every_fingerprinted_fact_changes_the_fingerprint(change: dict) -> None:
    assert entry_fingerprint(replace(ENTRY, **change)) != entry_fingerprint(ENTRY)


def test_fingerprint_ignores_order_of_tags_and_attachments() -> None:
    one = replace(ENTRY, tags=(("a", "x"), ("b", "y")), attachments=("1", "2"))
    two = replace(ENTRY, tags=(("b", "y"), ("a", "x")), attachments=("2", "1"))
    assert entry_fingerprint(one) == entry_fingerprint(two)


def test_stamps_round_trip_and_damaged_ones_count_as_not_recorded() -> None:
    stamps = stamps_for([ENTRY])
    assert stamps_from_json(stamps_to_json(stamps)) == stamps
    assert stamps_from_json(None) is None
    assert stamps_from_json("not json") is None
    assert stamps_from_json('[{"entry": "e1"}]') is None


def test_the_judgement_in_force_is_the_latest_by_an_assessor() -> None:
    latest = judgements_in_force(
        [judgement(1), judgement(3, role="iqa", state="not_yet"), judgement(2, state="not_yet")]
    )
    assert latest["c1"].id == "j2"  # the IQA's later record never overrides the assessor
    assert judgements_in_force([judgement(1, role="tutor")]) == {}


def test_a_judgement_is_stale_when_its_evidence_changed_or_went() -> None:
    current = {"e1": entry_fingerprint(ENTRY)}
    fresh = judgement_view(judgement(3), current, {})
    assert not fresh.stale and fresh.in_force_as_met
    changed = judgement_view(judgement(3), {"e1": "other"}, {})
    assert changed.stale and changed.stale_reason == (
        "evidence changed since judged on 3 December 2026 (E1)"
    )
    deleted = judgement_view(judgement(3), {}, {})
    assert deleted.stale and not deleted.in_force_as_met


def test_a_judgement_from_before_evidence_was_recorded_is_stale() -> None:
    view = judgement_view(replace(judgement(3), evidence=None), {"e1": "x"}, {})
    assert view.stale and "older version" in view.stale_reason


def test_statuses() -> None:
    current = {"e1": entry_fingerprint(ENTRY)}
    met = judgement_view(judgement(), current, {})
    stale = judgement_view(judgement(), {}, {})
    assert criterion_status(ready=1, drafts=0, judgement=met) is CriterionState.MET
    assert criterion_status(ready=0, drafts=1, judgement=met) is CriterionState.DRAFT
    assert criterion_status(ready=1, drafts=0, judgement=stale) is CriterionState.CLAIMED
    assert criterion_status(ready=0, drafts=2, judgement=None) is CriterionState.DRAFT
    assert criterion_status(ready=0, drafts=0, judgement=None) is CriterionState.NONE


def test_an_iqa_referral_reopens_the_judgement() -> None:
    refer = SampleRec("s1", "judgement", "j1", REFER, "Thin", "Irene", "iqa", AT)
    view = judgement_view(judgement(1), {"e1": entry_fingerprint(ENTRY)}, {"j1": refer})
    assert view.referral is refer and not view.in_force_as_met
    assert criterion_status(ready=1, drafts=0, judgement=view) is CriterionState.CLAIMED


def _signoff(**change: object) -> SignOffRec:
    base = SignOffRec(
        id="o1",
        unit_id="u1",
        reviewer_name="Priya",
        reviewer_role="assessor",
        signed_at=AT,
        evidence_fingerprint="f" * 64,
        evidence=stamps_for([ENTRY]),
        judgements={"c1": ("j1", "1.1")},
    )
    return replace(base, **change)


def test_sign_off_states_and_reasons() -> None:
    current = {"e1": entry_fingerprint(ENTRY)}
    in_force = {"c1": judgement(1)}

    def view(signoff: SignOffRec, **kw: object):
        args = {"current": current, "in_force": in_force, "samples": {}} | kw
        return signoff_view(signoff, **args)  # type: ignore[arg-type]

    assert view(_signoff()).state == VALID
    changed = view(_signoff(), current={"e1": "x"})
    assert changed.state == VOID and changed.reason.startswith("evidence changed since signed off")
    deleted = view(_signoff(), current={})
    assert deleted.state == VOID and "(E1)" in deleted.reason
    rejudged = view(_signoff(), in_force={"c1": judgement(2)})
    assert (
        rejudged.state == VOID
        and rejudged.reason.startswith("judged again")
        and "1.1" in (rejudged.reason)
    )
    legacy = view(_signoff(evidence=None, judgements=None))
    assert legacy.state == VOID and "older version" in legacy.reason
    tutor = view(_signoff(reviewer_role="tutor"))
    assert tutor.state == VOID and "not an assessor" in tutor.reason
    refer = SampleRec("s1", "signoff", "o1", REFER, "Not enough", "Irene", "iqa", AT)
    referred = view(_signoff(), samples={"o1": refer})
    assert referred.state == VOID and referred.reason.startswith("referred by IQA Irene")
    assert "void:" in referred.label() and referred.to_json()["state"] == "void"
    refer_j = SampleRec("s2", "judgement", "j1", REFER, "Thin", "Irene", "iqa", AT)
    rests_on = view(_signoff(), samples={"j1": refer_j})
    assert rests_on.state == VOID and "referred by the IQA" in rests_on.reason


def test_refusals_name_what_is_missing() -> None:
    assert refuse_met("1.3", 0) is not None and "1.3" in refuse_met("1.3", 0)  # type: ignore[operator]
    assert refuse_met("1.3", 1) is None
    message = refuse_signoff("Unit BWRC", [("1.2", CriterionState.CLAIMED)])
    assert message is not None and "1.2 (evidence claimed)" in message
    assert refuse_signoff("Unit BWRC", []) is None


@pytest.mark.parametrize(
    ("role", "action", "allowed"),
    [
        ("tutor", "comment", True),
        ("tutor", "judge", False),
        ("tutor", "signoff", False),
        ("assessor", "judge", True),
        ("assessor", "signoff", True),
        ("assessor", "sample", False),
        ("iqa", "sample", True),
        ("iqa", "judge", False),
        ("iqa", "signoff", False),
        ("learner", "comment", False),
    ],
)
def test_who_may_do_what(role: str, action: str, allowed: bool) -> None:
    assert (refuse_action(role, action) is None) is allowed
