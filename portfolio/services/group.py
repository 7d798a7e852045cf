"""The group overview's reading side: open each portfolio read-only, summarise it, close it.

Nothing is written next to a file (no backups, no locks kept); the scan itself, the failure
reasons and the per-unit progress are portfolio.review.group's (plain Python).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import Session

from portfolio.domain.actor import LEARNER_ROLE
from portfolio.domain.enums import EntryStatus
from portfolio.domain.otj import OtjSummary
from portfolio.domain.review import GroupOverview, LearnerSummary
from portfolio.errors import PortfolioError
from portfolio.progress import CancelToken, ProgressFn
from portfolio.review import group
from portfolio.services import records
from portfolio.services.coverage import CoverageService
from portfolio.services.otj import summary_in as otj_summary
from portfolio.storage.models import (
    AuditEvent,
    CriterionJudgement,
    Entry,
    EvidenceLink,
    Feedback,
    FrameworkRecord,
    Learner,
    Observation,
    Unit,
)
from portfolio.storage.outside import open_outside


def scan_folder(
    folder: Path | str,
    *,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> GroupOverview:
    """Summarise every portfolio in ``folder``; raises PortfolioError if it is not a folder."""
    return group.scan_folder(folder, summarise_file, progress=progress, cancel=cancel)


def summarise_file(path: Path) -> LearnerSummary:
    """Open one portfolio read-only and summarise it."""
    storage = open_outside(path)  # read-only, schema checked, queries limited
    try:
        coverage = CoverageService(storage).report()
        with storage.read() as s:
            learner = records.learner(s)
            if learner is None:
                raise PortfolioError(f"{path.name} has no learner details.")
            learner_id = s.scalar(select(Learner.id)) or ""
            units = (
                s.execute(
                    select(Unit.id, Unit.ref, Unit.title)
                    .join(FrameworkRecord, FrameworkRecord.id == Unit.framework_id)
                    .order_by(FrameworkRecord.position, Unit.position)
                )
                .tuples()
                .all()
            )
            return LearnerSummary(
                path=path,
                learner_id=learner_id,
                name=learner.name,
                learner_number=learner.learner_number,
                units=group.unit_progress(coverage, units),
                entries=s.scalar(
                    select(func.count()).select_from(Entry).where(Entry.deleted_at.is_(None))
                )
                or 0,
                awaiting_review=awaiting_review_count(s),
                last_activity=_last_activity(s),
                otj=_otj(s),
                last_evidence=_last_evidence(s),
            )
    finally:
        storage.close()


def awaiting_review_count(session: Session) -> int:
    """Entries marked ready with no reviewer comment, and no judgement of a criterion they are
    tagged to, since the learner last changed them."""
    reviewed_by_comment = exists().where(
        and_(
            Feedback.entry_id == Entry.id,
            Feedback.author_role != LEARNER_ROLE,
            Feedback.created_at >= Entry.updated_at,
        )
    )
    reviewed_by_judgement = exists().where(
        and_(
            EvidenceLink.entry_id == Entry.id,
            CriterionJudgement.criterion_id == EvidenceLink.criterion_id,
            CriterionJudgement.created_at >= Entry.updated_at,
        )
    )
    query = (
        select(func.count())
        .select_from(Entry)
        .where(
            Entry.status == EntryStatus.READY.value,
            Entry.deleted_at.is_(None),
            ~reviewed_by_comment,
            ~reviewed_by_judgement,
        )
    )
    return session.scalar(query) or 0


def _otj(s: Session) -> OtjSummary | None:
    """The learner's off-the-job standing today (services.otj's summary); None with no plan
    and nothing logged."""
    summary = otj_summary(s, date.today())
    if not summary.has_plan and not summary.logged_hours:
        return None
    return summary


def _last_evidence(s: Session) -> datetime | None:
    """When evidence was last added or changed: a ready entry with text, or an observation."""
    entry = s.scalar(
        select(func.max(Entry.updated_at)).where(
            Entry.deleted_at.is_(None),
            Entry.status == EntryStatus.READY.value,
            records.has_text(),
        )
    )
    observed = s.scalar(select(func.max(Observation.created_at)))
    present = [when for when in (entry, observed) if when is not None]
    return max(present) if present else None


def _last_activity(session: Session) -> datetime | None:
    candidates = [
        session.scalar(select(func.max(AuditEvent.at))),
        session.scalar(select(func.max(Entry.updated_at))),
    ]
    present = [c for c in candidates if c is not None]
    return max(present) if present else None
