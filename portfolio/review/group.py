"""Group overview: scan a folder of portfolio files into one summary row per learner.

Each file is opened read-only (nothing is written next to it, no backups are made) and closed
straight away. A file that cannot be opened (damaged, not a portfolio, saved by a newer version,
locked or unreadable) becomes a ScanFailure with the reason, never a silent gap in the table.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from sqlalchemy import and_, exists, func, select
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session

from portfolio.domain.actor import LEARNER_ROLE
from portfolio.domain.enums import EntryStatus
from portfolio.domain.review import GroupOverview, LearnerSummary, ScanFailure, UnitProgress
from portfolio.errors import PortfolioError
from portfolio.progress import CancelToken, ProgressFn, check, report
from portfolio.review.fingerprint import unit_fingerprint
from portfolio.services.coverage import CoverageService
from portfolio.storage.file import SUFFIX
from portfolio.storage.models import (
    AuditEvent,
    CriterionJudgement,
    Entry,
    EvidenceLink,
    Feedback,
    FrameworkRecord,
    Learner,
    SignOff,
    Unit,
)
from portfolio.storage.outside import open_outside


def portfolio_files(folder: Path) -> list[Path]:
    """The ``*.portfolio`` files directly inside ``folder``, by name."""
    return sorted(
        (p for p in folder.iterdir() if p.suffix.lower() == SUFFIX and not p.is_dir()),
        key=lambda p: p.name.lower(),
    )


def scan_folder(
    folder: Path | str,
    *,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> GroupOverview:
    """Summarise every portfolio in ``folder``; raises PortfolioError if it is not a folder."""
    folder = Path(folder)
    if not folder.is_dir():
        raise PortfolioError(f"{folder} is not a folder.")
    files = portfolio_files(folder)
    learners: list[LearnerSummary] = []
    failures: list[ScanFailure] = []
    for done, path in enumerate(files):
        check(cancel)
        report(progress, done, len(files), f"Reading {path.name}")
        try:
            learners.append(summarise_file(path))
        except Exception as exc:  # one bad file must never stop the scan
            failures.append(ScanFailure(path=path, reason=failure_reason(path, exc)))
    report(progress, len(files), len(files), "Done")
    learners.sort(key=lambda row: (row.name.lower(), row.path.name.lower()))
    units: dict[str, tuple[str, str, str]] = {}
    for row in learners:
        for unit in row.units:
            units.setdefault(unit.unit_id, (unit.unit_id, unit.ref, unit.title))
    return GroupOverview(
        folder=folder,
        learners=tuple(learners),
        failures=tuple(failures),
        units=tuple(units.values()),
    )


def failure_reason(path: Path, exc: BaseException) -> str:
    """One plain sentence saying why a file could not be summarised."""
    if isinstance(exc, PortfolioError):
        return str(exc)
    if isinstance(exc, PermissionError):
        return f"{path.name} cannot be read: permission denied (is it open in another program?)."
    if isinstance(exc, OperationalError | sqlite3.OperationalError) and "locked" in str(exc):
        return f"{path.name} is locked by another program; try again when it is closed."
    if isinstance(exc, DatabaseError | sqlite3.DatabaseError):
        return f"{path.name} could not be read: it looks damaged."
    if isinstance(exc, OSError):
        return f"{path.name} cannot be read: {exc.strerror or exc}."
    return f"{path.name} could not be read ({type(exc).__name__}: {exc})."


def summarise_file(path: Path) -> LearnerSummary:
    """Open one portfolio read-only and summarise it."""
    return _summarise(path)


def _summarise(path: Path) -> LearnerSummary:
    storage = open_outside(path)  # read-only, schema checked, queries limited
    try:
        coverage = CoverageService(storage).report()
        progress_by_unit = {u.id: u for u in coverage.units}
        with storage.read() as s:
            learner = s.scalars(select(Learner)).first()
            if learner is None:
                raise PortfolioError(f"{path.name} has no learner details.")
            signoffs = _latest_signoffs(s)
            units = []
            for unit_id, ref, title in s.execute(
                select(Unit.id, Unit.ref, Unit.title)
                .join(FrameworkRecord, FrameworkRecord.id == Unit.framework_id)
                .order_by(FrameworkRecord.position, Unit.position)
            ).tuples():
                done = progress_by_unit.get(unit_id)
                fingerprint = signoffs.get(unit_id)
                units.append(
                    UnitProgress(
                        unit_id=unit_id,
                        ref=ref,
                        title=title,
                        criteria=done.total if done else 0,
                        evidenced=done.evidenced if done else 0,
                        met=done.met if done else 0,
                        signed_off=fingerprint is not None,
                        signoff_changed=fingerprint is not None
                        and fingerprint != unit_fingerprint(s, unit_id),
                    )
                )
            return LearnerSummary(
                path=path,
                learner_id=learner.id,
                name=learner.name,
                learner_number=learner.learner_number,
                units=tuple(units),
                entries=s.scalar(
                    select(func.count()).select_from(Entry).where(Entry.deleted_at.is_(None))
                )
                or 0,
                awaiting_review=awaiting_review_count(s),
                last_activity=_last_activity(s),
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


def _latest_signoffs(session: Session) -> dict[str, str]:
    """Unit id → fingerprint of its most recent sign-off."""
    latest: dict[str, str] = {}
    for unit_id, fingerprint in session.execute(
        select(SignOff.unit_id, SignOff.evidence_fingerprint).order_by(
            SignOff.signed_at, SignOff.id
        )
    ).tuples():
        latest[unit_id] = fingerprint
    return latest


def _last_activity(session: Session) -> datetime | None:
    candidates = [
        session.scalar(select(func.max(AuditEvent.at))),
        session.scalar(select(func.max(Entry.updated_at))),
    ]
    present = [c for c in candidates if c is not None]
    return max(present) if present else None
