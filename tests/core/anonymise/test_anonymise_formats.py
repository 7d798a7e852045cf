"""Per-format guarantees: Word parts and properties, true PDF redaction, image metadata."""

from __future__ import annotations

import io
import zipfile

import pikepdf
import pymupdf
import pypdf
import pytest
from anonymise_helpers import extract_text
from PIL import Image

from portfolio.anonymise.image import redact_image_regions, strip_image_metadata
from portfolio.anonymise.pipeline import anonymise_bytes

PERSONAL = ("Jane Smith", "Anita Patel", "Tomasz Nowak", "jane.smith@example.co.uk", "Acme Stores")


def test_docx_cleans_every_part_and_keeps_formatting(built_corpus, corpus_module):
    data = built_corpus[("greeting_script", ".docx")]
    out, report = anonymise_bytes(data, filename="g.docx", terms=corpus_module.TERMS)
    text = extract_text(out, ".docx")
    for value in (*PERSONAL, "Grace Hughes", "0161-496-0001", "Stockport"):
        assert value not in text, value
    import docx

    document = docx.Document(io.BytesIO(out))
    props = document.core_properties
    assert (props.author, props.last_modified_by, props.title, props.comments) == ("", "", "", "")
    assert "[PHONE 1]" in document.sections[0].header.paragraphs[0].text
    assert "[PERSON" in document.sections[0].footer.paragraphs[0].text
    # The line's three runs keep their formatting (bold middle, italic end).
    runs = document.paragraphs[1].runs
    assert [bool(r.bold) for r in runs] == [False, True, False]
    assert [bool(r.italic) for r in runs] == [False, False, True]
    assert document.paragraphs[1].text == "Prepared by: [PERSON 1], Team Leader"
    with zipfile.ZipFile(io.BytesIO(out)) as archive:
        comments = archive.read("word/comments.xml").decode()
    assert "Jane Smith" not in comments and "JS" not in comments
    assert any("author" in note for note in report.notes)


def test_docx_rota_table_cells(built_corpus):
    out, _ = anonymise_bytes(built_corpus[("staff_rota", ".docx")], filename="r.docx")
    import docx

    table = docx.Document(io.BytesIO(out)).tables[0]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Day", "Early", "Late", "Duty Manager"]
    assert rows[1][0] == "Monday" and rows[1][1].startswith("[PERSON")
    assert rows[3][3].startswith("Dr [PERSON")


def test_pdf_true_redaction(built_corpus, corpus_module):
    data = built_corpus[("email_thread", ".pdf")]
    out, report = anonymise_bytes(data, filename="e.pdf", terms=corpus_module.TERMS)
    doc = corpus_module.DOCUMENTS[-1]
    with pymupdf.open(stream=out, filetype="pdf") as document:
        texts = [page.get_text() for page in document]
        texts += [page.get_text("rawdict").__repr__() for page in document]
        metadata = document.metadata
        assert document.get_xml_metadata() == ""
    reader = pypdf.PdfReader(io.BytesIO(out))
    texts += [page.extract_text() for page in reader.pages]
    joined = " ".join(" ".join(texts).split())
    for values in doc.planted.values():
        for value in values:
            if value != "Tom":
                assert value not in joined, value
    # Raw bytes too: content streams are rewritten and compressed, old objects collected.
    with pikepdf.open(io.BytesIO(out)) as pdf:
        raw = b"".join(obj.read_bytes() for obj in pdf.objects if isinstance(obj, pikepdf.Stream))
        assert "/Metadata" not in pdf.Root
        info = {k: str(v) for k, v in pdf.docinfo.items()}
    for value in (b"31926819", b"JG103759A", b"Pryce"):
        assert value not in raw and value not in out
    assert not any(v for k, v in metadata.items() if k not in ("format", "encryption"))
    assert not any(name in " ".join(info.values()) for name in ("Jane", "Patel", "Acme"))
    for control in ("refund policy", "escalation flowchart", "Birmingham", "Store Manager"):
        assert control in joined
    assert report.counts["name"] >= 4


