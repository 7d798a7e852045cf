"""The check before export names each Word attachment whose pictures the PDF cannot show (a
metafile, a damaged picture, one over a limit), with the document and the picture, in the words
and numbering the export report uses; and a Word attachment that cannot be read at all."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Inches

from portfolio.domain.entry_input import entry_input_from_json
from portfolio.errors import NotFoundError
from portfolio.export import wordcheck, wordread
from portfolio.export.check import KINDS
from portfolio.export.options import ExportOptions
from portfolio.export.wordcheck import WordCheck, check_word, word_documents
from portfolio.services.portfolio import Portfolio
from tests.core.export.conftest import _attach, _entry, export
from tests.core.export.test_pdf_word_appendix import DOCX_MEDIA, _png

DAMAGED = b"\x89PNG\r\n\x1a\n broken"


def _emf() -> bytes:
    """The smallest enhanced metafile PIL recognises: a header record and an end record."""
    header = struct.pack(
        "<II4i4i4sIIIHHIII2i2i",
        *(1, 88, 0, 0, 100, 50, 0, 0, 2646, 1323, b" EMF", 0x10000, 108, 2, 1, 0, 0, 0, 0),
        *(1024, 768, 320, 240),
    )
    return header + struct.pack("<IIIII", 14, 20, 0, 16, 20)


def _with_parts(data: bytes, replacements: dict[str, bytes]) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replacements.get(info.filename, src.read(info)))
    return out.getvalue()


def _pictures_document() -> bytes:
    """A header picture (damaged), a good picture, a metafile placed twice, a damaged picture
    in a table cell: pictures 1 to 5 in the appendix's order."""
    document = docx.Document()
    header = document.sections[0].header.paragraphs[0].add_run()
    header.add_picture(io.BytesIO(_png(20, 10, (1, 2, 3))), width=Inches(0.5))
    document.add_paragraph("GOOD-PICTURE next")
    document.add_picture(io.BytesIO(_png(30, 20, (9, 9, 9))))
    document.add_picture(io.BytesIO(_png(31, 20, (8, 8, 8))))
    document.add_paragraph("The same metafile again")
    document.add_picture(io.BytesIO(_png(31, 20, (8, 8, 8))))
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Photo"
    cell = table.cell(0, 1).paragraphs[0].add_run()
    cell.add_picture(io.BytesIO(_png(32, 20, (7, 7, 7))), width=Inches(1))
    saved = io.BytesIO()
    document.save(saved)
    return _with_parts(
        saved.getvalue(),
        {
            "word/media/image1.png": DAMAGED,
            "word/media/image3.png": _emf(),
            "word/media/image4.png": _png(32, 20)[:40],
        },
    )


def _clean_document() -> bytes:
    document = docx.Document()
    document.add_paragraph("CLEAN text only")
    document.add_picture(io.BytesIO(_png(30, 20)))
    saved = io.BytesIO()
    document.save(saved)
    return saved.getvalue()


def _portfolio(path: Path, attachments: dict[int, list[tuple[str, bytes]]]) -> list[str]:
    """Entries 1..n with the given (filename, bytes) attached; their ids."""
    with Portfolio.open(path) as pf:
        ids = [
            pf.entries.add(
                entry_input_from_json(
                    _entry(f"Entry {n}", "MW", tags=[{"number": "1.1", "justification": "x"}])
                )
            ).value.id
            for n in sorted(attachments)
        ]
        with pf.storage.write() as s:
            for entry_id, n in zip(ids, sorted(attachments), strict=True):
                for filename, data in attachments[n]:
                    _attach(s, entry_id, filename, DOCX_MEDIA, data)
    return ids


def _check(path: Path, **options: object):
    with Portfolio.open(path, read_only=True) as pf:
        return pf.export_check.check(ExportOptions(**options))


@pytest.fixture(autouse=True)
def _fresh_cache():
    wordcheck._CACHE.clear()
    yield
    wordcheck._CACHE.clear()


