"""`portfolio export`, `pack` and `verify` from the command line, with their error paths."""

from __future__ import annotations

import zipfile
from pathlib import Path

from pypdf import PdfReader


def test_export_writes_the_pdf_and_reports_it(cli, demo_file: Path, tmp_path: Path):
    out = tmp_path / "out.pdf"
    result = cli("export", demo_file, "-o", out, "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert data["pages"] == len(PdfReader(out).pages) and data["entries"] == 16
    assert len(data["fingerprint"]) == 12
    # the demo's attached PDFs use Helvetica without including it: stand-ins are embedded
    assert data["pdfa"] == "PDF/A-2b" and data["tagged"] is True
    assert data["missing_characters"] == [] and data["notes"] == []


def test_export_options_are_applied(cli, demo_file: Path, tmp_path: Path):
    full = cli("export", demo_file, "-o", tmp_path / "a.pdf", "--json").json()
    lean = cli(
        "export",
        demo_file,
        "-o",
        tmp_path / "b.pdf",
        "--json",
        "--no-drafts",
        "--no-feedback",
        "--no-attachments",
        "--units",
        "BWRC",
    ).json()
    assert lean["entries"] < full["entries"]
    employer = cli("export", demo_file, "-o", tmp_path / "c.pdf", "--show-employer")
    assert employer.code == 0
    assert "Fairway Foods" in PdfReader(tmp_path / "c.pdf").pages[0].extract_text()


def test_export_errors_are_one_line_and_leave_no_file(cli, demo_file: Path, tmp_path: Path):
    result = cli("export", demo_file, "-o", tmp_path / "x.pdf", "--units", "NOPE")
    assert result.code != 0 and "no unit called 'NOPE'" in result.err
    assert not (tmp_path / "x.pdf").exists()
    missing = cli("export", tmp_path / "none.portfolio", "-o", tmp_path / "y.pdf")
    assert missing.code != 0 and "There is no file" in missing.err
    folder = cli("export", demo_file, "-o", tmp_path / "nowhere" / "z.pdf")
    assert folder.code != 0 and "does not exist" in folder.err


def test_pack_then_verify_ok_and_tampered(cli, demo_file: Path, tmp_path: Path):
    out = tmp_path / "pack.zip"
    assert cli("pack", demo_file, "-o", out).code == 0
    ok = cli("verify", out, "--json")
    assert ok.code == 0 and ok.json()["ok"] is True
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(out) as zin, zipfile.ZipFile(bad, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(
                info.filename, data + b"%tampered" if info.filename.endswith(".pdf") else data
            )
        zout.writestr("extra.txt", b"x")
    result = cli("verify", bad)
    assert result.code == 3
    assert "changed: portfolio.pdf" in result.out and "extra: extra.txt" in result.out
    assert "does not match its manifest" in result.err


def test_verify_rejects_a_file_that_is_not_a_package(cli, tmp_path: Path):
    junk = tmp_path / "junk.zip"
    junk.write_text("nope")
    result = cli("verify", junk)
    assert result.code == 3 and "not a readable zip" in result.out
