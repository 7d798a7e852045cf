"""Everything a LEAP2A export needs, read from the portfolio file in one read transaction.

Only plain frozen dataclasses leave the session; attachment bytes are not read here (the
writer streams each blob when it puts it in the zip).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from portfolio.storage.file import PortfolioFile
from portfolio.storage.models import (
    Attachment,
    Blob,
    Criterion,
    Entry,
    EvidenceLink,
    FrameworkRecord,
    Learner,
    Unit,
)


@dataclass(frozen=True, slots=True)
class TagRow:
    criterion_id: str
    number: str  # "" when the criterion vanished from its framework
    unit_ref: str
    text: str
    justification: str


@dataclass(frozen=True, slots=True)
class AttachmentRow:
    id: str
    filename: str
    media_type: str
    note: str
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class EntryRow:
    id: str
    ref: str
    title: str
    status: str
    method: str
    event_date: date | None
    hours: float
    sections: dict[str, str]
    created_at: datetime
    updated_at: datetime
    tags: tuple[TagRow, ...]
    attachments: tuple[AttachmentRow, ...]


@dataclass(frozen=True, slots=True)
class PortfolioSnapshot:
    learner_name: str
    learner_number: str
    centre: str
    employer: str
    framework_titles: tuple[str, ...]
    entries: tuple[EntryRow, ...]


_SECTION_COLUMNS = ("situation", "task", "action", "result", "reflection")


def read_snapshot(pf: PortfolioFile) -> PortfolioSnapshot:
    """The learner, enrolled framework titles and live entries (by reference) with their tags
    and attachments."""
    with pf.read() as s:
        learner = s.scalars(select(Learner)).first()
        titles = tuple(
            f"{title} (Level {level})"
            for title, level in s.execute(
                select(FrameworkRecord.title, FrameworkRecord.level).order_by(
                    FrameworkRecord.position
                )
            )
        )
        tags: dict[str, list[TagRow]] = {}
        for entry_id, cid, justification, number, text, ref in s.execute(
            select(
                EvidenceLink.entry_id,
                EvidenceLink.criterion_id,
                EvidenceLink.justification,
                Criterion.number,
                Criterion.text,
                Unit.ref,
            )
            .outerjoin(Criterion, Criterion.id == EvidenceLink.criterion_id)
            .outerjoin(Unit, Unit.id == Criterion.unit_id)
            .order_by(Unit.ref, Criterion.number)
        ):
            tags.setdefault(entry_id, []).append(
                TagRow(cid, number or "", ref or "", text or "", justification)
            )
        files: dict[str, list[AttachmentRow]] = {}
        for a, size in s.execute(
            select(Attachment, Blob.size)
            .join(Blob, Blob.sha256 == Attachment.blob_sha256)
            .order_by(Attachment.created_at, Attachment.filename)
        ):
            files.setdefault(a.entry_id, []).append(
                AttachmentRow(a.id, a.filename, a.media_type, a.note, a.blob_sha256, size)
            )
        entries = tuple(
            EntryRow(
                e.id,
                e.ref,
                e.title,
                e.status,
                e.method,
                e.event_date,
                e.hours,
                {key: getattr(e, key) for key in _SECTION_COLUMNS},
                e.created_at,
                e.updated_at,
                tuple(tags.get(e.id, ())),
                tuple(files.get(e.id, ())),
            )
            for e in s.scalars(
                select(Entry).where(Entry.deleted_at.is_(None)).order_by(Entry.ref_no)
            )
        )
    return PortfolioSnapshot(
        learner.name if learner else "",
        learner.learner_number if learner else "",
        learner.centre if learner else "",
        learner.employer if learner else "",
        titles,
        entries,
    )


def read_blob(pf: PortfolioFile, sha256: str) -> bytes:
    """One attachment's bytes (the column is deferred, so listing never loads them)."""
    with pf.read() as s:
        data = s.scalar(select(Blob.data).where(Blob.sha256 == sha256))
    return data or b""