def test_pdf_output_is_the_same_every_time_and_drops_the_original_id(built_corpus):
    """The same document attached twice is stored once only if its anonymised bytes are equal;
    PyMuPDF's default file identifier changes with the clock, so a second boundary between two
    attaches (a loaded machine) made two stored copies. The original's identifier goes too."""
    import time

    data = built_corpus[("email_thread", ".pdf")]
    first, _ = anonymise_bytes(data, filename="e.pdf")
    time.sleep(1.1)  # past a clock second: the old identifier would differ now
    second, _ = anonymise_bytes(data, filename="e.pdf")
    assert first == second
    with pikepdf.open(io.BytesIO(data)) as original, pikepdf.open(io.BytesIO(first)) as stored:
        old_ids = {bytes(part) for part in original.trailer.get("/ID", [])}
        new_ids = {bytes(part) for part in stored.trailer.ID}
    assert new_ids and not old_ids & new_ids
    other, _ = anonymise_bytes(data, filename="e.pdf", terms=["thread"])
    assert other != first


def test_pdf_encrypted_and_corrupt_refused(built_corpus):
    with pikepdf.open(io.BytesIO(built_corpus[("email_thread", ".pdf")])) as pdf:
        buffer = io.BytesIO()
        pdf.save(buffer, encryption=pikepdf.Encryption(user="secret", owner="secret"))
    from portfolio.errors import UnsupportedFileError

    with pytest.raises(UnsupportedFileError, match="password-protected"):
        anonymise_bytes(buffer.getvalue(), filename="locked.pdf")
    with pytest.raises(UnsupportedFileError, match=r"damaged|no pages"):
        anonymise_bytes(b"%PDF-1.7\n garbage \x00\x01" * 10, filename="broken.pdf")


def test_pdf_page_cap(built_corpus, monkeypatch):
    from portfolio.anonymise import pdf
    from portfolio.errors import UnsupportedFileError

    monkeypatch.setattr(pdf, "MAX_PAGES", 0)
    with pytest.raises(UnsupportedFileError, match="too many pages"):
        anonymise_bytes(built_corpus[("staff_rota", ".pdf")], filename="r.pdf")


@pytest.mark.parametrize("fmt", ["png", "jpeg"])
def test_image_metadata_removed_pixels_unchanged(corpus_module, fmt):
    data = corpus_module.image_with_metadata(fmt)
    before = Image.open(io.BytesIO(data))
    assert before.getexif() and (before.info.get("xmp") or before.info.get("XML:com.adobe.xmp"))
    out, report = anonymise_bytes(data, filename=f"photo.{'png' if fmt == 'png' else 'jpg'}")
    after = Image.open(io.BytesIO(out))
    assert dict(after.getexif()) in ({}, {0x0112: 1})
    assert not after.getexif().get_ifd(0x8825)
    for key in ("xmp", "XML:com.adobe.xmp", "comment", "Author", "Comment", "exif"):
        assert key not in after.info, key
    assert b"Jane Smith" not in out and b"Stockport" not in out
    assert after.tobytes() == before.tobytes()
    assert report.media_type == f"image/{fmt}"


def test_jpeg_orientation_is_kept():
    image = Image.new("RGB", (20, 10), (200, 10, 10))
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x013B] = "Jane Smith"
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    out = strip_image_metadata(buffer.getvalue())
    assert dict(Image.open(io.BytesIO(out)).getexif()) == {0x0112: 6}
    assert b"Jane Smith" not in out


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_redact_image_regions(fmt):
    image = Image.new("RGB", (40, 30), (250, 250, 250))
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    out = redact_image_regions(buffer.getvalue(), [(5, 5, 15, 10), (30, 20, 100, 100)])
    result = Image.open(io.BytesIO(out)).convert("RGB")
    assert max(result.getpixel((10, 7))) < 20
    assert max(result.getpixel((35, 25))) < 20
    assert min(result.getpixel((20, 15))) > 230
    assert result.size == (40, 30)


def test_image_pixel_bomb_and_corrupt(monkeypatch, corpus_module):
    from portfolio.anonymise import image
    from portfolio.errors import UnsupportedFileError

    data = corpus_module.image_with_metadata("png")
    with pytest.raises(UnsupportedFileError, match="damaged"):
        anonymise_bytes(data[: len(data) // 2], filename="cut.png")
    monkeypatch.setattr(image, "MAX_IMAGE_PIXELS", 100)
    with pytest.raises(UnsupportedFileError, match="megapixels"):
        anonymise_bytes(data, filename="big.png")
