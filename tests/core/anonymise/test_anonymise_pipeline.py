"""The pipeline: type sniffing, limits, atomic output, cancel, rejections, progress, preview."""

from __future__ import annotations

import io
import zipfile

import pytest

from portfolio.anonymise import sniff
from portfolio.anonymise.pipeline import anonymise_bytes, anonymise_file
from portfolio.anonymise.preview import preview_text
from portfolio.errors import Cancelled, UnsupportedFileError
from portfolio.progress import CancelToken

TEXT = "Customer: Mrs Anita Patel rang on 07700 900123 about the Loyalty Card.\n"


def test_mislabelled_file_is_refused(built_corpus):
    with pytest.raises(UnsupportedFileError, match=r"looks like a PDF but is named \.docx"):
        anonymise_bytes(built_corpus[("staff_rota", ".pdf")], filename="rota.docx")
    with pytest.raises(
        UnsupportedFileError, match=r"looks like a Word document but is named \.pdf"
    ):
        anonymise_bytes(built_corpus[("staff_rota", ".docx")], filename="rota.pdf")
    with pytest.raises(UnsupportedFileError, match="is not a PNG image"):
        anonymise_bytes(b"just some text", filename="photo.png")


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "empty.txt", "is empty"),
        (b"GIF89a....", "x.gif", "unsupported type"),
        (b"GIF89a....", "x.jpg", "looks like a GIF image"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptionInfo".encode("utf-16-le"), "s.docx",
         "password-protected"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "old.docx", "old-style Office"),
        (b"PK\x03\x04 not really a zip", "bad.docx", "damaged"),
        (b"\x00\x01\x02binary", "notes.txt", "looks like an unrecognised binary file"),
    ],
)  # fmt: skip
def test_bad_input_gets_one_clear_message(data, name, message):
    with pytest.raises(UnsupportedFileError, match=message) as info:
        anonymise_bytes(data, filename=name)
    assert "\n" not in str(info.value)


def test_other_office_zip_is_named():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(UnsupportedFileError, match="Excel workbook"):
        anonymise_bytes(buffer.getvalue(), filename="book.docx")


def test_size_limit(monkeypatch, tmp_path):
    monkeypatch.setattr(sniff, "MAX_FILE_BYTES", 10)
    with pytest.raises(UnsupportedFileError, match="too large"):
        anonymise_bytes(TEXT.encode(), filename="a.txt")
    src = tmp_path / "a.txt"
    src.write_text(TEXT)
    with pytest.raises(UnsupportedFileError, match="too large"):
        anonymise_file(src, tmp_path / "b.txt")
    assert not (tmp_path / "b.txt").exists()


def test_zip_bomb_refused(monkeypatch):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<a/>")
        archive.writestr("word/media/bomb.bin", b"\x00" * 5_000_000)
    with pytest.raises(UnsupportedFileError, match="unsafe to open"):
        anonymise_bytes(buffer.getvalue(), filename="bomb.docx")
    monkeypatch.setattr(sniff, "MAX_ZIP_RATIO", 10**9)
    monkeypatch.setattr(sniff, "MAX_ZIP_UNCOMPRESSED", 1_000_000)
    with pytest.raises(UnsupportedFileError, match="expands to"):
        anonymise_bytes(buffer.getvalue(), filename="bomb.docx")


def test_anonymise_file_writes_atomically(tmp_path):
    src = tmp_path / "in.txt"
    src.write_text(TEXT, encoding="utf-8")
    dst = tmp_path / "out" / "result.md"
    dst.parent.mkdir()
    report = anonymise_file(src, dst, terms=["Loyalty Card"])
    out = dst.read_text(encoding="utf-8")
    assert out == "Customer: Mrs [CUSTOMER 1] rang on [PHONE 1] about the [REDACTED 1].\n"
    assert report.counts == {"name": 1, "phone": 1, "term": 1}
    assert [p.name for p in dst.parent.iterdir()] == ["result.md"]


def test_errors_and_cancel_leave_nothing_behind(tmp_path, built_corpus):
    src = tmp_path / "rota.docx"
    src.write_bytes(built_corpus[("staff_rota", ".pdf")])
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with pytest.raises(UnsupportedFileError):
        anonymise_file(src, out_dir / "rota.docx")
    token = CancelToken()
    src_pdf = tmp_path / "rota.pdf"
    src_pdf.write_bytes(built_corpus[("staff_rota", ".pdf")])
    calls = []

    def progress(done: int, total: int, message: str = "") -> None:
        calls.append((done, total))
        if len(calls) == 2:
            token.cancel()

    with pytest.raises(Cancelled):
        anonymise_file(src_pdf, out_dir / "rota.pdf", progress=progress, cancel=token)
    assert list(out_dir.iterdir()) == []
    with pytest.raises(UnsupportedFileError, match="same type"):
        anonymise_file(src_pdf, out_dir / "rota.txt")
    with pytest.raises(UnsupportedFileError, match="does not exist"):
        anonymise_file(tmp_path / "missing.txt", out_dir / "x.txt")
    assert list(out_dir.iterdir()) == []


def test_progress_reaches_the_end(built_corpus):
    calls = []
    anonymise_bytes(
        built_corpus[("email_thread", ".docx")],
        filename="e.docx",
        progress=lambda done, total, message="": calls.append((done, total)),
    )
    assert calls and calls[-1][0] == calls[-1][1]


def test_rejected_findings_are_kept():
    out, report = anonymise_bytes(TEXT.encode(), filename="a.txt", rejected=["anita  PATEL"])
    assert b"Anita Patel" in out and b"07700" not in out
    assert [f.category for f in report.findings] == ["phone"]


def test_encoding_and_line_endings_are_kept():
    data = "Ask Zoë Smith\r\nthe café\r\n".encode("cp1252")
    out, _ = anonymise_bytes(data, filename="a.txt")
    assert out == b"Ask [PERSON 1]\r\nthe caf\xe9\r\n"
    out, _ = anonymise_bytes(b"\xef\xbb\xbfHi Tom,\n", filename="a.txt")
    assert out == b"\xef\xbb\xbfHi [PERSON 1],\n"


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".pdf"])
def test_preview_text_positions(built_corpus, suffix):
    text, findings = preview_text(built_corpus[("feedback_form", suffix)], f"f{suffix}")
    assert "Customer Feedback Form" in text
    by_category = {f.category: f for f in findings}
    assert {"name", "email", "phone", "postcode", "card", "ni_number"} <= set(by_category)
    for finding in findings:
        assert text[finding.start : finding.end] == finding.text


def test_preview_of_an_image_is_empty(corpus_module):
    assert preview_text(corpus_module.image_with_metadata("png"), "p.png") == ("", [])
