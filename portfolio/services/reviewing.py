"""Reviewing: threaded feedback on entries, criterion judgements and unit sign-offs.

A reviewer (tutor, assessor, IQA) opens the learner's file, or a copy of it, with
``Portfolio.open(path, actor=Actor(name, role))``. Entry and tag writes refuse a reviewer; the
methods here are what a reviewer may do. A learner may reply to feedback and mark it read, but
never judge or sign off. Every action is one transaction with its audit event.

"Unread" is always from the asker's side: for the learner, reviewer comments they have not read;
for a reviewer, learner replies not yet read. The one ``read_at`` column serves both, because an
item is only ever read by "the other side".
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from pathlib import Path

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from portfolio.domain.actor import LEARNER_ROLE, Actor
from portfolio.domain.changes import Changes, Written
from portfolio.domain.enums import Judgement, ReviewerRole
from portfolio.domain.limits import (
    MAX_COMMENTS,
    MAX_COMMENTS_PER_ENTRY,
    MAX_JUDGEMENTS,
    MAX_SIGNOFFS,
    check_count,
)
from portfolio.domain.review import (
    FeedbackItem,
    GroupOverview,
    JudgementRecord,
    MergeReport,
    SignOffStatus,
)
from portfolio.errors import InvalidInputError, NotFoundError, ReadOnlyError
from portfolio.progress import CancelToken, ProgressFn
from portfolio.review.fingerprint import unit_fingerprint
from portfolio.services import audit
from portfolio.services.lookup import resolve_criterion, resolve_entry
from portfolio.storage.file import PortfolioFile
from portfolio.storage.models import Criterion, CriterionJudgement, Feedback, SignOff, Unit
from portfolio.storage.models.base import utcnow

MAX_FEEDBACK = 10_000
MAX_REASON = 4_000


def parse_judgement(value: str) -> Judgement:
    """'met', 'not-yet', 'not_yet' or 'not yet' (any case) as a Judgement."""
    key = (value or "").strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return Judgement(key)
    except ValueError:
        raise InvalidInputError(f"{value!r} is not a judgement; use 'met' or 'not-yet'.") from None


class ReviewingService:
    def __init__(self, pf: PortfolioFile, actor: Actor) -> None:
        self._pf = pf
        self._actor = actor

    # -- feedback -----------------------------------------------------------------------

    def comment(self, *, entry_id: str, text: str) -> Written[FeedbackItem]:
        """A reviewer's new comment on an entry (by id or reference such as E3)."""
        self._require_reviewer("comment on entries")
        body = _clean_text("comment", text, MAX_FEEDBACK)
        with self._pf.write() as s:
            entry = resolve_entry(s, entry_id, include_deleted=True)
            row = self._add_feedback(s, entry.id, None, body)
            audit.record(
                s,
                self._actor,
                "feedback.comment",
                target_kind="entry",
                target_id=entry.id,
                feedback_id=row.id,
            )
            return Written(_item(row, self._actor), Changes(review=True, entry_ids=(entry.id,)))

    def reply(self, *, feedback_id: str, text: str) -> Written[FeedbackItem]:
        """A reply to a comment (or to a reply); learners and reviewers may both reply."""
        self._require_named()
        body = _clean_text("reply", text, MAX_FEEDBACK)
        with self._pf.write() as s:
            parent = s.get(Feedback, (feedback_id or "").strip())
            if parent is None:
                raise NotFoundError(f"There is no comment {feedback_id!r} to reply to.")
            row = self._add_feedback(s, parent.entry_id, parent.id, body)
            if parent.read_at is None and _is_from_other_side(parent.author_role, self._actor):
                parent.read_at = row.created_at  # replying to it means it was read
            audit.record(
                s,
                self._actor,
                "feedback.reply",
                target_kind="entry",
                target_id=parent.entry_id,
                feedback_id=row.id,
                parent_id=parent.id,
            )
            changes = Changes(review=True, entry_ids=(parent.entry_id,))
            return Written(_item(row, self._actor), changes)

    def thread(self, entry_id: str) -> list[FeedbackItem]:
        """An entry's feedback, oldest first, each reply right after its parent (with depth)."""
        with self._pf.read() as s:
            entry = resolve_entry(s, entry_id, include_deleted=True)
            rows = list(
                s.scalars(
                    select(Feedback)
                    .where(Feedback.entry_id == entry.id)
                    .order_by(Feedback.created_at, Feedback.id)
                )
            )
        return _threaded(rows, self._actor)

    def mark_read(
        self, *, entry_id: str | None = None, feedback_ids: Collection[str] | None = None
    ) -> Written[int]:
        """Mark the other side's unread feedback as read (of one entry, some ids, or all).

        Returns how many items changed; marking twice changes nothing.
        """
        self._require_named()
        with self._pf.write() as s:
            query = select(Feedback).where(_unread_for(self._actor))
            if entry_id is not None:
                query = query.where(
                    Feedback.entry_id == resolve_entry(s, entry_id, include_deleted=True).id
                )
            if feedback_ids is not None:
                query = query.where(Feedback.id.in_(list(feedback_ids)))
            rows = list(s.scalars(query))
            now = utcnow()
            for row in rows:
                row.read_at = now
            if rows:
                audit.record(
                    s,
                    self._actor,
                    "feedback.read",
                    target_kind="entry",
                    target_id=entry_id or "",
                    count=len(rows),
                )
            entries = tuple(sorted({row.entry_id for row in rows}))
            return Written(len(rows), Changes(review=bool(rows), entry_ids=entries))

    def unread_counts(self) -> dict[str, int]:
        """Entry id → number of unread feedback items for the current actor."""
        with self._pf.read() as s:
            rows = s.execute(
                select(Feedback.entry_id, func.count())
                .where(_unread_for(self._actor))
                .group_by(Feedback.entry_id)
            )
            return dict(rows.tuples().all())

    # -- judgements ---------------------------------------------------------------------

    def judge(
        self, *, criterion: str, judgement: str | Judgement, reason: str
    ) -> Written[JudgementRecord]:
        """Judge a criterion met or not yet met, with a reason; the latest judgement is in force."""
        self._require_reviewer("judge criteria")
        decision = parse_judgement(str(judgement))
        why = _clean_text("reason", reason, MAX_REASON)
        with self._pf.write() as s:
            found = resolve_criterion(s, criterion)
            judged = s.scalar(select(func.count()).select_from(CriterionJudgement)) or 0
            check_count(judged + 1, MAX_JUDGEMENTS, "judgements")
            row = CriterionJudgement(
                criterion_id=found.id,
                judgement=decision.value,
                reason=why,
                reviewer_name=self._actor.name,
                reviewer_role=self._actor.role,
                created_at=utcnow(),
            )
            s.add(row)
            s.flush()
            audit.record(
                s,
                self._actor,
                "criterion.judge",
                target_kind="criterion",
                target_id=found.id,
                judgement=decision.value,
                judgement_id=row.id,
            )
            return Written(_judgement(row, found.number), Changes(review=True))

    def judgements(self, *, criterion: str | None = None) -> list[JudgementRecord]:
        """Every judgement (of one criterion, if given), newest first."""
        with self._pf.read() as s:
            query = (
                select(CriterionJudgement, Criterion.number)
                .outerjoin(Criterion, Criterion.id == CriterionJudgement.criterion_id)
                .order_by(CriterionJudgement.created_at.desc())
            )
            if criterion is not None:
                query = query.where(
                    CriterionJudgement.criterion_id == resolve_criterion(s, criterion).id
                )
            return [_judgement(row, number or "?") for row, number in s.execute(query).tuples()]

    # -- sign-off -----------------------------------------------------------------------

    def sign_off(self, *, unit: str) -> Written[SignOffStatus]:
        """Sign off a unit (by id or reference), recording the fingerprint of its evidence."""
        self._require_reviewer("sign off units")
        with self._pf.write() as s:
            found = resolve_unit(s, unit)
            current = unit_fingerprint(s, found.id)
            signed = s.scalar(select(func.count()).select_from(SignOff)) or 0
            check_count(signed + 1, MAX_SIGNOFFS, "sign-offs")
            row = SignOff(
                unit_id=found.id,
                reviewer_name=self._actor.name,
                reviewer_role=self._actor.role,
                signed_at=utcnow(),
                evidence_fingerprint=current,
            )
            s.add(row)
            s.flush()
            audit.record(
                s,
                self._actor,
                "unit.signoff",
                target_kind="unit",
                target_id=found.id,
                signoff_id=row.id,
                fingerprint=current,
            )
            return Written(_status(found, row, current), Changes(review=True))

    def signoff_status(self, *, unit: str | None = None) -> list[SignOffStatus]:
        """Each unit (or one) with its latest sign-off and whether its evidence changed since."""
        with self._pf.read() as s:
            if unit is not None:
                units = [resolve_unit(s, unit)]
            else:
                units = list(s.scalars(select(Unit).order_by(Unit.framework_id, Unit.position)))
            latest = latest_signoffs(s)
            # The fingerprint (a hash over all of a unit's evidence text) is needed only to
            # compare with a sign-off; unsigned units skip it, so opening a learner's file does
            # not hash every entry (benchmarks/run.py, start-up).
            return [
                _status(u, row, unit_fingerprint(s, u.id) if row is not None else "")
                for u in units
                for row in (latest.get(u.id),)
            ]

    # -- merging a reviewed copy --------------------------------------------------------

    def import_review(self, copy_path: Path | str) -> Written[MergeReport]:
        """Bring reviewer records from a reviewed copy into this file (idempotent)."""
        from portfolio.review.merge import merge_reviewed_copy

        report = merge_reviewed_copy(self._pf, Path(copy_path), actor=self._actor)
        return Written(report, Changes(review=True))

    # -- rules --------------------------------------------------------------------------

    def _add_feedback(
        self, s: Session, entry_id: str, parent_id: str | None, body: str
    ) -> Feedback:
        count = select(func.count()).select_from(Feedback)
        on_entry = s.scalar(count.where(Feedback.entry_id == entry_id)) or 0
        check_count(on_entry + 1, MAX_COMMENTS_PER_ENTRY, "comments", "one entry")
        check_count((s.scalar(count) or 0) + 1, MAX_COMMENTS, "comments")
        row = Feedback(
            entry_id=entry_id,
            parent_id=parent_id,
            author_name=self._actor.name,
            author_role=self._actor.role,
            body=body,
            created_at=utcnow(),
        )
        s.add(row)
        s.flush()
        return row

    def _require_named(self) -> None:
        if not self._actor.name.strip():
            raise InvalidInputError("Give your name before writing feedback.")

    def _require_reviewer(self, what: str) -> None:
        if not self._actor.is_reviewer:
            raise ReadOnlyError(
                f"Only a tutor, assessor or internal quality assurer can {what}; "
                "a learner can reply to feedback."
            )
        if self._actor.role not in {r.value for r in ReviewerRole}:
            raise InvalidInputError(
                f"{self._actor.role!r} is not a reviewer role; use tutor, assessor or iqa."
            )
        self._require_named()


