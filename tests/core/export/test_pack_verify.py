"""The evidence package: PDF + attachments + manifest, and offline verification of tampering."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from portfolio.errors import Cancelled
from portfolio.export.content import fingerprint
from portfolio.export.verify import verify_pack
from portfolio.progress import CancelToken
from portfolio.services.portfolio import Portfolio


@pytest.fixture
def package(rich_file: Path, tmp_path: Path) -> Path:
    out = tmp_path / "pack.zip"
    with Portfolio.open(rich_file, read_only=True) as pf:
        pf.exporting.pack(out)
    return out


def _rewrite(src: Path, dst: Path, change) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info.filename))
            if data is not None:
                zout.writestr(info.filename, data)


def test_package_holds_pdf_attachments_and_a_manifest_with_hashes(package: Path):
    with zipfile.ZipFile(package) as zf:
        names = set(zf.namelist())
        manifest = json.loads(zf.read("manifest.json"))
        for record in manifest["files"]:
            assert hashlib.sha256(zf.read(record["path"])).hexdigest() == record["sha256"]
    assert {
        "portfolio.pdf",
        "manifest.json",
        "attachments/E1/desk-photo.png",
        "attachments/E1/greeting-script.pdf",
        "attachments/E2/notes.txt",
    } <= names
    content = manifest["content"]
    assert fingerprint(content) == manifest["fingerprint"]
    assert content["learner"]["name"] == "Zoë Ł. Nguyễn-Øster"
    assert [e["ref"] for e in content["entries"]] == ["E1", "E2", "E3"]
    mapping = {m["number"]: m for m in content["mapping"]}
    assert mapping["1.1"]["entries"] == ["E1", "E2"] and mapping["1.1"]["status"] == "met"
    assert {j["judgement"] for j in content["judgements"]} == {"met", "not_yet"}
    assert verify_pack(package).ok


def test_verify_names_a_changed_attachment(package: Path, tmp_path: Path):
    bad = tmp_path / "bad.zip"
    _rewrite(package, bad, lambda n, d: b"tampered" if n.endswith("notes.txt") else d)
    report = verify_pack(bad)
    assert not report.ok and report.changed == ("attachments/E2/notes.txt",)


def test_verify_names_missing_and_extra_files(package: Path, tmp_path: Path):
    bad = tmp_path / "bad.zip"
    _rewrite(package, bad, lambda n, d: None if n == "portfolio.pdf" else d)
    with zipfile.ZipFile(bad, "a") as zf:
        zf.writestr("attachments/E9/sneaky.txt", b"extra")
    report = verify_pack(bad)
    assert report.missing == ("portfolio.pdf",)
    assert report.extra == ("attachments/E9/sneaky.txt",)


def test_verify_catches_an_edited_manifest_even_with_a_new_fingerprint(
    package: Path, tmp_path: Path
):
    def edit(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        for item in manifest["content"]["mapping"]:
            item["status"] = "met"
        manifest["fingerprint"] = fingerprint(manifest["content"])  # a careful forger
        return json.dumps(manifest).encode()

    bad = tmp_path / "bad.zip"
    _rewrite(package, bad, edit)
    report = verify_pack(bad)
    assert not report.ok
    assert any("not produced from this manifest" in p for p in report.problems)


def test_verify_reports_a_file_that_is_not_a_package(tmp_path: Path):
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip")
    assert not verify_pack(junk).ok
    assert "not a readable zip" in verify_pack(junk).problems[0]


def test_cancelled_pack_leaves_nothing(rich_file: Path, tmp_path: Path):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    token = CancelToken()
    token.cancel()
    with Portfolio.open(rich_file, read_only=True) as pf, pytest.raises(Cancelled):
        pf.exporting.pack(out_dir / "pack.zip", cancel=token)
    assert list(out_dir.iterdir()) == []
