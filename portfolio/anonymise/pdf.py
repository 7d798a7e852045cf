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

import hashlib
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pymupdf

from portfolio.anonymise.placeholders import SegmentHint, SegmentPlan, plan_redactions
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
    cells: list[tuple[int, int, tuple[float, float, float, float]]] = field(default_factory=list)


_Box = tuple[float, float, float, float]


@dataclass
class _Line:
    """One line of a text block: characters with boxes, and the line's own box."""

    chars: list[tuple[str, _Box]]
    bbox: _Box
    size: float

    @property
    def text(self) -> str:
        return "".join(c for c, _ in self.chars)


def _lines(block: dict[str, Any]) -> list[_Line]:
    lines: list[_Line] = []
    for line in block.get("lines", []):
        chars: list[tuple[str, _Box]] = []
        size = 10.0
        for span in line.get("spans", []):
            size = float(span.get("size", size))
            chars.extend((char["c"], tuple(char["bbox"])) for char in span.get("chars", []))
        while chars and chars[-1][0].isspace():
            chars.pop()
        if chars:
            lines.append(_Line(chars, tuple(line["bbox"]), size))
    return lines


_LABEL_START = re.compile(r"^\s*(?:[^\W\d_][\w .'/()&-]{0,30}:|[•*\-–]|\d{1,2}[.)]\s)")


def _continues(previous: _Line, line: _Line) -> bool:
    """True when ``line`` is the wrapped continuation of ``previous`` (same cell, next line):
    directly below, same left edge, and not a new labelled field, bullet or numbered step."""
    before, after = previous.text.rstrip(), line.text
    if _LABEL_START.match(after) or before[-1] in ",:;!?":
        return False
    if before[-1] == "." and not (after[0].islower() or "@" in before.rsplit(" ", 1)[-1]):
        return False  # a sentence ends there
    height = previous.bbox[3] - previous.bbox[1]
    gap = line.bbox[1] - previous.bbox[3]
    return abs(line.bbox[0] - previous.bbox[0]) < 1.5 and -0.3 * height < gap < 0.6 * height


def _joiner(previous: _Line, line: _Line, right_edge: float) -> str:
    """ "" when a word was split across the two lines (a long e-mail address or surname in a
    narrow table cell), else " "."""
    before, after = previous.text, line.text
    if before[-1] in "@-_/" or after[0] in "@." or (before[-1] == "." and after[0].islower()):
        return ""
    single = " " not in before.strip()
    at_edge = previous.bbox[2] >= right_edge - previous.size * 0.5
    continuing = after[0].islower() or (after[0].isdigit() and before[-1].isdigit())
    if single and at_edge and (continuing or len(after) <= 3):
        return ""
    # The next line is one word filling the cell: a word too long for the cell, split.
    next_fills = " " not in after and line.bbox[2] >= right_edge - line.size * 0.5
    return "" if next_fills and before[-1].isalnum() and after[0].islower() else " "


def _page_text(page: pymupdf.Page) -> _PageText:
    """The page's text, one table cell or paragraph per line: lines wrapped inside a cell are
    joined again, so an e-mail address, postcode or name split over two lines is whole."""
    chars: list[str] = []
    boxes: list[_Box | None] = []
    cells: list[tuple[int, int, _Box]] = []
    # Text placed outside the visible page is still in the file, so read the whole plane.
    raw = page.get_text(
        "rawdict", flags=pymupdf.TEXT_PRESERVE_WHITESPACE, clip=pymupdf.INFINITE_RECT()
    )
    for block in raw.get("blocks", []):
        if block.get("type") != 0:
            continue
        lines = _lines(block)
        groups: list[list[_Line]] = []
        for line in lines:
            if groups and _continues(groups[-1][-1], line):
                groups[-1].append(line)
            else:
                groups.append([line])
        for group in groups:
            edge = max(line.bbox[2] for line in group)
            begin = len(chars)
            for index, line in enumerate(group):
                if index:
                    joiner = _joiner(group[index - 1], line, edge)
                    if joiner:
                        chars.append(joiner)
                        boxes.append(None)
                for char, box in line.chars:
                    chars.append(char)
                    boxes.append(box)
            box = (
                min(line.bbox[0] for line in group),
                group[0].bbox[1],
                edge,
                group[-1].bbox[3],
            )
            cells.append((begin, len(chars), box))
            chars.append("\n")
            boxes.append(None)
        chars.append("\n")
        boxes.append(None)
    return _PageText("".join(chars), boxes, cells)


def column_hints(page_text: _PageText) -> list[tuple[int, int, str]]:
    """``(start, end, header)`` for cells below a column header ("Staff", "DOB", "Sort code")."""
    from portfolio.anonymise.fields import column_hints as hints_from_cells

    return hints_from_cells(page_text.text, page_text.cells)


def _open(data: bytes, name: str) -> pymupdf.Document:
    if b"%%EOF" not in data[-4096:]:
        # MuPDF would quietly rebuild a cut-short file and show only the pages that survived.
        raise UnsupportedFileError(f"'{name}' is damaged: the PDF is incomplete (cut short).")
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


@cache
def _placeholder_font() -> pymupdf.Font:
    return pymupdf.Font(_FONT)


