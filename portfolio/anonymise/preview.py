"""Plain text of a document with the positions of its personal data, for the review dialog."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from portfolio.anonymise import sniff
from portfolio.anonymise.detect import Finding, find_personal_data
from portfolio.anonymise.placeholders import SegmentHint


def preview_text(
    data: bytes, filename: str, terms: Sequence[str] = ()
) -> tuple[str, list[Finding]]:
    """The document's plain text and the findings in it (positions index that text).

    Paragraphs (Word) and pages (PDF) are separated by newlines; an image has no text, so it
    gives ``("", [])``. Raises UnsupportedFileError as ``anonymise_bytes`` does.
    """
    kind = sniff.sniff(data, filename)
    name = Path(filename).name
    hints: list[SegmentHint] = []
    if kind in (sniff.TEXT, sniff.MARKDOWN):
        from portfolio.anonymise.text import decode_text

        segments = [decode_text(data, name)[0]]
    elif kind == sniff.DOCX:
        from portfolio.anonymise.docx import docx_segments

        segments, hints = docx_segments(data, name)
    elif kind == sniff.PDF:
        from portfolio.anonymise.pdf import pdf_segments

        segments, hints = pdf_segments(data, name)
    else:
        return "", []
    # The same table and field context the anonymiser uses, so the preview shows what goes.
    starts = [0]
    for segment in segments[:-1]:
        starts.append(starts[-1] + len(segment) + 1)
    joined = [(starts[i] + s, starts[i] + e, label) for i, s, e, label in hints]
    text = "\n".join(segments)
    return text, find_personal_data(text, terms, joined)
