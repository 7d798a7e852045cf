"""Reviewing: threaded feedback on entries; with criterion judgements, unit sign-offs, IQA
samples and merges inherited from ``services.assessing`` (the decisions half).

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
from pathlib import Path

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from portfolio.domain.actor import LEARNER_ROLE, Actor
from portfolio.domain.changes import Changes, Written
from portfolio.domain.limits import MAX_COMMENTS, MAX_COMMENTS_PER_ENTRY, check_count
from portfolio.domain.review import FeedbackItem, GroupOverview
from portfolio.errors import NotFoundError
from portfolio.progress import CancelToken, ProgressFn
from portfolio.services import audit
from portfolio.services.assessing import (
    MAX_REASON,
    clean_text,
    parse_judgement,
    resolve_unit,
)
from portfolio.services.lookup import resolve_entry
from portfolio.services.reviewers_day import ReviewersDayService, _touch_seen
from portfolio.storage.models import Feedback
from portfolio.storage.models.base import utcnow

__all__ = ["MAX_REASON", "ReviewingService", "parse_judgement", "resolve_unit"]

MAX_FEEDBACK = 10_000


class ReviewingService(ReviewersDayService):
    """Feedback threads here; judgements, sign-offs, samples and merges in AssessingService;
    flags, judging from one entry and observation records in ReviewersDayService."""

    # -- feedback -----------------------------------------------------------------------

    def comment(self, *, entry_id: str, text: str) -> Written[FeedbackItem]:
        """A reviewer's new comment on an entry (by id or reference such as E3)."""
        self._require_action("comment")
        body = clean_text("comment", text, MAX_FEEDBACK)
        with self._pf.write() as s:
            entry = resolve_entry(s, entry_id, include_deleted=True)
            row = self._add_feedback(s, entry.id, None, body)
            _touch_seen(s, [entry.id], self._actor.name)
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
        body = clean_text("reply", text, MAX_FEEDBACK)
        with self._pf.write() as s:
            parent = s.get(Feedback, (feedback_id or "").strip())
            if parent is None:
                raise NotFoundError(f"There is no comment {feedback_id!r} to reply to.")
            row = self._add_feedback(s, parent.entry_id, parent.id, body)
            if self._actor.is_reviewer:
                _touch_seen(s, [parent.entry_id], self._actor.name)
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


# -- the group overview (no open portfolio needed) ---------------------------------------


def scan_group(
    folder: Path | str,
    *,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> GroupOverview:
    """Summarise every portfolio in a folder (read-only); see portfolio.services.group."""
    from portfolio.services.group import scan_folder

    return scan_folder(folder, progress=progress, cancel=cancel)


def export_group_csv(overview: GroupOverview, path: Path | str, *, weeks: int = 4) -> Path:
    """The group overview table as CSV (written atomically)."""
    from portfolio.review.group_report import write_csv

    return write_csv(overview, Path(path), weeks=weeks)


def export_group_pdf(
    overview: GroupOverview, path: Path | str, *, title: str = "", weeks: int = 4
) -> Path:
    """The group overview table as a landscape PDF (written atomically)."""
    from portfolio.review.group_report import write_pdf

    return write_pdf(overview, Path(path), title=title or "Group overview", weeks=weeks)
