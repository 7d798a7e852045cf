"""Exporting: the submission PDF and the evidence package, with the learner's choices.

Both take ``progress`` and ``cancel`` (portfolio.progress) so the GUI can run them in the
background; both write atomically, so a cancelled or failed export leaves no file behind.
reportlab, pypdf and pikepdf are imported only when an export runs, so opening a portfolio
stays quick.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from portfolio.export.model import Snapshot
from portfolio.export.options import ExportOptions
from portfolio.export.snapshot import BlobReader, load_snapshot
from portfolio.progress import CancelToken, ProgressFn, check
from portfolio.storage.file import PortfolioFile

if TYPE_CHECKING:
    from portfolio.export.pack import PackResult
    from portfolio.export.pdf.document import PdfResult
    from portfolio.export.verify import VerifyReport

__all__ = ["ExportOptions", "ExportService"]


class ExportService:
    """Read-only: exporting never changes the portfolio."""

    def __init__(self, pf: PortfolioFile) -> None:
        self._pf = pf

    def snapshot(self, options: ExportOptions | None = None) -> Snapshot:
        """Everything an export with ``options`` would show."""
        return load_snapshot(self._pf, options or ExportOptions())

    def unit_choices(self) -> list[tuple[str, str]]:
        """(unit id, "Unit REF: title") for every enrolled unit, for an export dialog."""
        snapshot = load_snapshot(self._pf, ExportOptions(include_attachments=False))
        return [(u.id, u.label) for u in snapshot.units]

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
            PortfolioError: bad options (an unknown unit) or an unwritable destination.
        """
        from portfolio.export.pdf.document import write_pdf

        check(cancel)
        snapshot = load_snapshot(self._pf, options or ExportOptions())
        return write_pdf(
            snapshot, Path(out), BlobReader(self._pf).read, progress=progress, cancel=cancel
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
        snapshot = load_snapshot(self._pf, options or ExportOptions())
        return write_pack(
            snapshot, Path(out), BlobReader(self._pf).read, progress=progress, cancel=cancel
        )

    @staticmethod
    def verify(path: Path | str) -> VerifyReport:
        """Check an evidence package against its manifest, offline."""
        from portfolio.export.verify import verify_pack

        return verify_pack(Path(path))
