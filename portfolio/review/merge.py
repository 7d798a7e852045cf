"""Merge the reviewer records of a reviewed copy into the learner's own file: read the copy, and
plan what to bring in (plain Python; ``services.reviewing.import_review`` applies the plan in
one transaction of the learner's file).

A tutor usually reviews a copy (from a USB stick or a shared drive) while the learner keeps
writing in the original. Every reviewer record has a stable UUID that is the same in both files,
so the merge copies over only the rows the learner's file does not have yet:

- feedback (reviewer comments, and learner replies written in the copy),
- criterion judgements, unit sign-offs and IQA samples,
- assessors' observation records (signed evidence of the observation method),
- when each reviewer last saw each entry (the later time wins, so "new since my last review"
  stays true to the reviewer's own day),
- the audit events of reviewers, and of learner replies made in the copy.

Entries, tags and everything else the learner wrote are never touched, so a merge cannot lose
the learner's newer work, and merging the same copy twice changes nothing. Nothing is resolved
silently (issue 13): a record that cannot be placed (a comment on an entry in the bin or deleted
for good, a decision on a unit the file is not enrolled on) is skipped with the reason, and a
conflict (two assessors disagreeing on one criterion, an IQA referral of a sign-off) is reported.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from portfolio.domain.actor import LEARNER_ROLE
from portfolio.domain.assessment import REFER, SIGNOFF_TARGET, day
from portfolio.domain.enums import Judgement, ReviewerRole
from portfolio.domain.records import JudgementRec
from portfolio.errors import NotAPortfolioError, PortfolioError
from portfolio.storage.models import (
    AuditEvent,
    CriterionJudgement,
    Feedback,
    IqaSample,
    Learner,
    Observation,
    ReviewSeen,
    SignOff,
)
from portfolio.storage.outside import open_outside

_FEEDBACK_COLUMNS = (
    "id", "entry_id", "parent_id", "author_name", "author_role", "body", "created_at", "read_at",
)  # fmt: skip
_JUDGEMENT_COLUMNS = (
    "id", "criterion_id", "judgement", "reason", "reviewer_name", "reviewer_role", "created_at",
    "evidence", "signature", "public_key",
)  # fmt: skip
_SIGNOFF_COLUMNS = (
    "id", "unit_id", "reviewer_name", "reviewer_role", "signed_at", "evidence_fingerprint",
    "evidence", "judgements", "signature", "public_key",
)  # fmt: skip
_SAMPLE_COLUMNS = (
    "id", "target_kind", "target_id", "decision", "reason", "reviewer_name", "reviewer_role",
    "created_at", "signature", "public_key",
)  # fmt: skip
_OBSERVATION_COLUMNS = (
    "id", "observed_on", "place", "seen", "criteria", "reviewer_name", "reviewer_role",
    "created_at", "signature", "public_key",
)  # fmt: skip
_SEEN_COLUMNS = ("id", "entry_id", "reviewer_name", "seen_at")
_AUDIT_COLUMNS = ("id", "at", "actor", "role", "action", "target_kind", "target_id", "detail")
# Which table each planned group of rows goes to (services.reviewing adds them).
MODELS: Mapping[str, Any] = {
    "feedback": Feedback,
    "judgements": CriterionJudgement,
    "signoffs": SignOff,
    "samples": IqaSample,
    "observations": Observation,
    "audit": AuditEvent,
}


class DifferentLearnerError(PortfolioError):
    """The reviewed copy belongs to another learner."""


@dataclass(frozen=True, slots=True)
class Here:
    """What the learner's file holds that a merge must respect (loaded by the service)."""

    learner_id: str | None
    known: Mapping[str, set[str]]  # "feedback" / "judgements" / ... -> ids already present
    live_entries: Mapping[str, str]  # entry id -> reference, for entries not in the bin
    binned_entries: Mapping[str, str]  # entry id -> reference, for entries in the bin
    criteria: Mapping[str, str]  # criterion id -> number
    units: Mapping[str, str]  # unit id -> reference
    in_force: Mapping[str, JudgementRec]  # criterion id -> the assessor judgement in force
    # (entry id, reviewer name) -> when that reviewer last saw the entry here
    seen: Mapping[tuple[str, str], datetime] = field(default_factory=dict)


