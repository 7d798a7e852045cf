"""Reads everything an export needs in one read transaction, filtered by the learner's choices.

Export is read-only and independent of the editing services: it loads plain rows straight from
the ORM models into the frozen records of ``portfolio.export.model``. Attachment bytes are never
part of the snapshot; ``BlobReader`` fetches one blob at a time while the PDF is laid out, so
memory does not grow with the size of the attachments.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from portfolio.coverage import CriterionRow, EntryRow, GroupRow, LinkRow, compute_coverage
from portfolio.domain.assessment import has_text
from portfolio.domain.dto import LearnerDetails, Witness
from portfolio.domain.enums import EntryStatus
from portfolio.domain.star import SECTIONS
from portfolio.errors import InvalidInputError, NotFoundError
from portfolio.export.model import (
    AttachmentInfo,
    CriterionInfo,
    EntryInfo,
    FeedbackInfo,
    FrameworkInfo,
    OutcomeInfo,
    Snapshot,
    TagInfo,
    UnitInfo,
)
from portfolio.export.options import ExportOptions
from portfolio.services.coverage import decisions_in
from portfolio.storage.file import PortfolioFile
from portfolio.storage.models import (
    Attachment,
    Blob,
    Criterion,
    Entry,
    EvidenceLink,
    Feedback,
    FrameworkRecord,
    Learner,
    Outcome,
    Unit,
)


class BlobReader:
    """Loads one attachment's bytes at a time, each in its own short read transaction.

    Documents used by many entries (the same greeting script on every entry) are read once:
    small ones are kept, up to a fixed total, so memory stays bounded however big the
    portfolio is.
    """

    CACHE_LIMIT = 32 * 1024 * 1024  # bytes kept in all
    CACHE_ITEM_LIMIT = 2 * 1024 * 1024  # larger documents are always read afresh

    def __init__(self, storage: PortfolioFile) -> None:
        self._storage = storage
        self._cache: dict[str, bytes] = {}
        self._cached_bytes = 0

    def read(self, sha256: str) -> bytes:
        cached = self._cache.get(sha256)
        if cached is not None:
            return cached
        with self._storage.read() as s:
            data = s.scalar(select(Blob.data).where(Blob.sha256 == sha256))
        if data is None:
            raise NotFoundError(f"An attachment's contents are missing from the file ({sha256}).")
        blob = bytes(data)
        size = len(blob)
        if size <= self.CACHE_ITEM_LIMIT and self._cached_bytes + size <= self.CACHE_LIMIT:
            self._cache[sha256] = blob
            self._cached_bytes += size
        return blob


def load_snapshot(
    storage: PortfolioFile, options: ExportOptions, *, now: datetime | None = None
) -> Snapshot:
    """Read the learner, frameworks, entries and reviewer records an export shows.

    Raises:
        NotFoundError: a unit named in ``options.units`` is not in the portfolio.
        InvalidInputError: the portfolio has no learner record.
    """
    with storage.read() as s:
        learner_row = s.scalars(select(Learner)).first()
        if learner_row is None:
            raise InvalidInputError("This portfolio has no learner details; add them first.")
        learner = LearnerDetails(
            name=learner_row.name,
            learner_number=learner_row.learner_number,
            centre=learner_row.centre,
            employer=learner_row.employer,
        )
        frameworks = _frameworks(s, options.units)
        units = {u.id for f in frameworks for u in f.units}
        criteria = {c.id: c for f in frameworks for u in f.units for c in u.criteria()}
        entries = _entries(s, options, criteria)
        decisions = decisions_in(s)
    judgements = tuple(j for j in decisions.judgements if j.criterion_id in criteria)
    signoffs = tuple(o for o in decisions.signoffs if o.unit_id in units)
    coverage = compute_coverage(
        criteria=[
            CriterionRow(c.id, c.number, c.text, c.unit_id, c.outcome_id, u.framework_id)
            for f in frameworks
            for u in f.units
            for c in u.criteria()
        ],
        outcomes=[
            GroupRow(o.id, f"LO{o.number}: {o.text}", u.id)
            for f in frameworks
            for u in f.units
            for o in u.outcomes
        ],
        units=[GroupRow(u.id, f"{u.ref}: {u.title}", f.id) for f in frameworks for u in f.units],
        frameworks=[GroupRow(f.id, f.label, None) for f in frameworks],
        entries=[
            EntryRow(e.id, e.ref_no, e.title, e.status, has_text(t for _, _, t in e.sections))
            for e in entries
        ],
        links=[LinkRow(e.id, t.criterion_id, t.justification) for e in entries for t in e.tags],
        decisions=decisions,
    )
    return Snapshot(
        learner=learner,
        frameworks=frameworks,
        entries=entries,
        judgements=judgements if options.include_feedback else (),
        signoffs=signoffs,
        coverage=coverage,
        generated_at=now or datetime.now(UTC),
        show_employer=options.show_employer,
        include_feedback=options.include_feedback,
    )


def _frameworks(s: Session, chosen: tuple[str, ...] | None) -> tuple[FrameworkInfo, ...]:
    records = s.scalars(select(FrameworkRecord).order_by(FrameworkRecord.position)).all()
    unit_rows = s.scalars(select(Unit).order_by(Unit.position)).all()
    if chosen is not None:
        wanted = set(chosen)
        known = {u.id for u in unit_rows} | {u.ref for u in unit_rows}
        missing = sorted(wanted - known)
        if missing:
            raise NotFoundError(f"This portfolio has no unit called {missing[0]!r}.")
        unit_rows = [u for u in unit_rows if u.id in wanted or u.ref in wanted]
    outcomes: dict[str, list[Outcome]] = defaultdict(list)
    for o in s.scalars(select(Outcome).order_by(Outcome.position)):
        outcomes[o.unit_id].append(o)
    criteria: dict[str, list[Criterion]] = defaultdict(list)
    for c in s.scalars(select(Criterion).order_by(Criterion.position)):
        criteria[c.outcome_id].append(c)
    units_by_framework: dict[str, list[UnitInfo]] = defaultdict(list)
    for u in unit_rows:
        units_by_framework[u.framework_id].append(
            UnitInfo(
                id=u.id,
                ref=u.ref,
                title=u.title,
                framework_id=u.framework_id,
                outcomes=tuple(
                    OutcomeInfo(
                        id=o.id,
                        number=o.number,
                        text=o.text,
                        criteria=tuple(
                            CriterionInfo(c.id, c.number, c.text, u.id, o.id)
                            for c in criteria[o.id]
                        ),
                    )
                    for o in outcomes[u.id]
                ),
            )
        )
    result = []
    for r in records:
        if not units_by_framework.get(r.id):
            continue
        try:
            document = json.loads(r.document)
        except ValueError:
            document = {}
        result.append(
            FrameworkInfo(
                id=r.id,
                title=r.title,
                level=r.level,
                version=r.version,
                awarding_body=str(document.get("awarding_body", "")),
                qualifications=tuple(str(q) for q in document.get("qualifications", ())),
                units=tuple(units_by_framework[r.id]),
            )
        )
    return tuple(result)


def _entries(
    s: Session, options: ExportOptions, criteria: dict[str, CriterionInfo]
) -> tuple[EntryInfo, ...]:
    query = select(Entry).where(Entry.deleted_at.is_(None)).order_by(Entry.ref_no)
    if not options.include_drafts:
        query = query.where(Entry.status != EntryStatus.DRAFT.value)
    rows = s.scalars(query).all()
    tags: dict[str, list[TagInfo]] = defaultdict(list)
    for link in s.scalars(select(EvidenceLink)):
        c = criteria.get(link.criterion_id)
        if c is not None:
            tags[link.entry_id].append(
                TagInfo(c.id, c.number, c.text, c.unit_id, link.justification)
            )
    feedback: dict[str, list[FeedbackInfo]] = defaultdict(list)
    if options.include_feedback:
        for f in s.scalars(select(Feedback).order_by(Feedback.created_at)):
            feedback[f.entry_id].append(
                FeedbackInfo(f.id, f.author_name, f.author_role, f.body, f.created_at, f.parent_id)
            )
    attachments: dict[str, list[AttachmentInfo]] = defaultdict(list)
    if options.include_attachments:
        query_att = (
            select(Attachment, Blob.size)
            .join(Blob, Blob.sha256 == Attachment.blob_sha256)
            .order_by(Attachment.created_at, Attachment.filename)
        )
        for a, size in s.execute(query_att).tuples():
            attachments[a.entry_id].append(
                AttachmentInfo(
                    a.id, a.entry_id, a.blob_sha256, a.filename, a.media_type, a.note, size
                )
            )
    order = {c: i for i, c in enumerate(criteria)}
    result = []
    for e in rows:
        entry_tags = sorted(tags.get(e.id, ()), key=lambda t: order[t.criterion_id])
        if options.units is not None and not entry_tags:
            continue  # chosen units: only the evidence for those units goes in
        result.append(
            EntryInfo(
                id=e.id,
                ref_no=e.ref_no,
                title=e.title,
                event_date=e.event_date,
                method=e.method,
                hours=e.hours,
                status=e.status,
                sections=tuple((x.key, x.label, getattr(e, x.key) or "") for x in SECTIONS),
                witness=Witness(e.witness_name, e.witness_job_title, e.witness_relationship),
                tags=tuple(entry_tags),
                feedback=tuple(feedback.get(e.id, ())),
                attachments=tuple(attachments.get(e.id, ())),
            )
        )
    return tuple(result)
