"""Hostile attachments (issue 8, part 5): damaged PDFs, Word files, PNG and JPEG images, random
bytes, XML bombs, external entities and zip bombs through ``anonymise_bytes``. Each is
anonymised or refused with one UnsupportedFileError (or another PortfolioError); never a crash,
a hang, or runaway memory.
"""

from __future__ import annotations

import io
import resource
import struct
import sys
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from hostile_support import examples, refuses_cleanly
from hypothesis import given, settings
from hypothesis import strategies as st
from mutations import damage_member, mutated_bytes

from portfolio.anonymise.pipeline import anonymise_bytes
from portfolio.errors import PortfolioError

CORPUS_DIR = Path(__file__).parents[1] / "fixtures" / "anonymise"
if str(CORPUS_DIR) not in sys.path:
    sys.path.insert(0, str(CORPUS_DIR))

import corpus  # noqa: E402  (the synthetic workplace documents, built in memory)

# Pillow warns about the damaged EXIF it meets; that is the point of these inputs.
pytestmark = pytest.mark.filterwarnings("ignore::UserWarning:PIL.*")

DOC = corpus.DOCUMENTS[0]
SEEDS: dict[str, bytes] = {
    ".docx": corpus.as_docx(DOC),
    ".pdf": corpus.as_pdf(DOC),
    ".png": corpus.image_with_metadata("png"),
    ".jpg": corpus.image_with_metadata("jpeg"),
    ".txt": corpus.as_text(DOC).encode("utf-8"),
}
MEMORY = 128 * 1024 * 1024  # Python heap per document; the inputs here are all under 1 MB
RSS_GROWTH = 600 * 1024 * 1024  # whole-process high-water mark growth over this module


def _max_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports KiB


@pytest.fixture(scope="module", autouse=True)
def bounded_process_memory() -> Iterator[None]:
    """MuPDF, lxml and Pillow allocate outside tracemalloc's view: bound the process as well."""
    before = _max_rss()
    yield
    assert _max_rss() - before < RSS_GROWTH


def anonymise(data: bytes, filename: str) -> Any:
    return refuses_cleanly(
        lambda: anonymise_bytes(data, filename=filename, terms=("Acme Stores",)),
        expected=PortfolioError,
        seconds=20,
        max_bytes=MEMORY,
    )


@pytest.mark.parametrize("suffix", sorted(set(SEEDS) - {".pdf"}))
@settings(max_examples=examples(40), deadline=10_000)
@given(data=st.data())
def test_byte_damaged_documents_are_anonymised_or_refused(suffix: str, data: st.DataObject):
    content = data.draw(mutated_bytes(SEEDS[suffix]))
    anonymise(content, f"damaged{suffix}")


def test_a_word_file_with_a_damaged_deflate_stream_is_refused():
    anonymise(damage_member(SEEDS[".docx"], "word/document.xml"), "deflate.docx")


@settings(
    max_examples=examples(80),
    deadline=10_000,
    report_multiple_bugs=False,
)
@given(content=mutated_bytes(SEEDS[".pdf"]))
def test_byte_damaged_pdfs_are_anonymised_or_refused(content: bytes):
    anonymise(content, "damaged.pdf")


@settings(max_examples=examples(60), deadline=5000)
@given(
    content=st.binary(max_size=4096),
    suffix=st.sampled_from([".docx", ".pdf", ".png", ".jpg", ".txt", ".md", ".exe", ""]),
)
def test_random_bytes_under_any_name_are_refused_or_handled(content: bytes, suffix: str):
    anonymise(content, f"upload{suffix}")


