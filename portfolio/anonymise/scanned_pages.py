"""Scanned PDF pages: read the page image with OCR and truly redact the personal data in it.

A page that holds images but no text (a scan, a photo saved as PDF) is rendered at up to
200 dpi (at most 2,000 pixels on its long side, what the OCR models read anyway), read by
``pictures``, and each finding becomes a MuPDF redaction over the page in points: applying it
blanks the image pixels beneath (``PDF_REDACT_IMAGE_PIXELS``), so the original pixels are gone
from the file, not hidden under a box. The page stays a valid PDF page with its image.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import pymupdf

from portfolio.anonymise.pictures import (
    PictureFinding,
    findings_in,
    is_rejected,
    read_picture,
)
from portfolio.anonymise.report import Redaction
from portfolio.progress import CancelToken, ProgressFn, check, report

SCAN_DPI = 200
MAX_SIDE = 2000
"""Pixels on the long side of a rendered page; RapidOCR scales anything larger down to this."""
_REDACT_IMAGE_PIXELS = 2  # pymupdf.PDF_REDACT_IMAGE_PIXELS
_REDACT_LINE_ART_NONE = 0  # pymupdf.PDF_REDACT_LINE_ART_NONE


def is_scanned(page: pymupdf.Page) -> bool:
    """True for a page with images and no text at all (not even outside the visible page)."""
    text = page.get_text("text", clip=pymupdf.INFINITE_RECT())
    return not str(text).strip() and bool(page.get_images())


def page_findings(
    page: pymupdf.Page, *, terms: Sequence[str] = (), cancel: CancelToken | None = None
) -> list[PictureFinding]:
    """The personal data on a scanned page, in points of the page as displayed."""
    from PIL import Image

    rect = page.rect
    zoom = min(SCAN_DPI / 72, MAX_SIDE / max(rect.width, rect.height, 1.0))
    pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False, colorspace=pymupdf.csRGB)
    image = Image.frombytes("RGB", (pix.width, pix.height), pix.samples)
    reading = read_picture(image, faces=False)
    check(cancel)
    return findings_in(
        reading, size=image.size, page=page.number or 0, scale=zoom, terms=terms, cancel=cancel
    )


def scanned_findings(
    document: pymupdf.Document, *, terms: Sequence[str] = (), cancel: CancelToken | None = None
) -> list[PictureFinding]:
    """Findings on every scanned page of an open PDF (for the review dialog)."""
    found: list[PictureFinding] = []
    for number in range(document.page_count):
        check(cancel)
        page = document[number]
        if is_scanned(page):
            found.extend(page_findings(page, terms=terms, cancel=cancel))
    return found


def redact_scanned_pages(
    document: pymupdf.Document,
    numbers: Sequence[int],
    *,
    terms: Sequence[str] = (),
    rejected: Collection[str] = (),
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> tuple[list[Redaction], list[str]]:
    """Black out the personal data on the scanned pages ``numbers`` (0-based), in place.

    Returns a redaction per finding and notes for the learner.
    """
    redactions: list[Redaction] = []
    for index, number in enumerate(numbers):
        check(cancel)
        report(progress, index, len(numbers), f"Reading scanned page {number + 1}")
        page = document[number]
        kept = [
            f
            for f in page_findings(page, terms=terms, cancel=cancel)
            if not is_rejected(f, rejected)
        ]
        for finding in kept:
            for box in finding.boxes:
                rect = pymupdf.Rect(box) * page.derotation_matrix
                page.add_redact_annot(rect.normalize(), fill=(0, 0, 0))
            redactions.append(Redaction(finding.category, finding.text, finding.placeholder))
        if kept:
            page.apply_redactions(images=_REDACT_IMAGE_PIXELS, graphics=_REDACT_LINE_ART_NONE)
    if not numbers:
        return redactions, []
    shown = ", ".join(str(n + 1) for n in numbers[:10]) + ("…" if len(numbers) > 10 else "")
    count = len(redactions)
    notes = [
        f"Read the text on the scanned page(s) {shown} and blacked out {count} "
        f"piece{'s' if count != 1 else ''} of personal data in the page images; check "
        "them for signatures and hand-writing, which cannot be read."
    ]
    return redactions, notes
