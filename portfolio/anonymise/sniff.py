"""Decide a document's type from its content, and refuse what is too big, empty or mislabelled.

The extension only says what the learner expects; the bytes decide. A mismatch is an error
("looks like a PDF but is named .docx"), so a renamed file is never processed by the wrong
handler. Size limits and decompression-bomb limits live here too.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from portfolio.errors import UnsupportedFileError

MAX_FILE_BYTES = 50 * 1024 * 1024
"""Largest document accepted (50 MB)."""
MAX_ZIP_MEMBERS = 2_000
MAX_ZIP_UNCOMPRESSED = 250 * 1024 * 1024
"""Largest total uncompressed size of a .docx (250 MB)."""
MAX_ZIP_RATIO = 200
"""Largest compression ratio of any sizeable .docx member (a zip bomb is far above this)."""


@dataclass(frozen=True)
class FileKind:
    """A supported document type."""

    name: str
    media_type: str
    label: str
    extensions: tuple[str, ...]


TEXT = FileKind("text", "text/plain", "a text file", (".txt",))
MARKDOWN = FileKind("markdown", "text/markdown", "a text file", (".md", ".markdown"))
DOCX = FileKind(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "a Word document",
    (".docx",),
)
PDF = FileKind("pdf", "application/pdf", "a PDF", (".pdf",))
PNG = FileKind("png", "image/png", "a PNG image", (".png",))
JPEG = FileKind("jpeg", "image/jpeg", "a JPEG image", (".jpg", ".jpeg"))
KINDS: tuple[FileKind, ...] = (TEXT, MARKDOWN, DOCX, PDF, PNG, JPEG)
SUPPORTED_EXTENSIONS = ".txt, .md, .docx, .pdf, .png, .jpg"

_FOREIGN_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"GIF8", "a GIF image"),
    (b"BM", "a BMP image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"%!PS", "a PostScript file"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a program"),
)


def kind_for_name(filename: str) -> FileKind:
    """The kind a file's extension promises; UnsupportedFileError for any other extension."""
    suffix = PurePath(filename).suffix.lower()
    for kind in KINDS:
        if suffix in kind.extensions:
            return kind
    shown = suffix or "no extension"
    raise UnsupportedFileError(
        f"'{PurePath(filename).name}' has an unsupported type ({shown}): "
        f"use {SUPPORTED_EXTENSIONS} files."
    )


def same_format(src_name: str, dst_name: str) -> bool:
    """True when both names are of one format (.txt/.md count as one: both plain text)."""
    a, b = kind_for_name(src_name), kind_for_name(dst_name)
    text_kinds = {TEXT.name, MARKDOWN.name}
    return a == b or (a.name in text_kinds and b.name in text_kinds)


def _zip_kind(data: bytes, name: str) -> str:
    """'docx' for a Word package, else a description of what the ZIP archive is."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnsupportedFileError(f"'{name}' is damaged: it is not a readable archive.") from exc
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "an Excel workbook"
    if "ppt/presentation.xml" in names:
        return "a PowerPoint presentation"
    if "content.xml" in names and "mimetype" in names:
        return "an OpenDocument file"
    return "a ZIP archive"


def _looks_like_text(data: bytes) -> bool:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    sample = data[:65536]
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the sample's end is still text.
        if exc.start < len(sample) - 4:
            return _mostly_printable_8bit(sample)
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls <= len(sample) // 100


def _mostly_printable_8bit(sample: bytes) -> bool:
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls == 0


def detect_content(data: bytes, name: str) -> str:
    """What the bytes are: a kind name (``docx``, ``pdf``, ``png``, ``jpeg``, ``text``) or a
    description of an unsupported type ("a GIF image")."""
    head = data[:1024]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data, name)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        if "EncryptionInfo".encode("utf-16-le") in data:
            return "a password-protected Office document"
        return "an old-style Office document (.doc)"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "a WebP image"
    for magic, description in _FOREIGN_MAGIC:
        if head.startswith(magic):
            return description
    if _looks_like_text(data):
        return "text"
    return "an unrecognised binary file"


_DESCRIPTIONS = {
    "png": "a PNG image",
    "jpeg": "a JPEG image",
    "pdf": "a PDF",
    "docx": "a Word document",
    "text": "a text file",
}


def sniff(data: bytes, filename: str) -> FileKind:
    """The document's kind, checked against its name, size and content.

    Raises UnsupportedFileError (one plain sentence) for an unsupported extension, an empty or
    oversized file, a password-protected Office file, or content that does not match the name.
    """
    name = PurePath(filename).name
    expected = kind_for_name(filename)
    if not data:
        raise UnsupportedFileError(f"'{name}' is empty.")
    if len(data) > MAX_FILE_BYTES:
        raise UnsupportedFileError(
            f"'{name}' is too large ({len(data) / 1048576:.1f} MB): "
            f"the limit is {MAX_FILE_BYTES // 1048576} MB."
        )
    content = detect_content(data, name)
    if content == "a password-protected Office document" and expected == DOCX:
        raise UnsupportedFileError(
            f"'{name}' is password-protected: remove the password in Word and try again."
        )
    if content in ("text",) and expected in (TEXT, MARKDOWN):
        return expected
    if content == expected.name:
        return expected
    if content == "text" and expected not in (TEXT, MARKDOWN):
        raise UnsupportedFileError(
            f"'{name}' is not {expected.label}: it contains plain text, or it is damaged."
        )
    described = _DESCRIPTIONS.get(content, content)
    raise UnsupportedFileError(
        f"'{name}' looks like {described} but is named {PurePath(filename).suffix.lower()}."
    )


def check_zip_limits(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse an archive that is encrypted or would inflate far beyond its size (zip bomb)."""
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise UnsupportedFileError(f"'{name}' has too many parts ({len(members)}) to be safe.")
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise UnsupportedFileError(f"'{name}' is password-protected.")
        total += member.file_size
        if member.file_size > 1_000_000 and member.file_size > MAX_ZIP_RATIO * max(
            member.compress_size, 1
        ):
            raise UnsupportedFileError(
                f"'{name}' is unsafe to open: part {member.filename} expands "
                f"{member.file_size // max(member.compress_size, 1)} times."
            )
    if total > MAX_ZIP_UNCOMPRESSED:
        raise UnsupportedFileError(
            f"'{name}' is unsafe to open: it expands to {total / 1048576:.0f} MB."
        )
