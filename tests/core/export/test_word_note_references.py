"""Where a Word document cites a footnote, endnote or comment, its mark in the text ("1", "i",
"[AS1]") is a Reference element inside its paragraph, in reading order between the words
around it (PDF/UA 7.9), and the note itself is a Note with a unique /ID. The marked content
stays properly nested with the text objects (ISO 32000-1 14.6), the page looks the same, and
the PDF still passes the PDF/A and pdfua checks."""

from __future__ import annotations

from pathlib import Path

import docx
import pikepdf
import pymupdf

from portfolio.export.pdf.archive import validate
from tests.core.export.test_word_notes_tagged import (
    _elements,
    _exported,
    _notes_document,
    _text_tagged,
)
from tests.core.export.wordparts import procedure
from tests.helpers.pdfua_check import assert_pdfua_clean


def test_each_cited_mark_is_a_reference_in_its_paragraph(portfolio_file: Path, tmp_path) -> None:
    path, result = _exported(portfolio_file, tmp_path, procedure())
    with pikepdf.open(path) as pdf:
        references = _elements(pdf, "Reference")
        assert len(references) == 5, "two footnotes, an endnote and two comments are cited"
        for reference in references:
            parent = reference.P
            assert str(parent.S) in ("/P", "/LBody"), "the mark stays in its paragraph"
            kids = list(parent.K)
            at = next(
                i
                for i, k in enumerate(kids)
                if isinstance(k, pikepdf.Dictionary) and k.objgen == reference.objgen
            )
            assert at > 0 and isinstance(kids[at - 1], int), "the words before it come first"
        notes = _elements(pdf, "Note")
        assert len({bytes(n.ID) for n in notes}) == len(notes) == 5
    # (The running header and footer are drawn in forms the helper does not filter.)
    marks = _text_tagged(path, "Reference", inside=True)
    assert marks.endswith(" 1 2 i [AS1][TU2]"), "the marks, in reading order"
    assert "BETWEEN" not in marks and "FOOTNOTE" not in marks, "only the marks"
    rest = _text_tagged(path, "Reference", inside=False)
    for words in (
        "BETWEEN-LISTS an ordinary paragraph",
        "SCRIPT-LINE good morning",
        "COMMENTED-WORDS store credit",
        "first.",
        "1 FOOTNOTE-TWO read first",
    ):
        assert words in rest, f"{words!r} is read outside the references"
    assert result.pdfa == "PDF/A-2b" and validate(path) == []


def test_the_text_reads_as_before(portfolio_file: Path, tmp_path) -> None:
    """Tagging the marks changes no text on the page: the mark still follows its word."""
    path, _ = _exported(portfolio_file, tmp_path, procedure())
    with pymupdf.open(path) as doc:
        text = " ".join(" ".join(page.get_text().split()) for page in doc)
    assert "BETWEEN-LISTS an ordinary paragraph1" in text
    assert "COMMENTED-WORDS store credit[AS1] first." in text


def test_marked_content_never_straddles_a_text_object(portfolio_file: Path, tmp_path) -> None:
    path, _ = _exported(portfolio_file, tmp_path, _notes_document())
    with pikepdf.open(path) as pdf:
        pages = 0
        for page in pdf.pages:
            stack: list[str] = []
            for _, operator in pikepdf.parse_content_stream(page):
                name = str(operator)
                if name in ("BDC", "BMC", "BT"):
                    stack.append("BT" if name == "BT" else "MC")
                elif name in ("EMC", "ET"):
                    assert stack and stack.pop() == ("BT" if name == "ET" else "MC"), (
                        f"{name} closes what it did not open"
                    )
            assert stack in ([], ["MC"]), "balanced at the end of the page"
            pages += 1
        assert pages >= 2
        assert len(_elements(pdf, "Reference")) == 3


def _page_number(pdf: pikepdf.Pdf, page: pikepdf.Object) -> int:
    return next(i for i, p in enumerate(pdf.pages) if p.obj.objgen == page.objgen) + 1


