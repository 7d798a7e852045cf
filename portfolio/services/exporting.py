"""Exporting: the submission PDF and the evidence package, with the learner's choices.

Both take ``progress`` and ``cancel`` (portfolio.progress) so the GUI can run them in the
background; both write atomically, so a cancelled or failed export leaves no file behind.
reportlab, pypdf and pikepdf are imported only when an export runs, so opening a portfolio
stays quick; SQLAlchemy only where a session is read, so the plain export
(services/plain_export.py) shares ``BlobReader`` without loading it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from portfolio.errors import InvalidInputError, NotFoundError
from portfolio.export.model import ProgressCharts, Snapshot
from portfolio.export.options import ExportOptions
from portfolio.export.snapshot import build_snapshot, criteria_of
from portfolio.progress import CancelToken, ProgressFn, check
from portfolio.services import records
from portfolio.services.personal_data import refuse_unacknowledged

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from portfolio.domain.records import FrameworkInfo, LearnerDetails
    from portfolio.export.pack import PackResult
    from portfolio.export.pdf.document import PdfResult
    from portfolio.export.verify import VerifyReport
    from portfolio.storage.file import PortfolioFile

__all__ = [
    "BlobReader",
    "ExportOptions",
    "ExportService",
    "load_snapshot",
    "unreadable_attachments",
]


class BlobReader:
    """Loads one attachment's bytes at a time, each in its own short read transaction.

    Documents used by many entries (the same greeting script on every entry) are read once:
    small ones are kept, up to a fixed total, so memory stays bounded however big the
    portfolio is. Attachment bytes are never part of the snapshot.
    """

    CACHE_LIMIT = 32 * 1024 * 1024  # bytes kept in all
    CACHE_ITEM_LIMIT = 2 * 1024 * 1024  # larger documents are always read afresh

    def __init__(self, fetch: Callable[[str], bytes | None]) -> None:
        self._fetch = fetch  # sha256 -> the bytes (None: missing), in its own read
        self._cache: dict[str, bytes] = {}
        self._cached_bytes = 0

    def read(self, sha256: str) -> bytes:
        cached = self._cache.get(sha256)
        if cached is not None:
            return cached
        blob = self._fetch(sha256)
        if blob is None:
            raise NotFoundError(f"An attachment's contents are missing from the file ({sha256}).")
        size = len(blob)
        if size <= self.CACHE_ITEM_LIMIT and self._cached_bytes + size <= self.CACHE_LIMIT:
            self._cache[sha256] = blob
            self._cached_bytes += size
        return blob

    @classmethod
    def of(cls, storage: PortfolioFile) -> BlobReader:
        """Reading through the storage's sessions."""

        def fetch(sha256: str) -> bytes | None:
            with storage.read() as s:
                return records.blob(s, sha256)

        return cls(fetch)


def unreadable_attachments(snapshot: Snapshot, read_blob: Callable[[str], bytes]) -> frozenset[str]:
    """Ids of the attachments the PDF cannot include (damaged or locked PDFs), found the way
    the PDF export finds them."""
    if not any(a.kind == "pdf" for e in snapshot.entries for a in e.attachments):
        return frozenset()  # only attached PDFs can fail: the PDF code is not even imported
    from portfolio.export.pdf.pages import unreadable_pdfs  # pikepdf only, not the layout

    return unreadable_pdfs(snapshot.entries, read_blob)


def load_snapshot(
    storage: PortfolioFile, options: ExportOptions, *, now: datetime | None = None
) -> Snapshot:
    """Read the learner, frameworks, entries and reviewer records an export shows, in one read
    transaction, and build the export's view of them.

    Raises:
        NotFoundError: a unit named in ``options.units`` is not in the portfolio.
        InvalidInputError: the portfolio has no learner record.
    """
    from portfolio.services.coverage import decisions_in

    with storage.read() as s:
        learner, frameworks = read_heading(s, options)
        entries = records.entries(
            s,
            criteria_of(frameworks),
            include_drafts=options.include_drafts,
            include_feedback=options.include_feedback,
            include_attachments=options.include_attachments,
            only_tagged=options.units is not None,  # chosen units: only their evidence
        )
        decisions = decisions_in(s)
    return build_snapshot(
        learner=learner,
        frameworks=frameworks,
        entries=entries,
        decisions=decisions,
        options=options,
        now=now,
    )


