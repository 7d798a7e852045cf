"""``portfolio anonymise INPUT -o OUTPUT [--term TEXT]...``: success, summary and error paths."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

TEXT = (
    "Customer: Mrs Anita Patel, 14 Elm Grove, Stockport SK4 2AB, 07700 900123.\n"
    "I work at Acme Stores with Grace Hughes, our Team Leader.\n"
)


def test_text_round_trip_with_terms(cli, tmp_path: Path) -> None:
    src = tmp_path / "note.txt"
    src.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "clean.txt"
    result = cli("anonymise", src, "-o", out, "--term", "Acme Stores", "--term", "stockport")
    assert result.code == 0, result.err
    assert "names: 2 removed" in result.out
    assert "your terms: 2 removed" in result.out
    assert "phone numbers: 1 removed" in result.out
    cleaned = out.read_text(encoding="utf-8")
    for value in ("Patel", "Elm Grove", "SK4 2AB", "07700", "Acme", "Stockport", "Grace"):
        assert value not in cleaned
    assert "Team Leader" in cleaned
    assert "Patel" not in result.out  # the summary never repeats personal data


def test_json_report(cli, tmp_path: Path) -> None:
    src = tmp_path / "note.md"
    src.write_text(TEXT, encoding="utf-8")
    result = cli("anonymise", src, "-o", tmp_path / "out.md", "--json")
    assert result.code == 0
    data = result.json()
    assert data["media_type"] == "text/markdown"
    assert data["counts"]["postcode"] == 1


def test_image_metadata(cli, tmp_path: Path) -> None:
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x013B] = "Jane Smith"
    Image.new("RGB", (8, 8)).save(buffer, "JPEG", exif=exif)
    src = tmp_path / "photo.jpeg"
    src.write_bytes(buffer.getvalue())
    result = cli("anonymise", src, "-o", tmp_path / "clean.jpg")
    assert result.code == 0, result.err
    assert b"Jane Smith" not in (tmp_path / "clean.jpg").read_bytes()
    assert "metadata" in result.out


@pytest.mark.parametrize(
    ("name", "content", "output", "message"),
    [
        ("a.txt", b"", "b.txt", "is empty"),
        ("a.xls", b"data", "b.xls", "unsupported type"),
        ("a.docx", b"%PDF-1.7\n", "b.docx", "looks like a PDF but is named .docx"),
        ("a.pdf", b"%PDF-1.7\n%%EOF", "b.pdf", "damaged"),
        ("a.txt", b"hello", "b.pdf", "same type"),
        ("a.png", b"\x89PNG\r\n\x1a\n\x00\x00", "b.png", "damaged"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(cli, tmp_path, name, content, output, message):
    src = tmp_path / name
    src.write_bytes(content)
    result = cli("anonymise", src, "-o", tmp_path / output)
    assert result.code != 0
    assert message in result.err
    assert result.err.count("\n") == 1 and result.err.startswith("portfolio: error:")
    assert not (tmp_path / output).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_oversized_input(cli, tmp_path, monkeypatch) -> None:
    from portfolio.anonymise import sniff

    monkeypatch.setattr(sniff, "MAX_FILE_BYTES", 5)
    src = tmp_path / "a.txt"
    src.write_text(TEXT)
    result = cli("anonymise", src, "-o", tmp_path / "b.txt")
    assert result.code != 0 and "too large" in result.err
    assert not (tmp_path / "b.txt").exists()


def test_missing_input(cli, tmp_path) -> None:
    result = cli("anonymise", tmp_path / "nope.txt", "-o", tmp_path / "b.txt")
    assert result.code != 0 and "does not exist" in result.err