def test_problem_pictures_are_numbered_and_grouped_as_the_appendix_does() -> None:
    check = check_word(_pictures_document(), "till.docx")
    assert check.damaged is None
    assert [p.describe() for p in check.pictures] == [
        "picture 1 (image1.png) is damaged or not a picture",
        "picture 3 (image3.png) is a Windows metafile (WMF), not shown (it stands in 2 places)",
        "picture 5 (image4.png) is damaged or not a picture",
    ]
    assert [p.key for p in check.pictures] == ["image1.png", "image3.png", "image4.png"]
    assert check_word(_clean_document(), "clean.docx") == WordCheck()


def test_the_check_says_what_the_export_report_says(portfolio_file: Path, tmp_path) -> None:
    _portfolio(portfolio_file, {1: [("till.docx", _pictures_document())]})
    problems = _check(portfolio_file).of_kind("attachment_picture")
    report = [
        line
        for line in export(portfolio_file, tmp_path / "out.pdf").report_lines()
        if "till.docx" in line
    ]
    assert [p.message for p in problems] == report
    assert len(problems) == 3
    assert problems[1].message == (
        "E1: in the attached 'till.docx' (Appendix 1), picture 3 (image3.png) is a Windows "
        "metafile (WMF), not shown (it stands in 2 places): the PDF names it but cannot show "
        "it; the document is in the evidence package."
    )


def test_a_document_cited_by_several_entries_is_listed_once_per_picture(
    portfolio_file: Path,
) -> None:
    data = _pictures_document()
    ids = _portfolio(
        portfolio_file,
        {
            1: [("till.docx", data), ("clean.docx", _clean_document())],
            2: [("till copy.docx", data)],
        },
    )
    report = _check(portfolio_file)
    problems = report.of_kind("attachment_picture")
    assert len(problems) == 3, "one per picture, not one per entry"
    assert all(
        p.message.startswith("E1, E2: in the attached 'till.docx' (Appendix 1),") for p in problems
    )
    assert {p.entry for p in problems} == {ids[0]} and all(p.entry_ref == "E1" for p in problems)
    data_json = problems[0].to_json()
    assert data_json["kind"] == "attachment_picture" and data_json["picture"] == "image1.png"
    assert data_json["attachment"] == problems[0].attachment and data_json["entry"] == ids[0]
    assert "clean.docx" not in " ".join(p.message for p in report.problems)
    assert KINDS.index("attachment") < KINDS.index("attachment_picture")


def test_a_word_document_that_cannot_be_read_is_an_attachment_problem(
    portfolio_file: Path,
) -> None:
    no_body = _with_parts(_clean_document(), {})
    src = zipfile.ZipFile(io.BytesIO(no_body))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                dst.writestr(info.filename, src.read(info))
    _portfolio(portfolio_file, {1: [("notes.docx", b"PK broken"), ("empty.docx", out.getvalue())]})
    problems = _check(portfolio_file).of_kind("attachment")
    assert [p.message for p in problems] == [
        "E1: the attached 'notes.docx' (Appendix 1) cannot be shown: 'notes.docx' is damaged: "
        "it is not a readable archive. It is in the evidence package.",
        "E1: the attached 'empty.docx' (Appendix 2) cannot be shown: 'empty.docx' is damaged: "
        "it has no document part. It is in the evidence package.",
    ]
    assert all(p.attachment for p in problems)


def test_no_attachments_in_the_export_means_no_word_problems(portfolio_file: Path) -> None:
    _portfolio(portfolio_file, {1: [("till.docx", _pictures_document())]})
    report = _check(portfolio_file, include_attachments=False)
    assert not report.of_kind("attachment_picture") and not report.of_kind("attachment")


