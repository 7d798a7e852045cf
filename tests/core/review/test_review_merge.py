"""Merging a reviewed copy into the learner's file: by stable ids, idempotent, never touching the
learner's own work."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from portfolio.domain.entry_input import entry_input_from_json
from portfolio.errors import NewerVersionError, NotAPortfolioError, PortfolioError
from portfolio.review.merge import DifferentLearnerError
from tests.core.review.conftest import ASSESSOR, TUTOR, UNIT
from tests.helpers.assessment import evidence_every_criterion, judge_all_met


def _counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("feedback", "criterion_judgement", "signoff", "entry", "evidence_link")
        }
    finally:
        conn.close()


def _learner_text(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        entries = conn.execute(
            "SELECT id, title, situation, task, action, result, reflection, updated_at "
            "FROM entry ORDER BY ref_no"
        ).fetchall()
        links = conn.execute(
            "SELECT entry_id, criterion_id, justification FROM evidence_link ORDER BY 1, 2"
        ).fetchall()
        return [*entries, *links]
    finally:
        conn.close()


def _review_copy(copy: Path, open_as) -> str:
    """A tutor and an assessor review the copy; returns the tutor's comment id."""
    tutor = open_as(copy, TUTOR)
    comment = tutor.reviewing.comment(
        entry_id="E1", text="Add what you said to the customer."
    ).value
    tutor.reviewing.reply(feedback_id=comment.id, text="And how they reacted.")
    tutor.close()
    assessor = open_as(copy, ASSESSOR)
    assessor.reviewing.judge(criterion="2.1", judgement="not-yet", reason="Needs a witness")
    assessor.close()
    judge_all_met(copy, UNIT)  # 11 more judgements
    assessor = open_as(copy, ASSESSOR)
    assessor.reviewing.sign_off(unit=UNIT)
    assessor.close()
    return comment.id


def _copy(demo_file: Path, tmp_path: Path) -> Path:
    """The learner's file with evidence for every criterion of the unit, and a copy of it."""
    evidence_every_criterion(demo_file, UNIT)
    copy = tmp_path / "reviewed.portfolio"
    shutil.copy2(demo_file, copy)
    return copy


def test_merge_twice_imports_everything_once(demo_file: Path, tmp_path: Path, open_as) -> None:
    copy = _copy(demo_file, tmp_path)
    _review_copy(copy, open_as)
    before_text = _learner_text(demo_file)

    learner = open_as(demo_file)
    report = learner.reviewing.import_review(copy)
    assert (report.feedback, report.judgements, report.signoffs) == (2, 12, 1)
    assert report.audit_events == 15 and report.skipped == ()
    again = learner.reviewing.import_review(copy)
    assert not again.changed and again.skipped == ()
    learner.close()

    assert _counts(demo_file) == _counts(copy)
    assert _learner_text(demo_file) == before_text
    learner = open_as(demo_file)
    assert [a.action for a in learner.audit.events()].count("review.merge") == 1
    (status,) = learner.reviewing.signoff_status()
    assert status.signed and status.valid
    assert learner.coverage.report().criterion("icq-bwrc-l2.u1.lo1.ac1").status.value == "met"
    assert sum(learner.reviewing.unread_counts().values()) == 2


def test_merge_after_the_learner_kept_writing(demo_file: Path, tmp_path: Path, open_as) -> None:
    copy = _copy(demo_file, tmp_path)
    comment_id = _review_copy(copy, open_as)

    # Meanwhile, in the learner's own file:
    learner = open_as(demo_file)
    new = learner.entries.add(entry_input_from_json({"title": "Written after the copy"})).value
    tagged = next(e for e in learner.entries.list() if e.criteria_count and e.ref != "E1")
    learner.entries.update(entry_id=tagged.id, sections={"reflection": "Improved reflection."})
    learner.entries.update(entry_id="E1", title="E1 retitled by the learner")
    learner.close()
    before_text = _learner_text(demo_file)
    before = _counts(demo_file)

    learner = open_as(demo_file)
    report = learner.reviewing.import_review(copy)
    assert (report.feedback, report.judgements, report.signoffs) == (2, 12, 1)
    learner.reviewing.import_review(copy)
    learner.close()

    after = _counts(demo_file)
    assert after["entry"] == before["entry"] and after["evidence_link"] == before["evidence_link"]
    assert after["feedback"] == before["feedback"] + 2
    assert after["signoff"] == 1 and after["criterion_judgement"] == 12
    assert _learner_text(demo_file) == before_text  # the learner's newer work is intact
    learner = open_as(demo_file)
    assert learner.entries.get(new.id).title == "Written after the copy"
    assert learner.entries.get("E1").title == "E1 retitled by the learner"
    assert next(i.id for i in learner.reviewing.thread("E1")) == comment_id
    # The learner changed signed-off evidence after the copy was made: the merged sign-off says so.
    assert learner.reviewing.signoff_status()[0].void


