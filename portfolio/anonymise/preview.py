"""Plain text of a document with the positions of its personal data, for the review dialog."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from portfolio.anonymise import sniff
from portfolio.anonymise.detect import Finding, find_personal_data


def preview_text(
    data: bytes, filename: str, terms: Sequence[str] = ()
) -> tuple[str, list[Finding]]:
    """The document's plain text and the findings in it (positions index that text).

    Paragraphs (Word) and pages (PDF) are separated by newlines; an image has no text, so it
    gives ``("", [])``. Raises UnsupportedFileError as ``anonymise_bytes`` does.
    """
    kind = sniff.sniff(data, filename)
    name = Path(filename).name
    if kind in (sniff.TEXT, sniff.MARKDOWN):
        from portfolio.anonymise.text import decode_text

        text = decode_text(data, name)[0]
    elif kind == sniff.DOCX:
        from portfolio.anonymise.docx import docx_text

        text = "\n".join(docx_text(data, name))
    elif kind == sniff.PDF:
        from portfolio.anonymise.pdf import pdf_text

        text = "\n".join(pdf_text(data, name))
    else:
        return "", []
    return text, find_personal_data(text, terms)
