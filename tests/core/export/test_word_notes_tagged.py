"""A Word document's footnotes, endnotes and comments in its appendix are tagged as Note
elements (each with a unique ID), their marks and text inside the Note, not as paragraphs; a
note of several paragraphs or with a table is one Note, and so is a note broken over a page.
The PDF stays PDF/A and passes the independent pdfua checker."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pikepdf
import pymupdf
import pytest

from portfolio.export.pdf.archive import validate
from tests.core.export.conftest import export
from tests.core.export.test_pdf_word_appendix import DOCX_MEDIA, _portfolio_with
from tests.core.export.wordparts import finish, note_reference, procedure
from tests.helpers.pdfua_check import assert_pdfua_clean

_TEXT_SHOWING = {"Tj", "TJ", "'", '"'}
_LONG = " ".join(f"LONG-NOTE sentence {n} about the till and the float." for n in range(160))
# A footnote of two paragraphs and a table (raw WordprocessingML after the first paragraph).
_MULTI = (
    "MULTI-ONE first paragraph</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>MULTI-TWO second paragraph</w:t></w:r></w:p>"
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>CELL-A</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>CELL-B</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    "<w:p><w:r><w:t>MULTI-END last"
)


def _notes_document() -> bytes:
    document = docx.Document()
    document.add_heading("Cash handling", level=1)
    first = document.add_paragraph("BODY-ONE count the float.")
    note_reference(first, "footnote", 1)
    second = document.add_paragraph("BODY-TWO bank the takings.")
    note_reference(second, "footnote", 2)
    run = document.add_paragraph("BODY-THREE ").add_run("sign the sheet")
    document.add_comment(run, text="COMMENT-ONE who signs?", author="Assessor", initials="AS")
    return finish(document, footnotes={1: _MULTI, 2: _LONG})


def _exported(portfolio_file: Path, tmp_path: Path, data: bytes) -> tuple[Path, object]:
    _portfolio_with(portfolio_file, "notes.docx", DOCX_MEDIA, data)
    out = tmp_path / "out.pdf"
    return out, export(portfolio_file, out)


@pytest.fixture
def procedure_pdf(portfolio_file: Path, tmp_path: Path):
    return _exported(portfolio_file, tmp_path, procedure())


@pytest.fixture
def notes_pdf(portfolio_file: Path, tmp_path: Path):
    return _exported(portfolio_file, tmp_path, _notes_document())


def _elements(pdf: pikepdf.Pdf, role: str) -> list[pikepdf.Dictionary]:
    found = []

    def walk(elem: pikepdf.Object) -> None:
        kids = elem.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                if pikepdf.Name("/" + role) == kid.S:
                    found.append(kid)
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return found


def _inside(elem: pikepdf.Object, role: str) -> bool:
    """Whether ``elem`` is a ``role`` element or has one above it."""
    while isinstance(elem, pikepdf.Dictionary) and "/S" in elem:
        if pikepdf.Name("/" + role) == elem.S:
            return True
        elem = elem.get("/P")
    return False


def _text_tagged(path: Path, role: str, *, inside: bool) -> str:
    """The text drawn in marked content whose structure element is (``inside``) or is not
    under a ``role`` element: every other text-showing operator is taken out of the pages
    (through the parent tree, MCID by MCID), and what is left is read back by PyMuPDF."""
    with pikepdf.open(path) as pdf:
        nums = list(pdf.Root.StructTreeRoot.ParentTree.Nums)
        parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        for page in pdf.pages:
            owners = parents.get(int(page.obj.get("/StructParents", -1)))
            ops = []
            stack: list[bool] = []
            for operands, operator in pikepdf.parse_content_stream(page):
                name = str(operator)
                if name in ("BDC", "BMC"):
                    keep = False
                    if name == "BDC" and isinstance(operands[1], pikepdf.Dictionary):
                        mcid = operands[1].get("/MCID")
                        if mcid is not None and owners is not None and int(mcid) < len(owners):
                            keep = _inside(owners[int(mcid)], role) == inside
                    stack.append(keep or (bool(stack) and stack[-1]))
                elif name == "EMC" and stack:
                    stack.pop()
                elif name in _TEXT_SHOWING and not (stack and stack[-1]):
                    continue
                ops.append((operands, operator))
            page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(ops))
        out = io.BytesIO()
        pdf.save(out)
    with pymupdf.open(stream=out.getvalue(), filetype="pdf") as doc:
        return " ".join(" ".join(page.get_text().split()) for page in doc)


def test_footnotes_endnotes_and_comments_are_notes_with_ids(procedure_pdf) -> None:
    path, _ = procedure_pdf
    with pikepdf.open(path) as pdf:
        notes = _elements(pdf, "Note")
        ids = [bytes(n.ID) for n in notes]
    assert len(notes) == 5, "two footnotes, an endnote and two comments"
    assert len(set(ids)) == 5 and all(ids), "each Note has an ID of its own (PDF/UA 7.9)"


def test_each_note_holds_its_mark_and_text_and_no_paragraph_does(procedure_pdf) -> None:
    path, _ = procedure_pdf
    notes = _text_tagged(path, "Note", inside=True)
    for expected in (
        "1 FOOTNOTE-TWO read first",
        "2 FOOTNOTE-ONE the till policy",
        "i ENDNOTE-ONE from the handbook",
        "[AS1] COMMENT-TEXT check the policy",
        "[TU2] SECOND-COMMENT fine",
    ):
        assert expected in notes, f"{expected!r} is not in a Note"
    assert "GREET" not in notes and "FOOTNOTES" not in notes, "only the notes are Notes"
    rest = _text_tagged(path, "Note", inside=False)
    assert "FOOTNOTE-TWO" not in rest and "COMMENT-TEXT" not in rest
    assert "FOOTNOTES" in rest and "GREET" in rest, "labels and body stay what they were"


def test_a_note_of_paragraphs_and_a_table_and_a_note_over_a_page_are_one_note_each(
    notes_pdf,
) -> None:
    path, result = notes_pdf
    with pikepdf.open(path) as pdf:
        notes = _elements(pdf, "Note")
        assert len(notes) == 3, "two footnotes and a comment, however many parts each has"
        roles = [
            [str(k.S) for k in n.K if isinstance(k, pikepdf.Dictionary) and "/S" in k]
            for n in notes
        ]
        pages = [
            {
                k.Pg.objgen
                for k in n.K
                if isinstance(k, pikepdf.Dictionary) and "/Pg" in k and "/S" not in k
            }
            | ({n.Pg.objgen} if "/Pg" in n else set())
            for n in notes
        ]
    multi, long, _comment = roles
    assert "/P" in multi and any(r in ("/Table", "/Div") for r in multi), (
        "the further paragraphs and the table are the Note's children"
    )
    assert long == [], "one paragraph: the text is the Note's own content"
    assert len(pages[1]) >= 2, "the long note runs over pages and stays one Note"
    inside = _text_tagged(path, "Note", inside=True)
    for word in ("MULTI-ONE", "MULTI-TWO", "CELL-A", "CELL-B", "MULTI-END", "sentence 159"):
        assert word in inside
    assert "[AS1] COMMENT-ONE who signs?" in inside
    assert "BODY-ONE" not in inside
    assert result.pdfa == "PDF/A-2b" and validate(path) == []


@pytest.mark.parametrize("fixture", ["procedure_pdf", "notes_pdf"])
def test_notes_pass_the_independent_checker(fixture: str, request) -> None:
    path, _ = request.getfixturevalue(fixture)
    assert_pdfua_clean(path)


def test_a_document_without_notes_has_no_note_or_reference_elements(
    portfolio_file: Path, tmp_path
) -> None:
    document = docx.Document()
    document.add_paragraph("PLAIN-TEXT nothing to note.")
    data = io.BytesIO()
    document.save(data)
    path, _ = _exported(portfolio_file, tmp_path, data.getvalue())
    with pikepdf.open(path) as pdf:
        assert _elements(pdf, "Note") == []
        assert _elements(pdf, "Reference") == []
