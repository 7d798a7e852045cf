"""Scanned PDF pages: personal data in the page image is truly removed, and the PDF stays valid.

The proof is on the output: each page is rendered again and read by the same OCR; the name and
phone number must be gone, the rest of the page still readable, and the original pixels must
not be anywhere in the file.
"""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pymupdf
import pytest
from PIL import Image, ImageDraw, ImageFont

from portfolio.anonymise import ocr
from portfolio.anonymise.pipeline import anonymise_bytes
from portfolio.services.attachment_content import preview_document

FONT = Path(__file__).resolve().parents[3] / "resources" / "fonts" / "NotoSans-Regular.ttf"
SCAN_LINES = (
    "Customer complaint record",
    "Customer: Anita Patel",
    "Telephone: 07700 900123",
    "Parcel arrived damaged; refund agreed.",
)


def scanned_pdf(lines: tuple[str, ...] = SCAN_LINES, *, text_page: str | None = None) -> bytes:
    """An A5 page scanned at 150 dpi (greyscale JPEG), optionally after a page of real text.

    (A5 keeps the tests quick; benchmarks/bench_pictures.py times whole A4 pages.)"""
    font = ImageFont.truetype(str(FONT), 26)
    scan = Image.new("L", (874, 1240), 250)
    draw = ImageDraw.Draw(scan)
    for number, line in enumerate(lines):
        draw.text((100, 160 + number * 56), line, font=font, fill=20)
    jpeg = io.BytesIO()
    scan.save(jpeg, "JPEG", quality=85)
    document = pymupdf.open()
    if text_page is not None:
        page = document.new_page(width=595, height=842)
        page.insert_text((72, 100), text_page, fontsize=12)
    page = document.new_page(width=420, height=595)
    page.insert_image(page.rect, stream=jpeg.getvalue())
    return bytes(document.tobytes())


def page_text(data: bytes, number: int) -> str:
    """What OCR reads on a rendered page of a PDF."""
    with pymupdf.open(stream=data, filetype="pdf") as document:
        pix = document[number].get_pixmap(dpi=150, colorspace=pymupdf.csRGB, alpha=False)
        image = Image.frombytes("RGB", (pix.width, pix.height), pix.samples)
    return "\n".join(line.text for line in ocr.read_lines(image))


@pytest.fixture(scope="module")
def redacted() -> tuple[bytes, bytes, object]:
    data = scanned_pdf(text_page="Shift handover for Grace Hughes, ring 07700 900456.")
    output, report = anonymise_bytes(data, filename="complaint-scan.pdf")
    return data, output, report


def test_personal_data_on_a_scanned_page_is_gone_from_the_page_image(redacted) -> None:
    data, output, report = redacted
    before = page_text(data, 1)
    assert "Anita Patel" in before
    after = page_text(output, 1)
    assert "Patel" not in after
    assert "900123" not in after.replace(" ", "")
    assert "complaint record" in after
    assert "refund agreed" in after
    assert report.counts["name"] >= 2  # Grace Hughes on the text page, Anita Patel on the scan
    assert report.counts["phone"] == 2
    assert any("scanned page(s) 2" in note for note in report.notes)


def test_the_text_page_is_still_redacted_as_text(redacted) -> None:
    _, output, _ = redacted
    with pymupdf.open(stream=output, filetype="pdf") as document:
        text = document[0].get_text()
    assert "Hughes" not in text
    assert "900456" not in text
    assert "Shift handover" in text


def test_the_redacted_pdf_is_valid_and_keeps_the_scan_as_an_image(redacted) -> None:
    _, output, _ = redacted
    with pikepdf.open(io.BytesIO(output)) as pdf:
        assert len(pdf.pages) == 2
        assert pdf.check_pdf_syntax() == []  # the structure is sound
    with pymupdf.open(stream=output, filetype="pdf") as document:
        images = document[1].get_images(full=True)
        assert len(images) == 1
        assert document[1].get_text().strip() == ""  # no text layer was added


def test_the_original_pixels_are_not_left_in_the_file(redacted) -> None:
    data, output, _ = redacted
    with pymupdf.open(stream=data, filetype="pdf") as original:
        stream = original.xref_stream_raw(original[1].get_images()[0][0])
    assert stream not in output  # the scan's original JPEG stream is gone, not hidden


def test_a_pdf_page_scan_with_nothing_personal_is_left_as_it_was() -> None:
    data = scanned_pdf(("Opening times", "Monday to Saturday 9am to 6pm"))
    output, report = anonymise_bytes(data, filename="opening-times.pdf")
    assert report.total == 0
    assert "Opening times" in page_text(output, 0)


def test_the_review_preview_shows_each_scanned_finding_where_it_is_on_the_page() -> None:
    data = scanned_pdf()
    preview = preview_document(data, "complaint-scan.pdf")
    assert preview.kind == "pdf"
    found = {p.category: p for p in preview.pictures}
    assert set(found) == {"name", "phone"}
    name = found["name"]
    assert name.page == 0
    left, top, right, bottom = name.bounds
    # In points of the page: the second line of the scan is about 104 points down.
    assert 0 < left < right < 420
    assert 80 < top < bottom < 135


def test_the_learner_can_keep_a_scanned_finding_by_its_key() -> None:
    data = scanned_pdf()
    phone = next(p for p in preview_document(data, "s.pdf").pictures if p.category == "phone")
    output, report = anonymise_bytes(data, filename="s.pdf", rejected=[phone.key])
    assert report.counts == {"name": 1}
    assert "900123" in page_text(output, 0).replace(" ", "")
