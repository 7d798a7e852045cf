"""The evidence package: the submission PDF, the anonymised attachments and a JSON manifest.

    portfolio.pdf
    attachments/E3/greeting-script.pdf      (as stored: anonymised when they were attached)
    manifest.json                           learner, frameworks, entries, mapping, judgements,
                                            and the SHA-256 and size of every other file

The manifest carries two fingerprints. ``fingerprint`` is the content's (printed on the PDF's
cover and stored in its metadata). ``package_fingerprint`` (format 2) hashes that fingerprint
together with the whole file list, each file's path, kind, size and SHA-256 (and the entry and
attachment it belongs to), so recording it pins every byte of the package, the PDF included.

The zip is written to a temporary file beside the destination and renamed into place when
complete. ``verify`` checks a package offline.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from portfolio import __version__
from portfolio.errors import PortfolioError
from portfolio.export.content import FINGERPRINT_LENGTH, canonical_json, content_of, fingerprint
from portfolio.export.model import Snapshot
from portfolio.export.pdf.document import write_pdf
from portfolio.progress import CancelToken, ProgressFn, check, report

FORMAT = "portfolio-evidence-package"
FORMAT_VERSION = 2
MANIFEST = "manifest.json"
PDF_NAME = "portfolio.pdf"


@dataclass(frozen=True, slots=True)
class PackResult:
    path: Path
    fingerprint: str
    package_fingerprint: str
    files: int  # files listed in the manifest (the PDF and the attachments)
    pdf_pages: int


def write_pack(
    snapshot: Snapshot,
    out: Path,
    read_blob: Callable[[str], bytes],
    *,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> PackResult:
    """Build the package for ``snapshot`` at ``out``; nothing is left behind on failure."""
    out = Path(out)
    if not out.parent.is_dir():
        raise PortfolioError(f"The folder {out.parent} does not exist.")
    content = content_of(snapshot)
    attachments = [(e, a) for e in snapshot.entries for a in e.attachments]
    steps = 100 + len(attachments)
    fd, pdf_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".pdf", dir=out.parent)
    os.close(fd)
    fd, zip_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    os.close(fd)
    pdf_path, zip_path = Path(pdf_name), Path(zip_name)
    try:
        pdf = write_pdf(
            snapshot,
            pdf_path,
            read_blob,
            progress=lambda d, t, m="": report(progress, int(100 * d / max(t, 1)), steps, m),
            cancel=cancel,
        )
        files: list[dict[str, Any]] = []
        with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.write(pdf_path, PDF_NAME)
            files.append(_file_record(PDF_NAME, pdf_path.read_bytes(), kind="pdf"))
            used: set[str] = set()
            for done, (entry, att) in enumerate(attachments, start=1):
                check(cancel)
                data = read_blob(att.sha256)
                name = _unique(f"attachments/{entry.ref}/{_safe_name(att.filename)}", used)
                zf.writestr(name, data)
                record = _file_record(name, data, kind="attachment")
                record.update(entry=entry.ref, attachment_id=att.id)
                files.append(record)
                report(progress, 100 + done, steps, f"Adding {att.filename}")
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "generator": f"Portfolio {__version__}",
                "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "fingerprint": pdf.fingerprint,
                "package_fingerprint": package_fingerprint(pdf.fingerprint, files),
                "pdf": PDF_NAME,
                "files": files,
                "content": content,
            }
            zf.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
        check(cancel)
        os.replace(zip_path, out)
    except OSError as exc:
        raise PortfolioError(f"Could not write {out.name}: {exc.strerror or exc}.") from exc
    finally:
        pdf_path.unlink(missing_ok=True)
        zip_path.unlink(missing_ok=True)
    report(progress, steps, steps, "Done")
    assert fingerprint(content) == pdf.fingerprint  # one content, one fingerprint
    return PackResult(
        out, pdf.fingerprint, package_fingerprint(pdf.fingerprint, files), len(files), pdf.pages
    )


def package_fingerprint(content_fingerprint: str, files: list[dict[str, Any]]) -> str:
    """The first 12 hex digits of the SHA-256 over the content fingerprint and the file list
    (every record in full, in order)."""
    data = {"fingerprint": content_fingerprint, "files": files}
    return hashlib.sha256(canonical_json(data)).hexdigest()[:FINGERPRINT_LENGTH]


def _file_record(path: str, data: bytes, *, kind: str) -> dict[str, Any]:
    return {
        "path": path,
        "kind": kind,
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }


def _safe_name(filename: str) -> str:
    """A file name that cannot climb out of its folder or confuse an unzip tool."""
    name = PurePosixPath(filename.replace("\\", "/")).name.strip().lstrip(".")
    cleaned = "".join(ch for ch in name if ch.isprintable() and ch not in ':*?"<>|')
    return cleaned or "attachment"


def _unique(name: str, used: set[str]) -> str:
    candidate, n = name, 2
    stem, dot, suffix = name.rpartition(".")
    while candidate.lower() in used:
        candidate = f"{stem} ({n}).{suffix}" if dot else f"{name} ({n})"
        n += 1
    used.add(candidate.lower())
    return candidate
