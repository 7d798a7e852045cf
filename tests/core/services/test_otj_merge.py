"""The merge rule for the off-the-job log (#21): only the learner writes it, so the learner's
file is the log of record; merging a reviewer's copy never adds, removes or duplicates an
activity, whatever the copy holds, and the reviewer's own records still come in."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from portfolio.domain.actor import Actor
from portfolio.errors import ReadOnlyError
from portfolio.services.portfolio import Portfolio

TUTOR = Actor(name="Tom Reed", role="tutor")
TODAY = date(2026, 11, 30)


def _log(pf: Portfolio, day: date, what: str) -> None:
    pf.otj.add(day=day, hours=2, category="self_study", description=what, today=TODAY)


def test_merging_a_reviewed_copy_keeps_the_learners_log(demo_file: Path, tmp_path: Path) -> None:
    with Portfolio.open(demo_file) as pf:
        pf.otj.set_plan(
            start=date(2026, 9, 1), end=date(2027, 8, 31), weekly_hours=30, planned_hours=250
        )
        _log(pf, date(2026, 10, 1), "Read the returns policy")
        entry = pf.entries.list()[0].id
    copy = tmp_path / "reviewed.portfolio"
    shutil.copy2(demo_file, copy)
    with Portfolio.open(copy, actor=TUTOR) as pf:
        with pytest.raises(ReadOnlyError):
            _log(pf, date(2026, 10, 2), "A tutor cannot log for the learner")
        pf.reviewing.comment(entry_id=entry, text="Good start.")
    with Portfolio.open(demo_file) as pf:  # the learner went on: one removed, one added
        pf.otj.remove(pf.otj.activities()[0].id)
        _log(pf, date(2026, 11, 2), "Online course: consumer law")
        before = [(a.day, a.description) for a in pf.otj.activities()]
        report = pf.reviewing.import_review(copy)
        after = [(a.day, a.description) for a in pf.otj.activities()]
        assert report.feedback == 1  # the tutor's comment came in
        assert after == before  # the log is the learner's, untouched by the merge
        assert after == [(date(2026, 11, 2), "Online course: consumer law")]
