"""Checks an evidence package offline: every file present and unchanged, nothing extra.

Beyond the file hashes, the manifest's content must still hash to its fingerprint, and the PDF
must carry the same fingerprint in its metadata, so editing the manifest's account of the
evidence is caught as well as editing a file.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf

from portfolio.export.content import fingerprint
from portfolio.export.pack import FORMAT, MANIFEST

_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class VerifyReport:
    path: Path
    fingerprint: str = ""
    checked: int = 0
    changed: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()
    problems: tuple[str, ...] = field(default=())  # anything else, in plain words

    @property
    def ok(self) -> bool:
        return not (self.changed or self.missing or self.extra or self.problems)

    def lines(self) -> list[str]:
        """One line per finding, for the CLI and the UI."""
        out = [f"changed: {p}" for p in self.changed]
        out += [f"missing: {p}" for p in self.missing]
        out += [f"extra: {p}" for p in self.extra]
        out += [f"problem: {p}" for p in self.problems]
        return out


def verify_pack(path: Path) -> VerifyReport:
    """Compare the package at ``path`` with its manifest; never raises for a bad package."""
    try:
        zf = zipfile.ZipFile(path)
    except FileNotFoundError:
        return VerifyReport(path, problems=(f"there is no file at {path}",))
    except (zipfile.BadZipFile, OSError):
        return VerifyReport(path, problems=(f"{Path(path).name} is not a readable zip file",))
    with zf:
        names = {i.filename for i in zf.infolist() if not i.is_dir()}
        manifest = _manifest(zf, names)
        if isinstance(manifest, str):
            return VerifyReport(path, problems=(manifest,))
        changed: list[str] = []
        missing: list[str] = []
        problems: list[str] = []
        listed: set[str] = set()
        for record in manifest.get("files", []):
            name = str(record.get("path", ""))
            listed.add(name)
            if name not in names:
                missing.append(name)
            elif _sha256(zf, name) != record.get("sha256") or zf.getinfo(
                name
            ).file_size != record.get("size"):
                changed.append(name)
        extra = sorted(names - listed - {MANIFEST})
        content = manifest.get("content")
        fp = str(manifest.get("fingerprint", ""))
        if not isinstance(content, dict) or fingerprint(content) != fp:
            changed.append(f"{MANIFEST} (its content no longer matches fingerprint {fp or '?'})")
        else:
            problems += _cross_check(zf, manifest, names, changed)
    return VerifyReport(
        path,
        fingerprint=fp,
        checked=len(listed),
        changed=tuple(changed),
        missing=tuple(missing),
        extra=tuple(extra),
        problems=tuple(problems),
    )


def _manifest(zf: zipfile.ZipFile, names: set[str]) -> dict[str, Any] | str:
    if MANIFEST not in names:
        return f"{MANIFEST} is missing, so nothing can be checked"
    try:
        data = json.loads(zf.read(MANIFEST))
    except (ValueError, zipfile.BadZipFile, OSError, EOFError, zlib.error):
        return f"{MANIFEST} is damaged (not valid JSON)"
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return f"{MANIFEST} is not a Portfolio evidence package manifest"
    return data


def _sha256(zf: zipfile.ZipFile, name: str) -> str:
    digest = hashlib.sha256()
    try:
        with zf.open(name) as fh:
            while chunk := fh.read(_CHUNK):
                digest.update(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error):
        return ""  # a damaged member reads as changed
    return digest.hexdigest()


def _cross_check(
    zf: zipfile.ZipFile, manifest: dict[str, Any], names: set[str], changed: list[str]
) -> list[str]:
    """The PDF's metadata and the attachment list must agree with the manifest's content."""
    problems: list[str] = []
    fp = manifest["fingerprint"]
    pdf_name = str(manifest.get("pdf", ""))
    if pdf_name in names and pdf_name not in changed:
        try:
            with pikepdf.open(io.BytesIO(zf.read(pdf_name))) as pdf:
                keywords = str(pdf.docinfo.get("/Keywords", ""))
        except (pikepdf.PdfError, AttributeError, ValueError, OSError, EOFError, zlib.error):
            keywords = ""
        if f"portfolio-fingerprint:{fp}" not in keywords:
            problems.append(f"{pdf_name} was not produced from this manifest's content")
    hashes = {r.get("sha256") for r in manifest.get("files", []) if r.get("kind") == "attachment"}
    for entry in manifest["content"].get("entries", []):
        for att in entry.get("attachments", []):
            if att.get("sha256") not in hashes:
                problems.append(
                    f"{entry.get('ref')}'s attachment {att.get('filename')} is not in the package"
                )
    return problems
