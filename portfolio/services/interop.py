"""Reading a portfolio for the open-format exports (LEAP2A): the records, through
services.records, in one read transaction; attachment bytes one at a time."""

from __future__ import annotations

from sqlalchemy import func, select

from portfolio.interop.leap2a_context import ExportContext, build_context
from portfolio.interop.snapshot import PortfolioSnapshot
from portfolio.services import records
from portfolio.services.otj import log_in
from portfolio.storage.file import PortfolioFile
from portfolio.storage.models import Attachment, Entry, FrameworkRecord, Learner


class LeapSource:
    """A portfolio as portfolio.interop.leap2a reads it (interop.snapshot.SnapshotSource)."""

    def __init__(self, pf: PortfolioFile) -> None:
        self._pf = pf

    def snapshot(self) -> PortfolioSnapshot:
        """The learner, framework titles and live entries (by reference) with their tags (those
        on criteria no longer enrolled kept, with no number) and attachments."""
        with self._pf.read() as s:
            learner = records.learner(s)
            frameworks = records.frameworks(s)
            criteria = {c.id: c for f in frameworks for u in f.units for c in u.criteria()}
            entries = records.entries(s, criteria, include_feedback=False, keep_unknown_tags=True)
            log = log_in(s)
        return PortfolioSnapshot(
            learner.name if learner else "",
            learner.learner_number if learner else "",
            learner.centre if learner else "",
            learner.employer if learner else "",
            tuple(f.label for f in frameworks),
            entries,
            None if log.empty else log,
        )

    def context(self) -> ExportContext:
        """The enrolled frameworks as stored, and creation dates, for the LEAP2A feed."""
        with self._pf.read() as s:
            documents = list(
                s.execute(
                    select(FrameworkRecord.id, FrameworkRecord.document).order_by(
                        FrameworkRecord.position
                    )
                ).tuples()
            )
            created = dict(s.execute(select(Attachment.id, Attachment.created_at)).tuples().all())
            learner_created = s.scalar(select(Learner.created_at))
            first_entry = s.scalar(select(func.min(Entry.created_at)))
        return build_context(documents, created, learner_created, first_entry)

    def blob(self, sha256: str) -> bytes:
        with self._pf.read() as s:
            return records.blob(s, sha256) or b""