def resolve_unit(session: Session, unit: str) -> Unit:
    """A unit by id, or by its reference (e.g. BWRC) when that is unambiguous."""
    key = (unit or "").strip()
    found = session.get(Unit, key)
    if found is not None:
        return found
    by_ref = list(session.scalars(select(Unit).where(func.lower(Unit.ref) == key.lower())))
    if len(by_ref) == 1:
        return by_ref[0]
    if len(by_ref) > 1:
        ids = ", ".join(u.id for u in by_ref)
        raise InvalidInputError(
            f"Unit {key} is in more than one qualification; use its id ({ids})."
        )
    raise NotFoundError(
        f"There is no unit {key!r} in the frameworks this portfolio is enrolled on."
    )


def latest_signoffs(session: Session) -> dict[str, SignOff]:
    """Unit id → the most recent sign-off of that unit."""
    latest: dict[str, SignOff] = {}
    for row in session.scalars(select(SignOff).order_by(SignOff.signed_at, SignOff.id)):
        latest[row.unit_id] = row
    return latest


def _clean_text(what: str, text: str, limit: int) -> str:
    value = (text or "").strip()
    if not value:
        raise InvalidInputError(f"The {what} is empty; write something first.")
    if len(value) > limit:
        raise InvalidInputError(
            f"The {what} is too long ({len(value):,} characters; limit {limit:,})."
        )
    return value


