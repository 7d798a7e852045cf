"""The assessment record through the services: refused decisions change nothing, judgements go
stale after each kind of edit, sign-offs go void, IQA samples reopen decisions, roles hold, and
files from before migration 0004 are read honestly."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from portfolio.domain.actor import Actor
from portfolio.domain.entry_input import entry_input_from_json
from portfolio.errors import AssessmentRefusedError, ReadOnlyError
from portfolio.services.portfolio import Portfolio
from tests.helpers.assessment import ASSESSOR, IQA, add_ready_entry, make_signed_off

UNIT = "icq-bwrc-l2.u1"
TUTOR = Actor(name="Tom Reed", role="tutor")


def _count(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def _status(path: Path, number: str) -> str:
    with Portfolio.open(path) as pf:
        return next(c for c in pf.coverage.report().criteria if c.number == number).status.value


@pytest.fixture
def judged(demo_file: Path) -> tuple[Path, str, str]:
    """1.1 judged met on the demo's ready evidence; yields (file, criterion id, an entry id)."""
    with Portfolio.open(demo_file, actor=ASSESSOR) as pf:
        c = next(c for c in pf.coverage.report().criteria if c.number == "1.1")
        pf.reviewing.judge(criterion=c.id, judgement="met", reason="Clear")
    return demo_file, c.id, c.evidence[0]


def test_met_is_refused_without_ready_evidence_and_nothing_changes(demo_file: Path) -> None:
    assert _status(demo_file, "1.3") == "draft" and _status(demo_file, "2.3") == "none"
    before = _count(demo_file, "criterion_judgement")
    with Portfolio.open(demo_file, actor=ASSESSOR) as pf:
        for number in ("1.3", "2.3"):
            with pytest.raises(AssessmentRefusedError, match=f"{number} has no evidence ready"):
                pf.reviewing.judge(criterion=number, judgement="met", reason="Looks fine")
        pf.reviewing.judge(criterion="2.3", judgement="not-yet", reason="Nothing yet")
    assert _count(demo_file, "criterion_judgement") == before + 1  # only the not-yet


def test_an_entry_started_from_a_gap_counts_only_once_ready_with_text(demo_file: Path) -> None:
    with Portfolio.open(demo_file) as pf:
        # What clicking a gap does: a new entry, pre-tagged, with nothing written yet.
        entry = pf.entries.add(entry_input_from_json({"tags": ["2.3"]}))
    assert _status(demo_file, "2.3") == "draft"
    with Portfolio.open(demo_file) as pf:
        pf.entries.update(entry_id=entry.id, status="ready")
    assert _status(demo_file, "2.3") == "draft"  # ready, but no text: not evidence
    with Portfolio.open(demo_file) as pf:
        pf.entries.update(entry_id=entry.id, sections={"action": "I did it."})
    assert _status(demo_file, "2.3") == "claimed"


@pytest.mark.parametrize(
    "edit",
    [
        {"sections": {"result": "Changed afterwards."}},
        {"title": "A new title"},
        {"method": "observation"},
        {"event_date": "2026-01-02"},
        {"witness": {"name": "Sam", "job_title": "Lead", "relationship": "Manager"}},
        {"status": "draft"},
    ],
    ids=lambda e: next(iter(e)),
)
def test_any_edit_to_judged_evidence_makes_the_judgement_stale(judged, edit: dict) -> None:
    path, criterion_id, entry_id = judged
    assert _status(path, "1.1") == "met"
    with Portfolio.open(path) as pf:
        fields = dict(edit)
        if "event_date" in fields:
            from datetime import date

            fields["event_date"] = date.fromisoformat(fields["event_date"])
        if "witness" in fields:
            data = entry_input_from_json({"witness": fields.pop("witness")})
            fields["witness"] = data.witness
        pf.entries.update(entry_id=entry_id, **fields)
        c = pf.coverage.report().criterion(criterion_id)
    assert c.status.value in ("claimed", "draft")
    assert c.judgement is not None and c.judgement.stale
    assert c.detail.startswith("evidence changed since judged on")


def test_retagging_or_deleting_judged_evidence_makes_it_stale(judged) -> None:
    path, criterion_id, entry_id = judged
    with Portfolio.open(path) as pf:
        pf.tagging.tag(entry_id=entry_id, criterion="2.3", justification="Also this")
        assert pf.coverage.report().criterion(criterion_id).judgement.stale  # type: ignore[union-attr]
        pf.tagging.untag(entry_id=entry_id, criterion="2.3")
        # Back as it was: the judgement stands again (the fingerprint is of content only).
        assert pf.coverage.report().criterion(criterion_id).status.value == "met"
        pf.entries.delete(entry_id)
        c = pf.coverage.report().criterion(criterion_id)
    assert c.status.value != "met" and c.judgement is not None and c.judgement.stale
    # The "met" never moves silently to another entry the assessor never saw.


def test_deleting_signed_off_evidence_voids_the_sign_off(demo_file: Path) -> None:
    make_signed_off(demo_file, UNIT)
    with Portfolio.open(demo_file) as pf:
        report = pf.coverage.report()
        assert report.signoff(UNIT).valid  # type: ignore[union-attr]
        entry = next(c for c in report.criteria if c.unit_id == UNIT).evidence[0]
        ref = pf.entries.get(entry).ref
        pf.entries.delete(entry)
        view = pf.coverage.report().signoff(UNIT)
        data = pf.coverage.report().to_json()["signoffs"]
    assert view is not None and view.state == "void" and f"({ref}" in view.reason
    assert data[0]["state"] == "void" and data[0]["reason"].startswith("evidence changed")


