"""Merge the reviewer records of a reviewed copy into the learner's own file.

A tutor usually reviews a copy (from a USB stick or a shared drive) while the learner keeps
writing in the original. Every reviewer record has a stable UUID that is the same in both files,
so the merge copies over only the rows the learner's file does not have yet:

- feedback (reviewer comments, and learner replies written in the copy),
- criterion judgements and unit sign-offs,
- the audit events of reviewers, and of learner replies made in the copy.

Entries, tags and everything else the learner wrote are never touched, so a merge cannot lose
the learner's newer work, and merging the same copy twice changes nothing. Records that point at
an entry, criterion or unit the learner's file no longer has are reported, not imported.
Everything is one transaction: a damaged copy, or a failure halfway, leaves the file unchanged.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from portfolio.domain.actor import LEARNER_ROLE, Actor
from portfolio.domain.review import MergeReport
from portfolio.errors import NotAPortfolioError, PortfolioError
from portfolio.services import audit
from portfolio.storage.file import PortfolioFile
from portfolio.storage.models import (
    AuditEvent,
    Criterion,
    CriterionJudgement,
    Entry,
    Feedback,
    Learner,
    SignOff,
    Unit,
)
from portfolio.storage.outside import open_outside

_FEEDBACK_COLUMNS = (
    "id", "entry_id", "parent_id", "author_name", "author_role", "body", "created_at", "read_at",
)  # fmt: skip
_JUDGEMENT_COLUMNS = (
    "id", "criterion_id", "judgement", "reason", "reviewer_name", "reviewer_role", "created_at",
)  # fmt: skip
_SIGNOFF_COLUMNS = (
    "id", "unit_id", "reviewer_name", "reviewer_role", "signed_at", "evidence_fingerprint",
)  # fmt: skip
_AUDIT_COLUMNS = ("id", "at", "actor", "role", "action", "target_kind", "target_id", "detail")


class DifferentLearnerError(PortfolioError):
    """The reviewed copy belongs to another learner."""


def merge_reviewed_copy(target: PortfolioFile, copy_path: Path, *, actor: Actor) -> MergeReport:
    """Import reviewer records from ``copy_path`` into ``target``; returns what was imported.

    Raises NotAPortfolioError / NewerVersionError for a damaged, foreign or newer copy, and
    DifferentLearnerError when the copy is another learner's portfolio. ``target`` is unchanged
    whenever an error is raised.
    """
    copy_path = Path(copy_path)
    if copy_path.exists() and copy_path.resolve() == target.path.resolve():
        raise PortfolioError("The reviewed copy is the learner's file itself; choose the copy.")
    rows = _read_copy(copy_path)
    with target.write() as s:
        learner_id = s.scalar(select(Learner.id))
        if learner_id != rows["learner_id"]:
            raise DifferentLearnerError(
                f"{copy_path.name} is a copy of another learner's portfolio "
                f"({rows['learner_name']}), not of this one; nothing was merged."
            )
        report = _merge_rows(s, rows)
        if report.changed:
            audit.record(
                s,
                actor,
                "review.merge",
                target_kind="learner",
                target_id=learner_id or "",
                source=copy_path.name,
                **report.to_json(),
            )
    return report


def _read_copy(copy_path: Path) -> dict[str, Any]:
    """Every reviewer record of the copy, as plain dicts (the copy is opened read-only)."""
    try:
        source = open_outside(copy_path)  # read-only, schema checked, queries limited
    except (DatabaseError, sqlite3.DatabaseError) as exc:
        raise NotAPortfolioError(f"{copy_path.name} could not be read: it looks damaged.") from exc
    try:
        problems = source.integrity_problems()
        if problems:
            raise NotAPortfolioError(
                f"{copy_path.name} is damaged ({problems[0]}); nothing was merged."
            )
        with source.read() as s:
            learner = s.scalars(select(Learner)).first()
            if learner is None:
                raise NotAPortfolioError(f"{copy_path.name} has no learner; nothing was merged.")
            return {
                "learner_id": learner.id,
                "learner_name": learner.name,
                "feedback": _dicts(s, Feedback, _FEEDBACK_COLUMNS),
                "judgements": _dicts(s, CriterionJudgement, _JUDGEMENT_COLUMNS),
                "signoffs": _dicts(s, SignOff, _SIGNOFF_COLUMNS),
                "audit": _dicts(s, AuditEvent, _AUDIT_COLUMNS),
            }
    except (DatabaseError, sqlite3.DatabaseError, ValueError, TypeError) as exc:
        # ValueError/TypeError: values SQLite stored but that are not what the columns hold
        # (a "date" that is not one), i.e. a damaged or doctored copy.
        raise NotAPortfolioError(
            f"{copy_path.name} could not be read: it looks damaged; nothing was merged."
        ) from exc
    finally:
        source.close()


def _dicts(s: Session, model: Any, columns: Sequence[str]) -> list[dict[str, Any]]:
    query = select(*(getattr(model, c) for c in columns))
    return [dict(zip(columns, row, strict=True)) for row in s.execute(query)]


def _merge_rows(s: Session, rows: dict[str, Any]) -> MergeReport:
    entries = set(s.scalars(select(Entry.id)))
    criteria = set(s.scalars(select(Criterion.id)))
    units = set(s.scalars(select(Unit.id)))
    skipped: list[str] = []

    def gone_entry(row: dict[str, Any]) -> str | None:
        if row["entry_id"] in entries:
            return None
        return (
            f"A comment by {row['author_name']} is on an entry that is no longer in "
            "this portfolio (it was deleted for good); it was not imported."
        )

    def unknown_criterion(row: dict[str, Any]) -> str | None:
        if row["criterion_id"] in criteria:
            return None
        return (
            f"A judgement by {row['reviewer_name']} is on criterion {row['criterion_id']}, "
            "which this portfolio is not enrolled on; it was not imported."
        )

    def unknown_unit(row: dict[str, Any]) -> str | None:
        if row["unit_id"] in units:
            return None
        return (
            f"A sign-off by {row['reviewer_name']} is for unit {row['unit_id']}, which this "
            "portfolio is not enrolled on; it was not imported."
        )

    feedback = _import_new(s, Feedback, rows["feedback"], gone_entry, skipped)
    imported_feedback = {row["id"] for row in feedback}
    judgements = _import_new(s, CriterionJudgement, rows["judgements"], unknown_criterion, skipped)
    signoffs = _import_new(s, SignOff, rows["signoffs"], unknown_unit, skipped)
    events = _import_new(
        s,
        AuditEvent,
        [row for row in rows["audit"] if _is_review_event(row, imported_feedback)],
        lambda row: None,
        skipped,
    )
    s.flush()
    return MergeReport(
        feedback=len(feedback),
        judgements=len(judgements),
        signoffs=len(signoffs),
        audit_events=len(events),
        skipped=tuple(skipped),
    )


def _import_new(
    s: Session,
    model: Any,
    rows: list[dict[str, Any]],
    refusal: Callable[[dict[str, Any]], str | None],
    skipped: list[str],
) -> list[dict[str, Any]]:
    """Add the copy's records this file does not have yet (matched by id, so merging twice
    adds nothing); a record whose target is gone is reported in ``skipped`` instead."""
    known = set(s.scalars(select(model.id)))
    added = []
    for row in rows:
        if row["id"] in known:
            continue
        reason = refusal(row)
        if reason is not None:
            skipped.append(reason)
            continue
        s.add(model(**row))
        known.add(row["id"])
        added.append(row)
    return added


def _is_review_event(row: dict[str, Any], imported_feedback: set[str]) -> bool:
    """Reviewer actions, and learner feedback actions made in the copy; never entry edits."""
    action, detail = row["action"], row["detail"]
    if not isinstance(action, str) or not isinstance(detail, str):
        return False  # a damaged record is not carried into the learner's file
    if row["role"] != LEARNER_ROLE:
        return not action.startswith("review.merge")
    return action.startswith("feedback.") and any(
        feedback_id in detail for feedback_id in imported_feedback
    )
