"""Plain text and Markdown: decode, replace personal data with placeholders, encode as before."""

from __future__ import annotations

import codecs
from collections.abc import Collection, Sequence

from portfolio.anonymise.placeholders import plan_redactions
from portfolio.anonymise.report import Redaction
from portfolio.errors import UnsupportedFileError
from portfolio.progress import CancelToken, ProgressFn, check, report

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes, name: str = "the file") -> tuple[str, str]:
    """``(text, encoding)``: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise UnsupportedFileError(
                    f"'{name}' is damaged: its text cannot be read."
                ) from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def encode_text(text: str, encoding: str) -> bytes:
    """Encode ``text`` back in the document's own encoding (placeholders are plain ASCII)."""
    return text.encode(encoding, errors="replace")


def redact_text(
    text: str,
    *,
    terms: Sequence[str] = (),
    rejected: Collection[str] = (),
    cancel: CancelToken | None = None,
) -> tuple[str, list[Redaction]]:
    """Replace the personal data in ``text`` with consistent placeholders."""
    plans, redactions = plan_redactions([text], terms=terms, rejected=rejected, cancel=cancel)
    return plans[0].apply(), redactions


def anonymise_text_bytes(
    data: bytes,
    *,
    name: str,
    terms: Sequence[str] = (),
    rejected: Collection[str] = (),
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> tuple[bytes, list[Redaction]]:
    """Anonymise a .txt / .md document; the output keeps the input's encoding and line ends."""
    text, encoding = decode_text(data, name)
    report(progress, 0, 1, "Finding personal data")
    redacted, redactions = redact_text(text, terms=terms, rejected=rejected, cancel=cancel)
    check(cancel)
    report(progress, 1, 1, "Done")
    return encode_text(redacted, encoding), redactions
