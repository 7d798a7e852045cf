"""PDF: true redaction with PyMuPDF, so nothing under a black box can be extracted or copied.

Each page's text is read with character positions, the shared detector finds personal data in
it, and a redaction is applied over exactly those characters: MuPDF removes the glyphs from the
content stream and blanks image pixels beneath, then draws a black box carrying the placeholder
(when it fits). Line art is left alone so tables stay legible. Links to email addresses and
phone numbers, annotations (comments carry author names), form field values, bookmarks with
personal data, embedded files, the Info dictionary and XMP metadata are removed or cleaned, and
the file is rewritten in full (garbage-collected), so no old object survives.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import pymupdf

from portfolio.anonymise.placeholders import SegmentPlan, plan_redactions
from portfolio.anonymise.report import Redaction
from portfolio.errors import PortfolioError, UnsupportedFileError
from portfolio.progress import CancelToken, ProgressFn, check, report

MAX_PAGES = 500
"""Longest PDF accepted."""
_FONT = "helv"
# MuPDF constants, spelt out because PyMuPDF's type information does not declare them.
_REDACT_IMAGE_PIXELS = 2  # pymupdf.PDF_REDACT_IMAGE_PIXELS: blank the pixels under a box
_REDACT_LINE_ART_NONE = 0  # pymupdf.PDF_REDACT_LINE_ART_NONE: keep table lines and drawings
_ANNOT_LINK = 1  # pymupdf.PDF_ANNOT_LINK
_ANNOT_WIDGET = 21  # pymupdf.PDF_ANNOT_WIDGET


@dataclass
class _PageText:
    """A page's text and, for every character, its box (None for line and block breaks)."""

    text: str
    boxes: list[tuple[float, float, float, float] | None]


def _page_text(page: pymupdf.Page) -> _PageText:
    chars: list[str] = []
    boxes: list[tuple[float, float, float, float] | None] = []
    # Text placed outside the visible page is still in the file, so read the whole plane.
    raw = page.get_text(
        "rawdict", flags=pymupdf.TEXT_PRESERVE_WHITESPACE, clip=pymupdf.INFINITE_RECT()
    )
    for block in raw.get("blocks", []):
        if block.get("type") != 0:
            continue
        for line in block.get("lines", []):
            for span in line.get("spans", []):
                for char in span.get("chars", []):
                    chars.append(char["c"])
                    boxes.append(tuple(char["bbox"]))
            chars.append("\n")
            boxes.append(None)
        chars.append("\n")
        boxes.append(None)
    return _PageText("".join(chars), boxes)


def _open(data: bytes, name: str) -> pymupdf.Document:
    try:
        document = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # MuPDF raises several types for damaged files
        raise UnsupportedFileError(f"'{name}' is damaged: the PDF cannot be read.") from exc
    if document.needs_pass:
        document.close()
        raise UnsupportedFileError(
            f"'{name}' is password-protected: save an unprotected copy and try again."
        )
    try:
        count = document.page_count
    except Exception as exc:  # a page tree that lies about its size
        document.close()
        raise _damaged(name) from exc
    if count == 0:
        document.close()
        raise UnsupportedFileError(f"'{name}' has no pages.")
    if count > MAX_PAGES:
        document.close()
        raise UnsupportedFileError(
            f"'{name}' has too many pages ({count}): the limit is {MAX_PAGES}."
        )
    return document


def _line_rects(
    page_text: _PageText, start: int, end: int
) -> list[tuple[float, float, float, float]]:
    """One rectangle per line covered by the characters in ``[start, end)``."""
    rects: list[tuple[float, float, float, float]] = []
    current: list[float] | None = None
    for box in page_text.boxes[start:end]:
        if box is None:
            if current:
                rects.append((current[0], current[1], current[2], current[3]))
            current = None
            continue
        if current is None:
            current = list(box)
        else:
            current = [
                min(current[0], box[0]),
                min(current[1], box[1]),
                max(current[2], box[2]),
                max(current[3], box[3]),
            ]
    if current:
        rects.append((current[0], current[1], current[2], current[3]))
    return rects


def _redact_page(page: pymupdf.Page, page_text: _PageText, plan: SegmentPlan) -> None:
    for finding, placeholder in plan.replacements:
        for index, (x0, y0, x1, y1) in enumerate(
            _line_rects(page_text, finding.start, finding.end)
        ):
            # Keep the box inside the glyphs' own line so neighbouring lines are not touched.
            height = y1 - y0
            rect = pymupdf.Rect(x0 + 0.2, y0 + height * 0.2, x1 - 0.2, y1 - height * 0.2)
            if rect.is_empty:
                continue
            text = placeholder if index == 0 else ""
            fontsize = min(9.0, rect.height * 0.9)
            while text and pymupdf.get_text_length(text, _FONT, fontsize) > rect.width:
                fontsize -= 0.5
                if fontsize < 4:
                    text = ""
            page.add_redact_annot(
                rect,
                text=text or None,
                fontname=_FONT,
                fontsize=max(fontsize, 4),
                fill=(0, 0, 0),
                text_color=(1, 1, 1),
                align=pymupdf.TEXT_ALIGN_LEFT,
                cross_out=False,
            )
    page.apply_redactions(images=_REDACT_IMAGE_PIXELS, graphics=_REDACT_LINE_ART_NONE)