def _redact_page(page: pymupdf.Page, page_text: _PageText, plan: SegmentPlan) -> None:
    """Black boxes over every finding (true redaction), then the placeholders written in white
    on the boxes in one text object (far quicker than one text box per redaction)."""
    font = _placeholder_font()
    labels: list[tuple[pymupdf.Rect, str, float]] = []
    for finding, placeholder in plan.replacements:
        for index, (x0, y0, x1, y1) in enumerate(
            _line_rects(page_text, finding.start, finding.end)
        ):
            # Keep the box inside the glyphs' own line so neighbouring lines are not touched.
            height = y1 - y0
            rect = pymupdf.Rect(x0 + 0.2, y0 + height * 0.2, x1 - 0.2, y1 - height * 0.2)
            if rect.is_empty:
                continue
            page.add_redact_annot(rect, fill=(0, 0, 0), cross_out=False)
            text = placeholder if index == 0 else ""
            fontsize = min(9.0, rect.height * 0.9)
            while text and font.text_length(text, fontsize) > rect.width:
                fontsize -= 0.5
                if fontsize < 4:
                    text = ""
            if text:
                labels.append((rect, text, fontsize))
    page.apply_redactions(images=_REDACT_IMAGE_PIXELS, graphics=_REDACT_LINE_ART_NONE)
    if labels:
        writer = pymupdf.TextWriter(page.rect)
        for rect, text, fontsize in labels:
            baseline = rect.y1 - (rect.height - fontsize) / 2 - fontsize * 0.15
            writer.append((rect.x0 + 0.5, baseline), text, font=font, fontsize=fontsize)
        # TextWriter works in the unrotated page space; redaction rects are in the same space.
        writer.write_text(page, color=(1, 1, 1), morph=None)


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
    return pdf_segments(data, name)[0]


def pdf_segments(data: bytes, name: str) -> tuple[list[str], list[SegmentHint]]:
    """The text of every page, and the table cells' column headers as hints."""
    document = _open(data, name)
    try:
        pages = [_page_text(document[i]) for i in range(document.page_count)]
        hints = [
            (number, start, end, label)
            for number, page in enumerate(pages)
            for start, end, label in column_hints(page)
        ]
        return [page.text for page in pages], hints
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
        seed = _digest(data, repr((sorted(terms), sorted(rejected))))
        return _anonymise_document(document, terms, rejected, progress, cancel, seed)
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
    seed: bytes,
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
    hints: list[SegmentHint] = [
        (number, start, end, label)
        for number, page_text in enumerate(texts)
        for start, end, label in column_hints(page_text)
    ]
    for index, (widget, value) in enumerate(w for w in widgets if isinstance(w[1], str)):
        label = " ".join(str(x) for x in (widget.field_name, widget.field_label) if x)
        hints.append((pages + index, 0, len(value), label))
    plans, redactions = plan_redactions(
        segments, terms=terms, rejected=rejected, hints=hints, cancel=cancel
    )

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
    output = _to_bytes(document, seed)
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


def page_count(data: bytes, name: str = "the PDF") -> int:
    """How many pages the PDF has (UnsupportedFileError when it cannot be read)."""
    document = _open(data, name)
    try:
        return int(document.page_count)
    finally:
        document.close()


def redact_regions(data: bytes, regions: Sequence[tuple[int, float, float, float, float]]) -> bytes:
    """Truly redact boxes ``(page, left, top, right, bottom)`` drawn on the pages as displayed:
    text, image pixels and drawings under them are removed, so nothing is recoverable (a
    signature drawn as vector lines must not survive under the black box)."""
    with pymupdf.open(stream=data, filetype="pdf") as document:
        for page_number, left, top, right, bottom in regions:
            if not 0 <= page_number < document.page_count:
                raise UnsupportedFileError(f"The PDF has no page {page_number + 1}.")
            page = document[page_number]
            # Regions are in the page as displayed (rotation applied): map back to the page.
            rect = pymupdf.Rect(left, top, right, bottom) * page.derotation_matrix
            page.add_redact_annot(rect.normalize(), fill=(0, 0, 0))
        for page in document:
            page.apply_redactions(images=2, graphics=2, text=0)
        return _to_bytes(document, _digest(data, repr(list(regions))))


def _digest(data: bytes, choices: str) -> bytes:
    return hashlib.sha256(data + b"\0" + choices.encode("utf-8", "surrogatepass")).digest()


def _to_bytes(document: pymupdf.Document, seed: bytes) -> bytes:
    """Write the PDF with a file identifier made from ``seed`` (what went in), not the clock:
    the same document attached twice must give the same bytes so it is stored once, and the
    original's identifier must not link the stored copy back to it."""
    file_id = hashlib.sha256(b"portfolio-anonymised\0" + seed).hexdigest()[:32].upper()
    document.xref_set_key(-1, "ID", f"[<{file_id}><{file_id}>]")
    return bytes(document.tobytes(garbage=4, deflate=True, clean=True, no_new_id=True))


_PDF_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")


def stable_pdf_id(data: bytes) -> bytes:
    """Replace the PDF trailer's random /ID with one derived from the content (same length).

    MuPDF writes a new random ID on every save, so the same document would never be stored
    once; the ID has no other job here. Offsets are unchanged, so the cross-reference table
    stays valid. A file whose trailer is not found is returned as it was.
    """
    matches = list(_PDF_ID.finditer(data))
    if not matches:
        return data
    match = matches[-1]
    first, second = match.group(1), match.group(2)
    blanked = data[: match.start()] + data[match.end() :]
    digest = hashlib.sha256(blanked).hexdigest().upper().encode("ascii")
    digest = (digest * 4)[: max(len(first), len(second))]
    new_first, new_second = digest[: len(first)], digest[: len(second)]
    start1, end1 = match.span(1)
    start2, end2 = match.span(2)
    return data[:start1] + new_first + data[end1:start2] + new_second + data[end2:]