def _rezip(original: bytes, replace: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(original)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            target.writestr(item.filename, replace.get(item.filename, source.read(item.filename)))
        for name, content in replace.items():
            if name not in source.namelist():
                target.writestr(name, content)
    return out.getvalue()


def _document_xml() -> bytes:
    with zipfile.ZipFile(io.BytesIO(SEEDS[".docx"])) as archive:
        return archive.read("word/document.xml")


@settings(max_examples=examples(60), deadline=10_000)
@given(xml=st.just(None).flatmap(lambda _: mutated_bytes(_document_xml())))
def test_word_files_with_damaged_xml_inside_a_sound_zip_are_refused(xml: bytes):
    anonymise(_rezip(SEEDS[".docx"], {"word/document.xml": xml}), "damaged.docx")


BODY = (
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>&%s;</w:t></w:r></w:p></w:body></w:document>"
)
BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE w:document ['
    b'<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b"]>"
    + BODY % b"lol9"
)
QUADRATIC_BLOWUP = (
    b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "'
    + b"x" * 50_000
    + b'">]>'
    + BODY.replace(b"&%s;", b"&a;" * 2_000)
)


def _external_entity(target: Path) -> bytes:
    return (
        b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "'
        + target.as_uri().encode()
        + b'">]>'
        + BODY % b"xxe"
    )


def test_a_billion_laughs_word_file_is_refused_without_expanding_it():
    result = anonymise(_rezip(SEEDS[".docx"], {"word/document.xml": BILLION_LAUGHS}), "b.docx")
    if not isinstance(result, PortfolioError):
        output, _ = result
        assert b"lollollollollol" not in _all_xml(output)


def test_a_quadratic_blowup_word_file_does_not_expand_entities():
    result = anonymise(_rezip(SEEDS[".docx"], {"word/document.xml": QUADRATIC_BLOWUP}), "q.docx")
    if not isinstance(result, PortfolioError):
        output, _ = result
        assert len(output) < 2_000_000


def test_an_external_entity_never_reads_a_local_file(tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-PAYROLL", encoding="utf-8")
    xml = _external_entity(secret)
    for member in ("word/document.xml", "docProps/core.xml", "word/_rels/document.xml.rels"):
        result = anonymise(_rezip(SEEDS[".docx"], {member: xml}), "x.docx")
        if not isinstance(result, PortfolioError):
            output, _ = result
            assert b"TOP-SECRET-PAYROLL" not in _all_xml(output)


def _all_xml(docx: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return b"".join(archive.read(name) for name in archive.namelist())


def test_a_zip_bomb_word_file_is_refused():
    bomb = _rezip(SEEDS[".docx"], {"word/media/padding.bin": bytes(40 * 1024 * 1024)})
    assert len(bomb) < 1024 * 1024
    result = anonymise(bomb, "bomb.docx")
    assert isinstance(result, PortfolioError)


def test_a_word_file_with_thousands_of_parts_is_refused():
    parts = {f"word/media/p{i}.bin": b"x" for i in range(2_500)}
    result = anonymise(_rezip(SEEDS[".docx"], parts), "many.docx")
    assert isinstance(result, PortfolioError)


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    body = kind + payload
    return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body))


def test_a_decompression_bomb_image_is_refused():
    header = struct.pack(">IIBBBBB", 60_000, 60_000, 8, 0, 0, 0, 0)  # 3.6 gigapixels, grey
    png = (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(bytes(60_001) * 20))
        + _png_chunk(b"IEND", b"")
    )
    assert isinstance(anonymise(png, "bomb.png"), PortfolioError)


def test_a_password_protected_pdf_is_refused():
    document = pymupdf.open(stream=SEEDS[".pdf"], filetype="pdf")
    protected = document.tobytes(
        encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="owner"
    )
    document.close()
    result = anonymise(protected, "locked.pdf")
    assert isinstance(result, PortfolioError)
    assert "password" in str(result).lower()


HOSTILE_PDFS = {
    "deep nesting": b"%PDF-1.7\n1 0 obj\n" + b"[" * 100_000 + b"\nendobj\ntrailer\n<<>>\n%%EOF",
    "length lie": (
        b"%PDF-1.7\n1 0 obj\n<< /Length 999999999 >>\nstream\nabc\nendstream\nendobj\n"
        b"trailer\n<< /Root 1 0 R >>\n%%EOF"
    ),
    "header only": b"%PDF-1.7\n",
    "truncated": SEEDS[".pdf"][: len(SEEDS[".pdf"]) // 2],
}


@pytest.mark.parametrize("name", sorted(HOSTILE_PDFS))
def test_hostile_pdfs_are_refused_or_handled(name: str):
    anonymise(HOSTILE_PDFS[name], f"{name.replace(' ', '-')}.pdf")


PAGE_TREE_LOOP = (
    b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [2 0 R] /Count 1 >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF"
)
PAGE_COUNT_LIE = (
    b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 2000000000 >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF"
)


def test_a_pdf_whose_page_tree_loops_is_refused():
    anonymise(PAGE_TREE_LOOP, "loop.pdf")


def test_a_pdf_that_lies_about_its_page_count_is_refused():
    anonymise(PAGE_COUNT_LIE, "count.pdf")


def test_mislabelled_files_are_refused_by_content():
    for suffix, other in ((".pdf", ".docx"), (".docx", ".png"), (".png", ".jpg"), (".jpg", ".pdf")):
        result = anonymise(SEEDS[suffix], f"renamed{other}")
        assert isinstance(result, PortfolioError), (suffix, other)