@dataclass
class MergePlan:
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # (entry id, reviewer name, seen at) to record here: newer than what this file holds
    seen: list[tuple[str, str, datetime]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


def check_not_same_file(target: Path, copy_path: Path) -> None:
    if copy_path.exists() and copy_path.resolve() == target.resolve():
        raise PortfolioError("The reviewed copy is the learner's file itself; choose the copy.")


def check_same_learner(here: Here, copy: Mapping[str, Any], copy_path: Path) -> None:
    if here.learner_id != copy["learner_id"]:
        raise DifferentLearnerError(
            f"{copy_path.name} is a copy of another learner's portfolio "
            f"({copy['learner_name']}), not of this one; nothing was merged."
        )


def read_copy(copy_path: Path) -> dict[str, Any]:
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
                "samples": _dicts(s, IqaSample, _SAMPLE_COLUMNS),
                "observations": _dicts(s, Observation, _OBSERVATION_COLUMNS),
                "seen": _dicts(s, ReviewSeen, _SEEN_COLUMNS),
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


def plan_merge(copy: Mapping[str, Any], here: Here) -> MergePlan:
    """Which of the copy's records to add, which to skip (with why), and the conflicts."""
    plan = MergePlan()

    def comment_target(row: dict[str, Any]) -> str | None:
        ref = here.binned_entries.get(row["entry_id"])
        if ref is not None:
            return (
                f"A comment by {row['author_name']} is on {ref}, which is in the bin; restore "
                "the entry and merge again to bring it in."
            )
        if row["entry_id"] in here.live_entries:
            return None
        return (
            f"A comment by {row['author_name']} is on an entry that is no longer in "
            "this portfolio (it was deleted for good); it was not imported."
        )

    def judgement_target(row: dict[str, Any]) -> str | None:
        if row["criterion_id"] in here.criteria:
            return None
        return (
            f"A judgement by {row['reviewer_name']} is on criterion {row['criterion_id']}, "
            "which this portfolio is not enrolled on; it was not imported."
        )

    def signoff_target(row: dict[str, Any]) -> str | None:
        if row["unit_id"] in here.units:
            return None
        return (
            f"A sign-off by {row['reviewer_name']} is for unit {row['unit_id']}, which this "
            "portfolio is not enrolled on; it was not imported."
        )

    feedback = _new_rows(copy["feedback"], here.known["feedback"], comment_target, plan)
    judgements = _new_rows(copy["judgements"], here.known["judgements"], judgement_target, plan)
    signoffs = _new_rows(copy["signoffs"], here.known["signoffs"], signoff_target, plan)
    decisions = (
        here.known["judgements"]
        | here.known["signoffs"]
        | {r["id"] for r in judgements}
        | {r["id"] for r in signoffs}
    )

    def sample_target(row: dict[str, Any]) -> str | None:
        if row["target_id"] in decisions:
            return None
        return (
            f"An IQA sample by {row['reviewer_name']} is on a decision this portfolio does not "
            "have; it was not imported."
        )

    samples = _new_rows(copy["samples"], here.known["samples"], sample_target, plan)

    def observation_target(row: dict[str, Any]) -> str | None:
        try:
            named = json.loads(row["criteria"])
        except (TypeError, ValueError):
            named = None
        if isinstance(named, list) and any(c in here.criteria for c in named):
            return None
        return (
            f"An observation record by {row['reviewer_name']} of {day(row['observed_on'])} is "
            "for criteria this portfolio is not enrolled on; it was not imported."
        )

    observations = _new_rows(
        copy["observations"], here.known["observations"], observation_target, plan
    )
    plan.seen = _newer_seen(copy["seen"], here)
    imported_feedback = {row["id"] for row in feedback}
    audit = _new_rows(
        [row for row in copy["audit"] if _is_review_event(row, imported_feedback)],
        here.known["audit"],
        lambda row: None,
        plan,
    )
    plan.rows = {
        "feedback": feedback,
        "judgements": judgements,
        "signoffs": signoffs,
        "samples": samples,
        "observations": observations,
        "audit": audit,
    }
    copy_judgements = {row["id"] for row in copy["judgements"]}
    plan.conflicts += _judgement_conflicts(judgements, here, copy_judgements)
    plan.conflicts += [
        f"IQA {row['reviewer_name']} referred the sign-off of unit "
        f"{_unit_of(row, signoffs, copy, here)} on {day(row['created_at'])}: {row['reason']}. "
        "The sign-off is void until an assessor signs the unit off again."
        for row in samples
        if row["target_kind"] == SIGNOFF_TARGET and row["decision"] == REFER
    ]
    return plan


def _newer_seen(rows: list[dict[str, Any]], here: Here) -> list[tuple[str, str, datetime]]:
    """A reviewer's "last seen" times from the copy that are later than this file's (on live
    entries only; a time on an entry no longer here has nothing to mark)."""
    newer = []
    for row in rows:
        key = (row["entry_id"], row["reviewer_name"])
        mine = here.seen.get(key)
        if row["entry_id"] in here.live_entries and (mine is None or row["seen_at"] > mine):
            newer.append((key[0], key[1], row["seen_at"]))
    return newer


def _new_rows(
    rows: list[dict[str, Any]],
    known: set[str],
    refusal: Callable[[dict[str, Any]], str | None],
    plan: MergePlan,
) -> list[dict[str, Any]]:
    """The copy's records this file does not have yet (matched by id, so merging twice adds
    nothing); a record whose target is gone is reported in ``plan.skipped`` instead."""
    seen = set(known)
    added = []
    for row in rows:
        if row["id"] in seen:
            continue
        reason = refusal(row)
        if reason is not None:
            plan.skipped.append(reason)
            continue
        seen.add(row["id"])
        added.append(row)
    return added


def _judgement_conflicts(
    imported: list[dict[str, Any]], here: Here, copy_judgements: set[str]
) -> list[str]:
    """Two assessors disagreeing on one criterion: the copy's latest assessor judgement and the
    one in force here, made without sight of each other, with different decisions."""
    latest: dict[str, dict[str, Any]] = {}
    for row in sorted(imported, key=lambda r: (r["created_at"], r["id"])):
        if row["reviewer_role"] == ReviewerRole.ASSESSOR.value:
            latest[row["criterion_id"]] = row
    out = []
    for criterion_id, row in latest.items():
        mine = here.in_force.get(criterion_id)
        if (
            mine is None
            or mine.id in copy_judgements  # the copy's assessor saw it and judged again
            or mine.judgement == row["judgement"]
            or mine.reviewer_name == row["reviewer_name"]
        ):
            continue
        later = row if (row["created_at"], row["id"]) > (mine.created_at, mine.id) else None
        in_force = row["reviewer_name"] if later is not None else mine.reviewer_name
        out.append(
            f"Criterion {here.criteria.get(criterion_id, criterion_id)}: "
            f"{row['reviewer_name']} judged it {_verdict(row['judgement'])} on "
            f"{day(row['created_at'])} in the copy, but {mine.reviewer_name} judged it "
            f"{_verdict(mine.judgement)} on {day(mine.created_at)} in this file. "
            f"{in_force}'s later judgement is in force; the assessors should agree one."
        )
    return out


def _verdict(value: str) -> str:
    return "met" if value == Judgement.MET.value else "not yet met"


def _unit_of(
    sample: dict[str, Any],
    imported: list[dict[str, Any]],
    copy: Mapping[str, Any],
    here: Here,
) -> str:
    for row in [*imported, *copy["signoffs"]]:
        if row["id"] == sample["target_id"]:
            return here.units.get(row["unit_id"], row["unit_id"])
    return "?"


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