def test_learner_replies_made_in_the_copy_come_back_too(
    demo_file: Path, tmp_path: Path, open_as
) -> None:
    copy = _copy(demo_file, tmp_path)
    comment_id = _review_copy(copy, open_as)
    in_copy = open_as(copy)  # the learner answers on the tutor's copy, at college
    in_copy.reviewing.reply(feedback_id=comment_id, text="Done")
    in_copy.entries.update(entry_id="E2", title="Edited in the copy")  # must NOT come back
    in_copy.close()

    learner = open_as(demo_file)
    report = learner.reviewing.import_review(copy).value
    assert report.feedback == 3
    assert [i.body for i in learner.reviewing.thread("E1")][-1] == "Done"
    assert learner.entries.get("E2").title != "Edited in the copy"
    e2 = learner.entries.resolve_id("E2")
    assert not [
        a for a in learner.audit.events() if a.action == "entry.update" and a.target_id == e2
    ]


def test_records_on_an_entry_purged_since_are_reported(
    demo_file: Path, tmp_path: Path, open_as
) -> None:
    copy = _copy(demo_file, tmp_path)
    _review_copy(copy, open_as)
    learner = open_as(demo_file)
    learner.entries.delete("E1")
    learner.entries.purge_deleted()
    report = learner.reviewing.import_review(copy)
    assert report.feedback == 0 and report.judgements == 12 and report.signoffs == 1
    assert len(report.skipped) == 2
    assert all("no longer in this portfolio" in message for message in report.skipped)
    assert learner.reviewing.import_review(copy).value.changed is False


def test_a_copy_of_another_learners_portfolio_is_refused(
    demo_file: Path, portfolio_file: Path, open_as
) -> None:
    learner = open_as(portfolio_file)
    before = _counts(portfolio_file)
    with pytest.raises(DifferentLearnerError, match="another learner"):
        learner.reviewing.import_review(demo_file)
    learner.close()
    assert _counts(portfolio_file) == before


def test_damaged_foreign_and_newer_copies_leave_the_file_unchanged(
    demo_file: Path, tmp_path: Path, open_as
) -> None:
    before = _counts(demo_file)
    garbage = tmp_path / "garbage.portfolio"
    garbage.write_bytes(b"not a database at all" * 100)
    truncated = tmp_path / "truncated.portfolio"
    truncated.write_bytes(demo_file.read_bytes()[:8192])
    newer = tmp_path / "newer.portfolio"
    shutil.copy2(demo_file, newer)
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num = '29991231_9999'")
    conn.commit()
    conn.close()

    learner = open_as(demo_file)
    with pytest.raises(NotAPortfolioError):
        learner.reviewing.import_review(garbage)
    with pytest.raises(PortfolioError, match="damaged"):
        learner.reviewing.import_review(truncated)
    with pytest.raises(NewerVersionError):
        learner.reviewing.import_review(newer)
    with pytest.raises(PortfolioError, match="learner's file itself"):
        learner.reviewing.import_review(demo_file)
    learner.close()
    assert _counts(demo_file) == before


def test_merge_leaves_no_side_files_next_to_the_copy(
    demo_file: Path, tmp_path: Path, open_as
) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    copy = folder / "reviewed.portfolio"
    shutil.copy2(demo_file, copy)
    open_as(demo_file).reviewing.import_review(copy)
    assert sorted(p.name for p in folder.iterdir()) == ["reviewed.portfolio"]