def read_heading(
    s: Session, options: ExportOptions
) -> tuple[LearnerDetails, tuple[FrameworkInfo, ...]]:
    """The learner and the frameworks (with only the chosen units) an export shows.

    Raises:
        NotFoundError: a unit named in ``options.units`` is not in the portfolio.
        InvalidInputError: the portfolio has no learner record.
    """
    learner = records.learner(s)
    if learner is None:
        raise InvalidInputError("This portfolio has no learner details; add them first.")
    return learner, records.frameworks(s, options.units)


class ExportService:
    """Read-only: exporting never changes the portfolio."""

    def __init__(self, pf: PortfolioFile) -> None:
        self._pf = pf

    def snapshot(self, options: ExportOptions | None = None) -> Snapshot:
        """Everything an export with ``options`` would show."""
        return load_snapshot(self._pf, options or ExportOptions())

    def unit_choices(self) -> list[tuple[str, str]]:
        """(unit id, "Unit REF: title") for every enrolled unit, for an export dialog."""
        with self._pf.read() as s:
            _, frameworks = read_heading(s, ExportOptions())
        return [(u.id, u.label) for f in frameworks for u in f.units]

    def export_pdf(
        self,
        out: Path | str,
        *,
        options: ExportOptions | None = None,
        progress: ProgressFn | None = None,
        cancel: CancelToken | None = None,
    ) -> PdfResult:
        """Write the submission PDF to ``out``.

        Raises:
            Cancelled: ``cancel`` was set; no file was written.
            UnacknowledgedPersonalDataError: an exported entry holds personal data the learner
                has neither replaced nor kept (services.export_check); no file was written.
            PortfolioError: bad options (an unknown unit) or an unwritable destination.
        """
        from portfolio.export.pdf.document import write_pdf

        check(cancel)
        options = options or ExportOptions()
        snapshot = self._with_charts(load_snapshot(self._pf, options), options)
        refuse_unacknowledged(self._pf, snapshot)
        return write_pdf(
            snapshot, Path(out), BlobReader.of(self._pf).read, progress=progress, cancel=cancel
        )

    def pack(
        self,
        out: Path | str,
        *,
        options: ExportOptions | None = None,
        progress: ProgressFn | None = None,
        cancel: CancelToken | None = None,
    ) -> PackResult:
        """Write the evidence package (PDF, anonymised attachments, manifest) to ``out``."""
        from portfolio.export.pack import write_pack

        check(cancel)
        options = options or ExportOptions()
        snapshot = self._with_charts(load_snapshot(self._pf, options), options)
        refuse_unacknowledged(self._pf, snapshot)
        return write_pack(
            snapshot, Path(out), BlobReader.of(self._pf).read, progress=progress, cancel=cancel
        )

    def _with_charts(self, snapshot: Snapshot, options: ExportOptions) -> Snapshot:
        """The snapshot with the progress charts' data, when the learner asked for them: the
        same history and off-the-job summary the app's charts draw, for the exported units."""
        if not options.include_charts:
            return snapshot
        from portfolio.domain.actor import Actor
        from portfolio.services.coverage import CoverageService
        from portfolio.services.history import HistoryService
        from portfolio.services.otj import OtjService

        today = snapshot.generated_at.date()
        history = HistoryService(self._pf, CoverageService(self._pf)).history(today=today)
        units = {u.id for u in snapshot.units}
        history = replace(history, units=tuple(u for u in history.units if u.unit_id in units))
        otj = OtjService(self._pf, Actor(""))
        plan = otj.plan()
        summary = otj.summary(today=today) if plan is not None or otj.activities() else None
        charts = ProgressCharts(today, history, summary, plan)
        return replace(snapshot, charts=charts)

    @staticmethod
    def verify(path: Path | str) -> VerifyReport:
        """Check an evidence package against its manifest, offline."""
        from portfolio.export.verify import verify_pack

        return verify_pack(Path(path))