def _clean_page_extras(page: pymupdf.Page, plan: SegmentPlan) -> tuple[int, int]:
    """Remove links to people and all comment-like annotations; returns (links, annotations)."""
    links = 0
    for link in page.get_links():
        uri = str(link.get("uri") or "")
        if uri.startswith(("mailto:", "tel:", "sms:")) or any(
            f.text in uri for f, _ in plan.replacements
        ):
            page.delete_link(link)
            links += 1
    annotations = 0
    for annot in list(page.annots() or []):
        if annot.type[0] in (_ANNOT_LINK, _ANNOT_WIDGET):
            continue
        page.delete_annot(annot)
        annotations += 1
    return links, annotations


def pdf_text(data: bytes, name: str) -> list[str]:
    """The text of every page (for the review dialog's preview)."""
    document = _open(data, name)
    try:
        return [_page_text(document[i]).text for i in range(document.page_count)]
    except PortfolioError:
        raise
    except Exception as exc:  # damage deeper than the file header (page tree, objects)
        raise _damaged(name) from exc
    finally:
        document.close()


def anonymise_pdf_bytes(
    data: bytes,
    *,
    name: str,
    terms: Sequence[str] = (),
    rejected: Collection[str] = (),
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> tuple[bytes, list[Redaction], list[str]]:
    """Redact a PDF; returns the new file, the redactions and notes about what else went."""
    document = _open(data, name)
    try:
        return _anonymise_document(document, terms, rejected, progress, cancel)
    except PortfolioError:
        raise  # our own messages (and Cancelled) pass through unchanged
    except Exception as exc:  # MuPDF reports deeper damage with several exception types
        raise _damaged(name) from exc
    finally:
        document.close()


def _damaged(name: str) -> UnsupportedFileError:
    return UnsupportedFileError(f"'{name}' is damaged: the PDF cannot be read.")


def _anonymise_document(
    document: pymupdf.Document,
    terms: Sequence[str],
    rejected: Collection[str],
    progress: ProgressFn | None,
    cancel: CancelToken | None,
) -> tuple[bytes, list[Redaction], list[str]]:
    pages = document.page_count
    total = pages * 2 + 1
    texts: list[_PageText] = []
    no_text: list[int] = []
    for number in range(pages):
        check(cancel)
        report(progress, number, total, f"Reading page {number + 1} of {pages}")
        page = document[number]
        texts.append(_page_text(page))
        if not texts[-1].text.strip() and page.get_images():
            no_text.append(number + 1)
    widgets = [
        (widget, widget.field_value)
        for number in range(pages)
        for widget in (document[number].widgets() or [])
    ]
    widget_texts = [str(value) for _, value in widgets if isinstance(value, str)]
    toc = document.get_toc(simple=False)
    segments = [t.text for t in texts] + widget_texts + [str(item[1]) for item in toc]
    plans, redactions = plan_redactions(segments, terms=terms, rejected=rejected, cancel=cancel)

    links = annotations = 0
    for number in range(pages):
        check(cancel)
        report(progress, pages + number, total, f"Redacting page {number + 1} of {pages}")
        page = document[number]
        found_links, found_annotations = _clean_page_extras(page, plans[number])
        links += found_links
        annotations += found_annotations
        if plans[number].replacements:
            _redact_page(page, texts[number], plans[number])
    widget_plans = iter(plans[pages : pages + len(widget_texts)])
    for widget, value in widgets:
        if isinstance(value, str):
            plan = next(widget_plans)
            if plan.replacements:
                widget.field_value = plan.apply()
                widget.update()
    toc_plans = plans[pages + len(widget_texts) :]
    if any(p.replacements for p in toc_plans):
        document.set_toc(
            [[item[0], plan.apply(), item[2]] for item, plan in zip(toc, toc_plans, strict=True)]
        )
    if no_text:  # scanned pages: OCR the page images and black out what it finds
        from portfolio.anonymise.scanned_pages import redact_scanned_pages

        scanned, scan_notes = redact_scanned_pages(
            document,
            [n - 1 for n in no_text],
            terms=terms,
            rejected=rejected,
            progress=progress,
            cancel=cancel,
        )
        redactions = [*redactions, *scanned]
    notes = _clean_document(document)
    if links:
        notes.append(f"Removed {links} links to email addresses, phone numbers or people.")
    if annotations:
        notes.append(f"Removed {annotations} comments and annotations (they carry author names).")
    if no_text:
        notes.extend(scan_notes)
    check(cancel)
    report(progress, total - 1, total, "Writing the PDF")
    output = document.tobytes(garbage=4, deflate=True, clean=True, no_new_id=False)
    report(progress, total, total, "Done")
    return output, redactions, notes


def _clean_document(document: pymupdf.Document) -> list[str]:
    notes = ["Removed the document information and XMP metadata."]
    embedded = document.embfile_count()
    for index in reversed(range(embedded)):
        document.embfile_del(index)
    if embedded:
        notes.append(f"Removed {embedded} embedded files.")
    document.set_metadata({})
    document.del_xml_metadata()
    # Application private data can hold anything; it is never needed to show the pages.
    catalog = document.pdf_catalog()
    for key in ("PieceInfo", "Metadata"):
        if document.xref_get_key(catalog, key)[0] != "null":
            document.xref_set_key(catalog, key, "null")
    return notes