def _is_from_other_side(author_role: str, actor: Actor) -> bool:
    return (author_role == LEARNER_ROLE) == actor.is_reviewer


def _unread_for(actor: Actor) -> ColumnElement[bool]:
    side = (
        Feedback.author_role == LEARNER_ROLE
        if actor.is_reviewer
        else Feedback.author_role != LEARNER_ROLE
    )
    return Feedback.read_at.is_(None) & side


def _item(row: Feedback, actor: Actor, depth: int = 0) -> FeedbackItem:
    return FeedbackItem(
        id=row.id,
        entry_id=row.entry_id,
        parent_id=row.parent_id,
        author_name=row.author_name,
        author_role=row.author_role,
        body=row.body,
        created_at=row.created_at,
        read_at=row.read_at,
        depth=depth,
        unread=row.read_at is None and _is_from_other_side(row.author_role, actor),
    )


def _threaded(rows: list[Feedback], actor: Actor) -> list[FeedbackItem]:
    ids = {row.id for row in rows}
    children: dict[str | None, list[Feedback]] = {}
    for row in rows:  # a reply whose parent is missing is shown at the top level
        parent = row.parent_id if row.parent_id in ids else None
        children.setdefault(parent, []).append(row)
    result: list[FeedbackItem] = []
    stack = [(row, 0) for row in reversed(children.get(None, []))]
    while stack:
        row, depth = stack.pop()
        result.append(_item(row, actor, depth))
        stack.extend((child, depth + 1) for child in reversed(children.get(row.id, [])))
    return result


