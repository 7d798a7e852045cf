"""`verify` on hostile packages (issue 20, failures 3 to 5): never a traceback, nothing unsafe or
unlisted passes, the fingerprint covers the whole file list, members are read as streams."""

from __future__ import annotations

import hashlib
import json
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any

import pytest

from portfolio.cli import main
from portfolio.export import verify as verify_module
from portfolio.export.pack import package_fingerprint
from portfolio.export.verify import verify_pack
from portfolio.services.portfolio import Portfolio
from tests.core.export.conftest import _attach


@pytest.fixture
def package(rich_file: Path, tmp_path: Path) -> Path:
    out = tmp_path / "pack.zip"
    with Portfolio.open(rich_file, read_only=True) as pf:
        pf.exporting.pack(out)
    return out


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def _write(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _forge(package: Path, out: Path, change) -> Path:
    """Rewrite the manifest with ``change(manifest, members)`` as a careful forger would:
    file hashes and the package fingerprint recomputed to match."""
    members = _members(package)
    manifest = json.loads(members["manifest.json"])
    change(manifest, members)
    for record in manifest["files"]:
        data = members.get(record["path"])
        if data is not None:
            record.update(size=len(data), sha256=hashlib.sha256(data).hexdigest())
    files = manifest["files"]
    manifest["package_fingerprint"] = package_fingerprint(manifest["fingerprint"], files)
    members["manifest.json"] = json.dumps(manifest).encode()
    return _write(out, members)


def test_the_package_fingerprint_is_printed_and_checked(package: Path, capsys):
    report = verify_pack(package)
    assert report.ok and len(report.package_fingerprint) == 12 and not report.notes
    assert main(["verify", str(package), "--expect", report.package_fingerprint]) == 0
    assert report.package_fingerprint in capsys.readouterr().out
    assert main(["verify", str(package), "--expect", "0123456789ab"]) != 0
    assert "not the 0123456789ab recorded" in capsys.readouterr().out


@pytest.mark.parametrize(
    "manifest",
    [
        b"[" * 100_000 + b"]" * 100_000,
        json.dumps({"format": "portfolio-evidence-package", "format_version": 2}).encode(),
        "files-of-junk",  # files: [1, "x", null]
        "content-not-object",
    ],
    ids=["deeply-nested", "no-files", "files-of-junk", "content-not-object"],
)
def test_a_damaged_manifest_is_a_finding_never_a_traceback(
    package: Path, tmp_path: Path, manifest: bytes | str
):
    members = _members(package)
    if isinstance(manifest, str):
        data = json.loads(members["manifest.json"])
        if manifest == "files-of-junk":
            data["files"] = [1, "x", None]
        else:
            data["content"] = ["not", "an", "object"]
        manifest = json.dumps(data).encode()
    members["manifest.json"] = manifest
    report = verify_pack(_write(tmp_path / "bad.zip", members))
    assert not report.ok
    assert report.problems and "manifest.json" in report.problems[0]


def test_a_damaged_manifest_through_the_cli_is_one_line(package: Path, tmp_path: Path, capsys):
    members = _members(package)
    members["manifest.json"] = b"{" * 50_000
    bad = _write(tmp_path / "bad.zip", members)
    assert main(["verify", str(bad)]) != 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and len(captured.err.strip().splitlines()) == 1


@pytest.mark.parametrize("name", ["../../../tmp/x", "/tmp/x", "attachments/../../x", "C:/x"])
def test_unsafe_names_fail_even_when_listed(package: Path, tmp_path: Path, name: str):
    def add(manifest: dict[str, Any], members: dict[str, bytes]) -> None:
        members[name] = b"dropped outside the folder"
        manifest["files"].append({"path": name, "kind": "attachment", "size": 0, "sha256": "0"})

    report = verify_pack(_forge(package, tmp_path / "bad.zip", add))
    assert not report.ok
    assert any(name in p for p in report.problems)


def test_an_extra_file_fails_even_when_listed(package: Path, tmp_path: Path):
    def add(manifest: dict[str, Any], members: dict[str, bytes]) -> None:
        members["attachments/E9/sneaky.txt"] = b"extra"
        manifest["files"].append(
            {"path": "attachments/E9/sneaky.txt", "kind": "attachment", "size": 0, "sha256": "0"}
        )

    report = verify_pack(_forge(package, tmp_path / "bad.zip", add))
    assert not report.ok
    assert any("sneaky.txt" in p for p in report.problems)


def test_a_document_shared_by_two_entries_cannot_be_swapped_in_one(rich_file: Path, tmp_path: Path):
    with Portfolio.open(rich_file) as pf:
        first = pf.entries.list()[0]
        with pf.storage.write() as s:
            _attach(s, first.id, "notes.txt", "text/plain", b"plain notes")  # E2 has it too
        out = tmp_path / "shared.zip"
        pf.exporting.pack(out)
    assert verify_pack(out).ok
    recorded = verify_pack(out).package_fingerprint

    def swap(manifest: dict[str, Any], members: dict[str, bytes]) -> None:
        members["attachments/E2/notes.txt"] = b"forged notes"

    report = verify_pack(_forge(out, tmp_path / "swapped.zip", swap))
    assert not report.ok
    assert any("E2's attachment notes.txt" in p for p in report.problems)
    assert report.package_fingerprint != recorded


def test_a_replaced_pdf_changes_the_package_fingerprint(package: Path, tmp_path: Path):
    recorded = verify_pack(package).package_fingerprint

    def replace_pdf(manifest: dict[str, Any], members: dict[str, bytes]) -> None:
        members["portfolio.pdf"] = members["portfolio.pdf"] + b"\n% appended"

    forged = verify_pack(_forge(package, tmp_path / "forged.zip", replace_pdf))
    assert forged.package_fingerprint != recorded
    assert main(["verify", str(tmp_path / "forged.zip"), "--expect", recorded]) != 0


def test_an_old_package_verifies_with_a_note(package: Path, tmp_path: Path):
    def make_old(manifest: dict[str, Any], members: dict[str, bytes]) -> None:
        manifest["format_version"] = 1

    old = _forge(package, tmp_path / "old.zip", make_old)
    report = verify_pack(old)
    assert report.ok and report.package_fingerprint == ""
    assert report.notes and "older version" in report.notes[0]


def test_members_are_hashed_as_streams_and_oversized_ones_refused(
    package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    members = _members(package)
    manifest = json.loads(members["manifest.json"])
    padded = json.dumps(manifest).encode() + b" " * (80 * 1024 * 1024)  # 80 MB, zips to little
    members["manifest.json"] = padded
    big = _write(tmp_path / "padded.zip", members)
    tracemalloc.start()
    try:
        report = verify_pack(big)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert not report.ok and "too large" in report.problems[0]
    assert peak < 16 * 1024 * 1024, f"verify held {peak:,} bytes"

    monkeypatch.setattr(verify_module, "MAX_MEMBER_BYTES", 1000)
    report = verify_pack(package)
    assert any("too large to check" in p for p in report.problems)


def test_a_pipe_is_refused_without_blocking(tmp_path: Path):
    import os

    pipe = tmp_path / "pack.zip"
    os.mkfifo(pipe)
    report = verify_pack(pipe)
    assert not report.ok and "named pipe" in report.problems[0]