def test_judging_again_after_sign_off_voids_it(demo_file: Path) -> None:
    make_signed_off(demo_file, UNIT)
    with Portfolio.open(demo_file, actor=ASSESSOR) as pf:
        pf.reviewing.judge(criterion="1.1", judgement="met", reason="Checked again")
        (status,) = pf.reviewing.signoff_status(unit=UNIT)
    assert status.void and "judged again since signed off" in status.state_label


@pytest.mark.parametrize(
    ("actor", "call"),
    [
        (TUTOR, lambda r: r.judge(criterion="1.1", judgement="met", reason="x")),
        (TUTOR, lambda r: r.sign_off(unit=UNIT)),
        (TUTOR, lambda r: r.sample(target="1.1", decision="agree", reason="x")),
        (IQA, lambda r: r.judge(criterion="1.1", judgement="met", reason="x")),
        (IQA, lambda r: r.sign_off(unit=UNIT)),
        (ASSESSOR, lambda r: r.sample(target="1.1", decision="agree", reason="x")),
    ],
)
def test_roles_are_refused_what_they_may_not_do(judged, actor: Actor, call) -> None:
    path = judged[0]
    counts = {t: _count(path, t) for t in ("criterion_judgement", "signoff", "iqa_sample")}
    with Portfolio.open(path, actor=actor) as pf, pytest.raises(ReadOnlyError, match="Only"):
        call(pf.reviewing)
    assert {t: _count(path, t) for t in counts} == counts


def test_an_iqa_referral_reopens_a_judgement_for_everyone(judged) -> None:
    path, criterion_id, _ = judged
    with Portfolio.open(path, actor=IQA) as pf:
        result = pf.reviewing.sample(target="1.1", decision="refer", reason="Too thin")
    assert result.changes.review and result.record.target_kind == "judgement"
    with Portfolio.open(path) as pf:  # the learner sees it too
        c = pf.coverage.report().criterion(criterion_id)
        data = next(x for x in pf.coverage.report().to_json()["criteria"] if x["id"] == c.id)
    assert c.status.value == "claimed" and c.detail.startswith("referred by IQA Irene Quinn")
    assert data["judgement"]["iqa"]["decision"] == "refer"
    assert data["judgement"]["by"] == "Priya Shah"  # the assessor's record is never replaced
    with Portfolio.open(path, actor=ASSESSOR) as pf:
        pf.reviewing.judge(criterion="1.1", judgement="met", reason="Added E9")
    assert _status(path, "1.1") == "met"  # the assessor decided again


def test_an_iqa_referral_of_a_sign_off_voids_it(demo_file: Path) -> None:
    make_signed_off(demo_file, UNIT)
    with Portfolio.open(demo_file, actor=IQA) as pf:
        agreed = pf.reviewing.sample(target="BWRC", decision="agree", reason="Sound").record
        assert agreed.target_kind == "signoff" and pf.reviewing.signoff_status()[0].valid
        pf.reviewing.sample(target=agreed.target_id, decision="refer", reason="Check 2.2")
        (status,) = pf.reviewing.signoff_status()
    assert status.void and "referred by IQA Irene Quinn" in status.state_label


def test_only_an_assessors_decision_can_be_sampled(demo_file: Path) -> None:
    with Portfolio.open(demo_file, actor=IQA) as pf:
        with pytest.raises(Exception, match="no assessor judgement"):
            pf.reviewing.sample(target="1.1", decision="agree", reason="x")
        with pytest.raises(Exception, match="not been signed off"):
            pf.reviewing.sample(target="BWRC", decision="agree", reason="x")
        with pytest.raises(Exception, match="not a sample decision"):
            pf.reviewing.sample(target="BWRC", decision="maybe", reason="x")


def test_a_file_from_before_the_migration_is_read_honestly(tmp_path: Path) -> None:
    from tests.fixtures.portfolios.make_rev1_fixture import build

    path = tmp_path / "old.portfolio"
    build(path)
    conn = sqlite3.connect(path)
    with conn:
        at = "2026-11-24 10:00:00.000000"
        conn.execute(
            "INSERT INTO criterion_judgement (criterion_id, judgement, reason, reviewer_name, "
            "reviewer_role, created_at, id) VALUES ('mini.u1.lo1.ac1', 'met', 'Old', 'Ann', "
            "'assessor', ?, 'j-old')",
            (at,),
        )
        conn.execute(
            "INSERT INTO signoff (unit_id, reviewer_name, reviewer_role, signed_at, "
            "evidence_fingerprint, id) VALUES ('mini.u1', 'Ann', 'assessor', ?, ?, 'o-old')",
            (at, "a" * 64),
        )
    conn.close()
    with Portfolio.open(path) as pf:
        report = pf.coverage.report()
        c = report.criterion("mini.u1.lo1.ac1")
        assert c.status.value == "claimed" and c.judgement is not None and c.judgement.stale
        assert "older version" in c.detail and "24 November 2026" in c.detail
        view = report.signoff("mini.u1")
        assert view is not None and view.state == "void" and "older version" in view.reason
    # An assessor judging again makes it met on recorded evidence, and the unit can be signed.
    with Portfolio.open(path, actor=ASSESSOR) as pf:
        pf.reviewing.judge(criterion="1.1", judgement="met", reason="Seen again")
        assert pf.reviewing.sign_off(unit="U1").status.valid


def test_a_new_ready_entry_does_not_void_a_sign_off(demo_file: Path) -> None:
    make_signed_off(demo_file, UNIT)
    add_ready_entry(demo_file, ["1.1"], title="More evidence")
    with Portfolio.open(demo_file) as pf:
        assert pf.reviewing.signoff_status()[0].valid
        assert pf.coverage.report().criterion("icq-bwrc-l2.u1.lo1.ac1").status.value == "met"