def _judgement(row: CriterionJudgement, number: str) -> JudgementRecord:
    return JudgementRecord(
        id=row.id,
        criterion_id=row.criterion_id,
        criterion_number=number,
        judgement=row.judgement,
        reason=row.reason,
        reviewer_name=row.reviewer_name,
        reviewer_role=row.reviewer_role,
        created_at=row.created_at,
    )


def _status(unit: Unit, row: SignOff | None, current: str) -> SignOffStatus:
    label = f"{unit.ref}: {unit.title}"
    if row is None:
        return SignOffStatus(unit_id=unit.id, unit_label=label, current_fingerprint=current)
    signed_at: datetime = row.signed_at
    return SignOffStatus(
        unit_id=unit.id,
        unit_label=label,
        signoff_id=row.id,
        reviewer_name=row.reviewer_name,
        reviewer_role=row.reviewer_role,
        signed_at=signed_at,
        fingerprint=row.evidence_fingerprint,
        current_fingerprint=current,
    )


# -- the group overview (no open portfolio needed) ---------------------------------------


def scan_group(
    folder: Path | str,
    *,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> GroupOverview:
    """Summarise every portfolio in a folder (read-only); see portfolio.review.group."""
    from portfolio.review.group import scan_folder

    return scan_folder(folder, progress=progress, cancel=cancel)


def export_group_csv(overview: GroupOverview, path: Path | str) -> Path:
    """The group overview table as CSV (written atomically)."""
    from portfolio.review.group_report import write_csv

    return write_csv(overview, Path(path))


def export_group_pdf(overview: GroupOverview, path: Path | str, *, title: str = "") -> Path:
    """The group overview table as a landscape PDF (written atomically)."""
    from portfolio.review.group_report import write_pdf

    return write_pdf(overview, Path(path), title=title or "Group overview")
