"""Merging a reviewed copy never resolves silently: skipped records say why, conflicts are
reported (two assessors disagreeing on a criterion; an IQA referral of a sign-off)."""

from __future__ import annotations

import shutil
from pathlib import Path

from portfolio.domain.actor import Actor
from portfolio.services.portfolio import Portfolio
from tests.helpers.assessment import ASSESSOR, IQA, evidence_every_criterion, make_signed_off

UNIT = "icq-bwrc-l2.u1"
OTHER = Actor(name="Sam Other", role="assessor")


def _copy(path: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "reviewed.portfolio"
    shutil.copy2(path, copy)
    return copy


def test_two_assessors_disagreeing_is_a_conflict(demo_file: Path, tmp_path: Path) -> None:
    copy = _copy(demo_file, tmp_path)
    with Portfolio.open(demo_file, actor=ASSESSOR) as pf:
        pf.reviewing.judge(criterion="1.1", judgement="met", reason="Clear")
    with Portfolio.open(copy, actor=OTHER) as pf:
        pf.reviewing.judge(criterion="1.1", judgement="not-yet", reason="Not convinced")
        pf.reviewing.judge(criterion="1.2", judgement="not-yet", reason="Needs more")
    with Portfolio.open(demo_file) as pf:
        report = pf.reviewing.import_review(copy)
        again = pf.reviewing.import_review(copy)
    assert report.judgements == 2 and len(report.conflicts) == 1
    (conflict,) = report.conflicts
    assert conflict.startswith("Criterion 1.1: Sam Other judged it not yet met")
    assert "Priya Shah judged it met" in conflict and "in force" in conflict
    assert report.changes.review
    assert not again.changed and again.conflicts == ()  # merging twice adds nothing


def test_the_same_assessor_judging_again_in_the_copy_is_no_conflict(
    demo_file: Path, tmp_path: Path
) -> None:
    with Portfolio.open(demo_file, actor=ASSESSOR) as pf:
        pf.reviewing.judge(criterion="1.1", judgement="not-yet", reason="More")
    copy = _copy(demo_file, tmp_path)
    with Portfolio.open(copy, actor=OTHER) as pf:  # saw the not-yet, and judged again
        pf.reviewing.judge(criterion="1.1", judgement="met", reason="Now yes")
    with Portfolio.open(demo_file) as pf:
        assert pf.reviewing.import_review(copy).conflicts == ()


def test_an_iqa_referral_of_a_sign_off_is_reported(demo_file: Path, tmp_path: Path) -> None:
    make_signed_off(demo_file, UNIT)
    copy = _copy(demo_file, tmp_path)
    with Portfolio.open(copy, actor=IQA) as pf:
        pf.reviewing.sample(target="BWRC", decision="refer", reason="Check 2.2")
    with Portfolio.open(demo_file) as pf:
        report = pf.reviewing.import_review(copy)
        (status,) = pf.reviewing.signoff_status()
    assert report.samples == 1
    (conflict,) = report.conflicts
    assert "IQA Irene Quinn referred the sign-off of unit BWRC" in conflict
    assert "Check 2.2" in conflict and "void" in conflict
    assert status.void


def test_a_comment_on_an_entry_in_the_bin_is_skipped_with_why(
    demo_file: Path, tmp_path: Path
) -> None:
    evidence_every_criterion(demo_file, UNIT)
    copy = _copy(demo_file, tmp_path)
    with Portfolio.open(copy, actor=Actor("Tom Reed", "tutor")) as pf:
        pf.reviewing.comment(entry_id="E2", text="Please expand")
    with Portfolio.open(demo_file) as pf:
        pf.entries.delete("E2")
        report = pf.reviewing.import_review(copy)
        assert report.feedback == 0
        (why,) = report.skipped
        assert "E2" in why and "in the bin" in why and "merge again" in why
        pf.entries.restore("E2")
        later = pf.reviewing.import_review(copy)  # restored: now it comes in
        assert later.feedback == 1 and later.skipped == ()
        assert [i.body for i in pf.reviewing.thread("E2")] == ["Please expand"]