def test_pictures_over_the_limit_are_one_problem(monkeypatch, portfolio_file, tmp_path) -> None:
    monkeypatch.setattr(wordread, "MAX_PICTURES", 2)
    document = docx.Document()
    for colour in range(4):
        document.add_picture(io.BytesIO(_png(20 + colour, 10, (colour, 0, 0))))
    saved = io.BytesIO()
    document.save(saved)
    _portfolio(portfolio_file, {1: [("many.docx", saved.getvalue())]})
    [problem] = _check(portfolio_file).of_kind("attachment_picture")
    assert "pictures 3 to 4 not shown: more than 2 pictures" in problem.message
    assert problem.picture == "pictures 3 to 4"
    report = export(portfolio_file, tmp_path / "out.pdf").report_lines()
    assert [line for line in report if "many.docx" in line] == [problem.message]


def test_each_stored_document_is_read_once_per_process(portfolio_file: Path) -> None:
    _portfolio(portfolio_file, {1: [("till.docx", _pictures_document())]})
    with Portfolio.open(portfolio_file, read_only=True) as pf:
        snapshot = pf.exporting.snapshot()
    reads: list[str] = []
    data = _pictures_document()

    def read(sha: str) -> bytes:
        reads.append(sha)
        return data

    first = word_documents(snapshot, read)
    second = word_documents(snapshot, read)
    assert first == second and len(first) == 1 and len(reads) == 1


def test_a_missing_blob_is_named_and_read_again_next_time(portfolio_file: Path) -> None:
    _portfolio(portfolio_file, {1: [("till.docx", _pictures_document())]})
    with Portfolio.open(portfolio_file, read_only=True) as pf:
        snapshot = pf.exporting.snapshot()

    def missing(sha: str) -> bytes:
        raise NotFoundError(f"An attachment's contents are missing from the file ({sha}).")

    [doc] = word_documents(snapshot, missing)
    assert doc.check.damaged and "missing from the file" in doc.check.damaged
    [again] = word_documents(snapshot, lambda _sha: _pictures_document())
    assert again.check.damaged is None and len(again.check.pictures) == 3


def _pdf_bytes() -> bytes:
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_the_appendix_number_is_the_one_the_pdf_gives(portfolio_file: Path, tmp_path) -> None:
    """Appendices are numbered in the order documents are first cited, skipping PDFs that
    cannot be opened and images cited once (shown in their entry): the check names the number
    the learner will find, with no layout."""
    with Portfolio.open(portfolio_file) as pf:
        ids = [
            pf.entries.add(
                entry_input_from_json(
                    _entry(f"Entry {n}", "MW", tags=[{"number": "1.1", "justification": "x"}])
                )
            ).value.id
            for n in (1, 2)
        ]
        with pf.storage.write() as s:
            _attach(s, ids[0], "bad.pdf", "application/pdf", b"%PDF-1.4 broken")
            _attach(s, ids[0], "photo.png", "image/png", _png(20, 20))
            _attach(s, ids[0], "good.pdf", "application/pdf", _pdf_bytes())
            _attach(s, ids[0], "notes.txt", "text/plain", b"Plain notes.")
            _attach(s, ids[1], "notes.txt", "text/plain", b"Plain notes.")
            _attach(s, ids[1], "till.docx", DOCX_MEDIA, _pictures_document())
    report = _check(portfolio_file)
    problems = report.of_kind("attachment_picture")
    assert len(problems) == 3
    assert all(
        p.message.startswith("E2: in the attached 'till.docx' (Appendix 3), ") for p in problems
    )
    pdf_report = export(portfolio_file, tmp_path / "out.pdf").report_lines()
    assert [line for line in pdf_report if "till.docx" in line] == [p.message for p in problems]
    assert any("Appendix 3: till.docx" in line for line in _pdf_text(tmp_path / "out.pdf"))


def test_without_the_pdf_plan_the_document_is_named_alone() -> None:
    """A caller that cannot know the number (none given) still names the document."""
    from portfolio.export.wordcheck import WordDocument

    assert WordDocument("a.docx", (), WordCheck()).where == "'a.docx'"
    assert WordDocument("a.docx", (), WordCheck(), 4).where == "'a.docx' (Appendix 4)"


def _pdf_text(path: Path) -> list[str]:
    import pymupdf

    with pymupdf.open(path) as doc:
        return [line for page in doc for line in page.get_text().splitlines()]
