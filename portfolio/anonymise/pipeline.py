"""The one entry point for anonymising a document, whatever its format.

``anonymise_bytes`` works in memory (the app stores its result in the portfolio, so the original
never touches the disk); ``anonymise_file`` adds reading with a size check and an atomic write:
a temporary file in the destination folder, then ``os.replace``. On any error or cancellation no
destination file is left behind and the temporary file is removed.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Collection, Sequence
from pathlib import Path

from portfolio.anonymise import sniff
from portfolio.anonymise.report import AnonymiseReport, Redaction
from portfolio.errors import UnsupportedFileError
from portfolio.files import open_regular
from portfolio.progress import CancelToken, ProgressFn, check


def anonymise_bytes(
    data: bytes,
    *,
    filename: str,
    terms: Sequence[str] = (),
    rejected: Collection[str] = (),
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> tuple[bytes, AnonymiseReport]:
    """Anonymise a document held in memory; ``filename`` gives the expected type and the name
    used in messages. Returns the anonymised bytes (same format) and the report.

    Raises UnsupportedFileError for an unsupported, empty, oversized, damaged, encrypted or
    mislabelled document, and Cancelled if ``cancel`` is set.
    """
    kind = sniff.sniff(data, filename)
    name = Path(filename).name
    check(cancel)
    notes: list[str] = []
    redactions: list[Redaction]
    if kind in (sniff.TEXT, sniff.MARKDOWN):
        from portfolio.anonymise.text import anonymise_text_bytes

        output, redactions = anonymise_text_bytes(
            data, name=name, terms=terms, rejected=rejected, progress=progress, cancel=cancel
        )
    elif kind == sniff.DOCX:
        from portfolio.anonymise.docx import anonymise_docx_bytes

        output, redactions, notes = anonymise_docx_bytes(
            data, name=name, terms=terms, rejected=rejected, progress=progress, cancel=cancel
        )
    elif kind == sniff.PDF:
        from portfolio.anonymise.pdf import anonymise_pdf_bytes

        output, redactions, notes = anonymise_pdf_bytes(
            data, name=name, terms=terms, rejected=rejected, progress=progress, cancel=cancel
        )
    else:
        from portfolio.anonymise.pictures import anonymise_picture_bytes

        output, redactions, notes = anonymise_picture_bytes(
            data, name=name, terms=terms, rejected=rejected, progress=progress, cancel=cancel
        )
    check(cancel)
    report = AnonymiseReport(kind.media_type, kind.name, tuple(redactions), tuple(notes))
    return output, report


def anonymise_file(
    src: Path,
    dst: Path,
    *,
    terms: Sequence[str] = (),
    rejected: Collection[str] = (),
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> AnonymiseReport:
    """Anonymise ``src`` into ``dst`` (same format), writing ``dst`` atomically.

    ``terms`` are extra words to remove (employer, colleagues, places); ``rejected`` the finding
    texts the learner marked as false positives. Raises UnsupportedFileError (nothing written)
    for unusable input, and Cancelled if ``cancel`` is set.
    """
    src, dst = Path(src), Path(dst)
    if not sniff.same_format(src.name, dst.name):
        raise UnsupportedFileError(
            f"The output '{dst.name}' must be the same type of file as '{src.name}'."
        )
    if src.resolve() == dst.resolve():
        raise UnsupportedFileError("The output must be a different file from the input.")
    data = _read_limited(src)
    output, report = anonymise_bytes(
        data, filename=src.name, terms=terms, rejected=rejected, progress=progress, cancel=cancel
    )
    write_atomically(dst, output, cancel=cancel)
    return report


def _read_limited(src: Path) -> bytes:
    try:
        size = src.stat().st_size
        if not src.is_file():
            raise UnsupportedFileError(f"'{src.name}' is not a file.")
        if size > sniff.MAX_FILE_BYTES:
            raise UnsupportedFileError(
                f"'{src.name}' is too large ({size / 1048576:.1f} MB): "
                f"the limit is {sniff.MAX_FILE_BYTES // 1048576} MB."
            )
        with open_regular(src) as handle:  # never blocks on a pipe or device
            return handle.read(sniff.MAX_FILE_BYTES + 1)
    except FileNotFoundError as exc:
        raise UnsupportedFileError(f"'{src}' does not exist.") from exc
    except IsADirectoryError as exc:
        raise UnsupportedFileError(f"'{src.name}' is a folder, not a file.") from exc
    except PermissionError as exc:
        raise UnsupportedFileError(f"'{src.name}' cannot be read: permission denied.") from exc
    except OSError as exc:
        raise UnsupportedFileError(f"'{src.name}' cannot be read: {exc.strerror}.") from exc


def write_atomically(dst: Path, data: bytes, *, cancel: CancelToken | None = None) -> None:
    """Write ``data`` to ``dst`` through a temporary file in the same folder and os.replace."""
    folder = dst.parent if str(dst.parent) else Path(".")
    if not folder.is_dir():
        raise UnsupportedFileError(f"The folder '{folder}' does not exist.")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{dst.name}.", suffix=".tmp", dir=folder)
    except PermissionError as exc:
        raise UnsupportedFileError(f"Cannot write to the folder '{folder}'.") from exc
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        check(cancel)
        os.replace(temp_name, dst)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise
