"""Checks an evidence package offline: every file present and unchanged, nothing extra.

Beyond the file hashes, the manifest's content must still hash to its fingerprint, and the PDF
must carry the same fingerprint in its metadata, so editing the manifest's account of the
evidence is caught as well as editing a file. Since format 2 the manifest also carries the
*package fingerprint*, a hash over the content fingerprint and the whole file list with every
file's path, size and SHA-256: recorded when the package is handed in (``portfolio pack``
prints it), it pins every byte of the package, the PDF included. Each attachment the content
lists must be in the package under its own entry with the same hash, so a document shared by
two entries cannot be swapped in one of them.

A package is outside data: ``verify_pack`` never raises. Members are hashed as streams with a
size cap, the manifest is read up to a cap, member names that could climb out of a folder
(absolute, ``..``, drive letters, backslashes) are reported, and any file in the zip that the
manifest does not list, or listed twice, is a finding.

Packages made before format 2 (no package fingerprint) still verify: every check above except
the package fingerprint applies, and the report carries a note saying their fingerprint covers
the content, not the file list, so a replaced PDF whose manifest hash was rewritten to match
cannot be told from the original.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any, BinaryIO, cast

import pikepdf

from portfolio.export.content import fingerprint
from portfolio.export.pack import FORMAT, MANIFEST, package_fingerprint
from portfolio.files import NotARegularFileError, open_regular

MAX_MANIFEST_BYTES = 64 * 1024 * 1024
MAX_MEMBER_BYTES = 2 * 1024 * 1024 * 1024
MAX_TOTAL_BYTES = 16 * 1024 * 1024 * 1024
MAX_MEMBERS = 100_000
_CHUNK = 1 << 20
_SPOOL_BYTES = 32 * 1024 * 1024
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_FILE_KINDS = {"pdf", "attachment"}
_OLD_FORMAT_NOTE = (
    "made by an older version of Portfolio (format 1): its fingerprint covers the content but "
    "not the file list, so a replaced PDF with its hash rewritten in the manifest would not be "
    "noticed; make the package again for the stronger check"
)


@dataclass(frozen=True, slots=True)
class VerifyReport:
    path: Path
    fingerprint: str = ""
    checked: int = 0
    changed: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()
    problems: tuple[str, ...] = field(default=())  # anything else, in plain words
    package_fingerprint: str = ""  # over the file list (format 2); "" for older packages
    notes: tuple[str, ...] = ()  # worth knowing, not a failure

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


@dataclass
class _Findings:
    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    read: int = 0  # bytes hashed so far


def verify_pack(path: Path | str) -> VerifyReport:
    """Compare the package at ``path`` with its manifest; never raises for a bad package."""
    path = Path(path)
    try:
        return _verify(path)
    except Exception as exc:  # outside data: a finding, never a traceback
        return VerifyReport(
            path, problems=(f"{path.name} could not be checked ({type(exc).__name__})",)
        )


def _verify(path: Path) -> VerifyReport:
    try:
        handle = open_regular(path)
    except FileNotFoundError:
        return VerifyReport(path, problems=(f"there is no file at {path}",))
    except NotARegularFileError as exc:
        return VerifyReport(path, problems=(f"{path.name} cannot be read: {exc.strerror}",))
    except OSError as exc:
        return VerifyReport(path, problems=(f"{path.name} cannot be read: {exc.strerror}",))
    with handle:
        try:
            zf = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            return VerifyReport(path, problems=(f"{path.name} is not a readable zip file",))
        with zf:
            return _verify_zip(path, zf)


def _verify_zip(path: Path, zf: zipfile.ZipFile) -> VerifyReport:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        return VerifyReport(
            path, problems=(f"{path.name} holds {len(infos):,} files, more than any package",)
        )
    found = _Findings()
    members: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        name = info.filename
        if not _safe_member_name(name):
            found.problems.append(f"unsafe file name in the package: {name!r}")
        if name in members:
            found.problems.append(f"{name} appears twice in the package")
        if not info.is_dir():
            members[name] = info
    manifest = _manifest(zf, members)
    if isinstance(manifest, str):
        return VerifyReport(path, problems=(*found.problems, manifest))
    files, content, fp = manifest["files"], manifest["content"], manifest["fingerprint"]
    listed: set[str] = set()
    for record in files:
        name = record["path"]
        if name in listed:
            found.problems.append(f"{MANIFEST} lists {name} twice")
            continue
        listed.add(name)
        if not _safe_member_name(name) or name == MANIFEST:
            found.problems.append(f"{MANIFEST} lists an unsafe file name: {name!r}")
            continue
        _check_member(zf, members.get(name), record, found)
    found.extra += sorted(set(members) - listed - {MANIFEST})
    found.extra += sorted(
        i.filename
        for i in infos
        if i.is_dir() and not any(n.startswith(i.filename) for n in listed)
    )
    if fingerprint(content) != fp:
        found.changed.append(f"{MANIFEST} (its content no longer matches fingerprint {fp})")
    else:
        _cross_check(zf, manifest, members, found)
    package_fp = ""
    if manifest["format_version"] >= 2:
        package_fp = str(manifest.get("package_fingerprint", ""))
        if package_fingerprint(fp, files) != package_fp:
            found.changed.append(
                f"{MANIFEST} (its file list no longer matches package fingerprint "
                f"{package_fp or '?'})"
            )
    else:
        found.notes.append(_OLD_FORMAT_NOTE)
    return VerifyReport(
        path,
        fingerprint=fp,
        checked=len(listed),
        changed=tuple(found.changed),
        missing=tuple(found.missing),
        extra=tuple(found.extra),
        problems=tuple(found.problems),
        package_fingerprint=package_fp,
        notes=tuple(found.notes),
    )


def _safe_member_name(name: str) -> bool:
    """False for names an unzip tool could write outside its folder, or that are ambiguous."""
    if not name or "\x00" in name or "\\" in name or name.startswith("/"):
        return False
    if re.match(r"^[A-Za-z]:", name):
        return False
    parts = PurePosixPath(name).parts
    return ".." not in parts and "." not in name.split("/")


def _manifest(zf: zipfile.ZipFile, members: Mapping[str, zipfile.ZipInfo]) -> dict[str, Any] | str:
    info = members.get(MANIFEST)
    if info is None:
        return f"{MANIFEST} is missing, so nothing can be checked"
    if info.file_size > MAX_MANIFEST_BYTES:
        return f"{MANIFEST} is too large to be a manifest ({info.file_size:,} bytes)"
    try:
        with zf.open(info) as fh:
            raw = fh.read(MAX_MANIFEST_BYTES + 1)
        if len(raw) > MAX_MANIFEST_BYTES:
            return f"{MANIFEST} is too large to be a manifest"
        data = json.loads(raw)
    except RecursionError:
        return f"{MANIFEST} is damaged (nested too deeply)"
    except (ValueError, zipfile.BadZipFile, OSError, EOFError, RuntimeError):
        return f"{MANIFEST} is damaged (not valid JSON)"
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return f"{MANIFEST} is not a Portfolio evidence package manifest"
    version = data.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        return f"{MANIFEST} is damaged (no format version)"
    if version > 2:
        return f"{MANIFEST} was written by a newer version of Portfolio; update the app to check it"
    if not isinstance(data.get("fingerprint"), str) or not isinstance(data.get("content"), dict):
        return f"{MANIFEST} is damaged (no content or fingerprint)"
    files = data.get("files")
    if not isinstance(files, list):
        return f"{MANIFEST} is damaged (no file list)"
    for number, record in enumerate(files):
        problem = _record_problem(record)
        if problem:
            return f"{MANIFEST} is damaged (file {number + 1} in its list {problem})"
    return data


def _record_problem(record: object) -> str:
    if not isinstance(record, dict):
        return "is not a file record"
    if not isinstance(record.get("path"), str):
        return "has no path"
    if record.get("kind") not in _FILE_KINDS:
        return "has an unknown kind"
    size = record.get("size")
    if isinstance(size, bool) or not isinstance(size, int) or size < 0:
        return "has no size"
    if not isinstance(record.get("sha256"), str) or not _HEX64.match(record["sha256"]):
        return "has no SHA-256"
    for key in ("entry", "attachment_id"):
        if key in record and not isinstance(record[key], str):
            return f"has a bad {key}"
    return ""


def _check_member(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo | None, record: dict[str, Any], found: _Findings
) -> None:
    name = record["path"]
    if info is None:
        found.missing.append(name)
        return
    if info.file_size != record["size"]:
        found.changed.append(name)
        return
    if info.file_size > MAX_MEMBER_BYTES or found.read + info.file_size > MAX_TOTAL_BYTES:
        found.problems.append(f"{name} is too large to check ({info.file_size:,} bytes)")
        return
    found.read += info.file_size
    if _sha256(zf, info) != record["sha256"]:
        found.changed.append(name)


def _sha256(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> str:
    """The member's SHA-256, read as a stream; "" if it cannot be read (then it is changed)."""
    digest = hashlib.sha256()
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(_CHUNK):
                digest.update(chunk)
    # RuntimeError covers an encrypted member and, through its subclass, an unsupported
    # compression method.
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError):
        return ""
    except Exception:  # zlib.error and the like: a damaged member reads as changed
        return ""
    return digest.hexdigest()


def _cross_check(
    zf: zipfile.ZipFile,
    manifest: dict[str, Any],
    members: Mapping[str, zipfile.ZipInfo],
    found: _Findings,
) -> None:
    """The PDF's metadata, and every entry's attachments, must agree with the content."""
    fp = manifest["fingerprint"]
    pdf_name = manifest.get("pdf")
    pdf_info = members.get(pdf_name) if isinstance(pdf_name, str) else None
    if (
        pdf_info is not None
        and pdf_name not in found.changed
        and f"portfolio-fingerprint:{fp}" not in _pdf_keywords(zf, pdf_info)
    ):
        found.problems.append(f"{pdf_name} was not produced from this manifest's content")
    for record in manifest["files"]:
        if record["kind"] == "pdf" and record["path"] != pdf_name:
            found.problems.append(f"{record['path']} is listed as the PDF but is not the PDF")
    records = {
        (r.get("entry"), r.get("attachment_id")): r
        for r in manifest["files"]
        if r["kind"] == "attachment"
    }
    used: set[tuple[Any, Any]] = set()
    entries = manifest["content"].get("entries")
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict):
            found.problems.append(f"{MANIFEST} is damaged (an entry is not an object)")
            continue
        attachments = entry.get("attachments")
        for att in attachments if isinstance(attachments, list) else []:
            if not isinstance(att, dict):
                found.problems.append(f"{MANIFEST} is damaged (an attachment is not an object)")
                continue
            key = (entry.get("ref"), att.get("id"))
            record = records.get(key)
            label = f"{entry.get('ref')}'s attachment {att.get('filename')}"
            if record is None:
                found.problems.append(f"{label} is not in the package")
                continue
            used.add(key)
            if record["sha256"] != att.get("sha256") or record["size"] != att.get("size"):
                found.problems.append(
                    f"{label} in the package ({record['path']}) is not the document the "
                    "content lists"
                )
    for key, record in records.items():
        if key not in used:
            found.problems.append(
                f"{record['path']} is listed as an attachment the content does not have"
            )


def _pdf_keywords(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> str:
    """The PDF's /Keywords, read from a spooled copy (memory up to 32 MB, then disk)."""
    if info.file_size > MAX_MEMBER_BYTES:
        return ""
    try:
        with tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES) as spool:
            with zf.open(info) as fh:
                _copy(fh, spool)
            spool.seek(0)
            with pikepdf.open(cast(BinaryIO, spool)) as pdf:  # pikepdf: pypdf is for tests only
                return str(pdf.docinfo.get("/Keywords", ""))
    except Exception:  # a damaged PDF (many kinds of error): it carries no fingerprint
        return ""


def _copy(source: IO[bytes], target: IO[bytes]) -> None:
    while chunk := source.read(_CHUNK):
        target.write(chunk)