def _place(pdf: pikepdf.Pdf, reference: pikepdf.Dictionary) -> tuple[int, float]:
    """The page and height a Reference's link goes to."""
    [link] = [k for k in reference.K if isinstance(k, pikepdf.Dictionary)]
    annot = next(k.Obj for k in link.K if isinstance(k, pikepdf.Dictionary))
    dest = _destination(pdf, annot, whole=True)
    return _page_number(pdf, dest[0]), float(dest[3])


def _destination(
    pdf: pikepdf.Pdf, annot: pikepdf.Dictionary, *, whole: bool = False
) -> pikepdf.Object:
    dest = annot.get("/Dest")
    if dest is None:
        dest = annot.A.D
    if isinstance(dest, pikepdf.String | pikepdf.Name):
        names = pdf.Root.Names.Dests
        flat = list(names.get("/Names", []))
        for kid in names.get("/Kids", []):
            flat += list(kid.Names)
        dest = dict(zip(flat[::2], flat[1::2], strict=True))[dest]
    return dest if whole else dest[0]


def test_each_mark_links_to_its_note_from_inside_its_reference(
    portfolio_file: Path, tmp_path
) -> None:
    path, _ = _exported(portfolio_file, tmp_path, _notes_document())
    with pikepdf.open(path) as pdf:
        references = _elements(pdf, "Reference")
        notes = _elements(pdf, "Note")
        assert len(references) == len(notes) == 3
        for reference, note in zip(references, notes, strict=True):
            [link] = [k for k in reference.K if isinstance(k, pikepdf.Dictionary)]
            assert str(link.S) == "/Link" and isinstance(reference.K[0], int), (
                "the mark first, then its Link"
            )
            annot = next(k.Obj for k in link.K if isinstance(k, pikepdf.Dictionary))
            assert str(annot.Subtype) == "/Link" and "/StructParent" in annot
            assert str(annot.Contents).startswith("Go to page ")
            target = _page_number(pdf, _destination(pdf, annot))
            note_page = _page_number(pdf, note.Pg)
            assert target == note_page, "the link lands on the page where its note begins"
            assert str(annot.Contents) == f"Go to page {target}"
    assert validate(path) == []


def test_links_pass_the_independent_checker(portfolio_file: Path, tmp_path) -> None:
    path, _ = _exported(portfolio_file, tmp_path, _notes_document())
    assert_pdfua_clean(path)


def test_marks_in_a_heading_a_table_cell_and_a_footnote_and_endnote_both_numbered_1(
    portfolio_file: Path, tmp_path
) -> None:
    from tests.core.export.wordparts import finish, note_reference

    document = docx.Document()
    note_reference(document.add_heading("HEADING-WORDS", level=2), "footnote", 1)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Step", "Detail"
    table.cell(1, 0).text = "Count"
    note_reference(table.cell(1, 1).paragraphs[0], "endnote", 1)
    table.cell(1, 1).paragraphs[0].add_run("CELL-AFTER")
    data = finish(document, footnotes={1: "FOOT-NOTE-ONE text"}, endnotes={1: "END-NOTE-ONE text"})
    data = data.replace(b'w:val="lowerRoman"', b'w:val="decimal"')  # both marks read "1"
    path, result = _exported(portfolio_file, tmp_path, data)
    with pikepdf.open(path) as pdf:
        references = _elements(pdf, "Reference")
        assert [str(r.P.S) for r in references] == ["/H3", "/TD"], "a heading, a table cell"
        notes = _elements(pdf, "Note")
        targets = []
        for reference in references:
            [link] = [k for k in reference.K if isinstance(k, pikepdf.Dictionary)]
            annot = next(k.Obj for k in link.K if isinstance(k, pikepdf.Dictionary))
            targets.append(_page_number(pdf, _destination(pdf, annot)))
        assert len(notes) == 2 and targets == [_page_number(pdf, n.Pg) for n in notes]
        places = [_place(pdf, r) for r in references]
        assert places[0] != places[1], "footnote 1 and endnote 1 are different places"
    assert validate(path) == [] and result.pdfa == "PDF/A-2b"
    rest = _text_tagged(path, "Reference", inside=False)
    assert "HEADING-WORDS" in rest and "CELL-AFTER" in rest
