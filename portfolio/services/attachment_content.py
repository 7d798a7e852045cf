"""Turning a learner's document into the anonymised copy that may be stored: no database here.

``prepare_document`` is the only way to make a ``PreparedDocument``, and ``AttachmentService``
stores only those, so the original bytes can never reach the portfolio. Everything happens in
memory: the original is never written to any file. The app runs this on a pool thread (it
touches no database) and stores the result on the writer lane.

Besides the core pipeline it adds what storing needs: boxes the learner drew are blacked out,
a PDF's random file ID is replaced by one derived from its content (so the same document gives
the same bytes and is stored once), and the file name itself is checked for personal data. The
PDF work itself (reading, redacting, regions, the stable ID) lives in ``portfolio.anonymise.pdf``;
this module only converts the learner's regions and calls it.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

from portfolio.anonymise import sniff
from portfolio.anonymise.detect import Finding
from portfolio.anonymise.pictures import PictureFinding
from portfolio.anonymise.pipeline import anonymise_bytes
from portfolio.anonymise.report import AnonymiseReport
from portfolio.domain.attachments import Region
from portfolio.errors import UnsupportedFileError
from portfolio.files import open_regular
from portfolio.progress import CancelToken, ProgressFn, check

MAX_NAME_CHARS = 120
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")


@dataclass(frozen=True)
class PreparedDocument:
    """An anonymised document ready to store: ``data`` never holds the original bytes."""

    filename: str
    media_type: str
    kind: str
    data: bytes
    report: AnonymiseReport
    regions: int = 0

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class DocumentPreview:
    """A document's text with its findings (empty for an image), and its detected kind.

    ``pictures`` are what OCR and the face detector found in an image or on a PDF's scanned
    pages: each is a region the learner can keep by putting its ``key`` in ``rejected``.
    """

    kind: str
    media_type: str
    text: str
    findings: tuple[Finding, ...]
    pages: int = 1
    pictures: tuple[PictureFinding, ...] = ()


def read_document(path: Path | str) -> bytes:
    """Read a document to attach, refusing missing, unreadable or oversized files first."""
    path = Path(path)
    try:
        if not path.exists():
            raise UnsupportedFileError(f"'{path}' does not exist.")
        if path.is_dir():
            raise UnsupportedFileError(f"'{path.name}' is a folder, not a file.")
        size = path.stat().st_size
        if size > sniff.MAX_FILE_BYTES:
            raise UnsupportedFileError(
                f"'{path.name}' is too large ({size / 1048576:.1f} MB): "
                f"the limit is {sniff.MAX_FILE_BYTES // 1048576} MB."
            )
        with open_regular(path) as handle:  # never blocks on a pipe or device
            return handle.read(sniff.MAX_FILE_BYTES + 1)
    except PermissionError as exc:
        raise UnsupportedFileError(f"'{path.name}' cannot be read: permission denied.") from exc
    except OSError as exc:
        raise UnsupportedFileError(f"'{path.name}' cannot be read: {exc.strerror}.") from exc


def preview_document(data: bytes, filename: str, terms: Sequence[str] = ()) -> DocumentPreview:
    """The text the review dialog shows, with every finding. Raises UnsupportedFileError."""
    from portfolio.anonymise.preview import preview_text

    kind = sniff.sniff(data, filename)
    text, findings = preview_text(data, filename, terms)
    pages = _pdf_page_count(data) if kind == sniff.PDF else 1
    pictures = _picture_findings(data, kind, PurePath(filename).name, terms)
    return DocumentPreview(kind.name, kind.media_type, text, tuple(findings), pages, pictures)


def _picture_findings(
    data: bytes, kind: sniff.FileKind, name: str, terms: Sequence[str]
) -> tuple[PictureFinding, ...]:
    if kind in (sniff.PNG, sniff.JPEG):
        from portfolio.anonymise.pictures import picture_findings

        return tuple(picture_findings(data, name=name, terms=terms))
    if kind == sniff.PDF:
        import pymupdf

        from portfolio.anonymise.scanned_pages import scanned_findings

        with pymupdf.open(stream=data, filetype="pdf") as document:
            return tuple(scanned_findings(document, terms=terms))
    return ()


def prepare_document(
    data: bytes,
    *,
    filename: str,
    terms: Sequence[str] = (),
    rejected: Collection[str] = (),
    regions: Sequence[Region] = (),
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> PreparedDocument:
    """Anonymise ``data`` in memory and black out ``regions``: the copy that may be stored.

    Raises UnsupportedFileError (unsupported, empty, oversized, damaged, encrypted or
    mislabelled file) and Cancelled.
    """
    output, report = anonymise_bytes(
        data, filename=filename, terms=terms, rejected=rejected, progress=progress, cancel=cancel
    )
    check(cancel)
    if regions:
        if report.kind in (sniff.PNG.name, sniff.JPEG.name):
            from portfolio.anonymise.image import redact_image_regions

            boxes = [_pixel_box(r) for r in regions if r.page == 0]
            output = redact_image_regions(output, boxes)
        elif report.kind == sniff.PDF.name:
            output = _redact_pdf_regions(output, regions)
        else:
            raise UnsupportedFileError("Areas can be blacked out only on images and PDFs.")
    if report.kind == sniff.PDF.name:
        from portfolio.anonymise.pdf import stable_pdf_id

        output = stable_pdf_id(output)
    check(cancel)
    name = safe_filename(filename, terms=terms, rejected=rejected)
    return PreparedDocument(name, report.media_type, report.kind, output, report, len(regions))


def safe_filename(
    filename: str, *, terms: Sequence[str] = (), rejected: Collection[str] = ()
) -> str:
    """The name to store: no folders, no control characters, personal data replaced.

    "complaint_Anita_Patel.docx" becomes "complaint [CUSTOMER 1].docx" (separators read as
    spaces so the detector sees the words).
    """
    from portfolio.anonymise.text import redact_text

    pure = PurePath(filename.replace("\\", "/"))
    stem, suffix = pure.stem, pure.suffix.lower()
    spaced = re.sub(r"[_.]+", " ", stem)
    redacted, found = redact_text(spaced, terms=terms, rejected=rejected)
    if found:
        stem = redacted
    stem = _UNSAFE_NAME.sub(" ", stem).strip(" .") or "document"
    return stem[:MAX_NAME_CHARS].rstrip() + suffix


def _pixel_box(region: Region) -> tuple[int, int, int, int]:
    return (
        int(region.left),
        int(region.top),
        math.ceil(region.right),
        math.ceil(region.bottom),
    )


def _pdf_page_count(data: bytes) -> int:
    from portfolio.anonymise.pdf import page_count

    return page_count(data)


def _redact_pdf_regions(data: bytes, regions: Sequence[Region]) -> bytes:
    """Truly redact boxes on PDF pages (the work is done in ``portfolio.anonymise.pdf``)."""
    from portfolio.anonymise.pdf import redact_regions

    return redact_regions(data, [(r.page, r.left, r.top, r.right, r.bottom) for r in regions])
