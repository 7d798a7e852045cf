"""The exported PDF opened with pikepdf: tagged (structure tree, alt text, language, table headers,
artefacts) and PDF/A-2b (output intent, XMP, every font embedded, validated)."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy import select

from portfolio.export.pdf import tagged_file
from portfolio.export.pdf.archive import validate
from portfolio.export.pdf.fonts import all_fonts
from portfolio.services.portfolio import Portfolio
from portfolio.storage.models import Entry
from tests.core.export.conftest import _attach, export


@pytest.fixture
def exported(rich_file: Path, tmp_path: Path):
    """The rich portfolio (an image, a reportlab PDF in Helvetica, a text file) exported."""
    out = tmp_path / "out.pdf"
    return export(rich_file, out), out


def _elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    found: list[pikepdf.Dictionary] = []

    def walk(elem: pikepdf.Dictionary) -> None:
        found.append(elem)
        for kid in elem.K:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                walk(kid)

    walk(pdf.Root.StructTreeRoot.K)
    return found


def test_the_structure_tree_has_every_kind_of_element(exported) -> None:
    _, out = exported
    with pikepdf.open(out) as pdf:
        roles = {str(e.S)[1:] for e in _elements(pdf)}
        assert {"Document", "H1", "H2", "P", "L", "LI", "Table", "TR", "TH", "TD"} <= roles
        assert {"Figure", "Link"} <= roles
        assert pdf.Root.Lang == "en-GB"
        assert pdf.Root.MarkInfo.Marked is True
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.docinfo.Title).startswith("Evidence portfolio: ")


def test_figures_have_alt_text_from_the_learners_note(exported) -> None:
    _, out = exported
    with pikepdf.open(out) as pdf:
        alts = [str(e.Alt) for e in _elements(pdf) if e.S == "/Figure"]
    assert "note for desk-photo.png" in alts
    assert "Page 1 of greeting-script.pdf" in alts  # the appendix pages are figures too
    assert all(alt.strip() for alt in alts)


def test_tables_have_header_cells_with_a_scope(exported) -> None:
    _, out = exported
    with pikepdf.open(out) as pdf:
        tables = [e for e in _elements(pdf) if e.S == "/Table"]
        assert tables
        heads = [c for t in tables for tr in t.K for c in tr.K if c.get("/S") == "/TH"]
        assert heads and all(str(c.A.Scope) in ("/Column", "/Row") for c in heads)
        # every table starts with a row of column headers or has row headers
        for table in tables:
            cells = [c for tr in table.K for c in tr.K]
            assert any(c.S == "/TH" for c in cells)


def test_every_mark_on_every_page_is_tagged_or_an_artefact(exported) -> None:
    _, out = exported
    paint = {"Tj", "TJ", "'", '"', "Do", "f", "f*", "S", "B", "b", "sh", "BI"}
    with pikepdf.open(out) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            stack: list[str] = []
            decorations = 0
            for operands, operator in pikepdf.parse_content_stream(page):
                op = str(operator)
                if op in ("BDC", "BMC"):
                    stack.append(str(operands[0]))
                elif op == "EMC":
                    stack.pop()
                elif op in paint:
                    assert stack, f"page {number}: {op} outside marked content"
                    if op == "Do" and stack[-1] == "/Artifact":
                        decorations += 1
            assert stack == []
            # the running header/footer form (and page number) are drawn as artefacts
            assert decorations >= 1, f"page {number} has no artefact decoration"


def test_pdfa_output_intent_and_xmp_agree_with_the_document(exported) -> None:
    result, out = exported
    assert result.pdfa == "PDF/A-2b"
    assert result.tagged
    with pikepdf.open(out) as pdf:
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFA1"
        profile = intent.DestOutputProfile.read_bytes()
        assert profile[16:20] == b"RGB "
        with pdf.open_metadata() as meta:
            assert meta["pdfaid:part"] == "2"
            assert meta["pdfaid:conformance"] == "B"
            assert meta["dc:title"] == str(pdf.docinfo.Title)
        assert not pdf.is_encrypted
        assert "/JavaScript" not in pdf.Root.get("/Names", {})
        assert "/OpenAction" not in pdf.Root


def test_every_font_is_embedded_including_the_appendix(exported) -> None:
    _, out = exported
    with pikepdf.open(out) as pdf:
        fonts = all_fonts(pdf)
    assert fonts
    assert [name for name, embedded in fonts if not embedded] == []
    assert not any(name.split("+")[-1].startswith("Helvetica") for name, _ in fonts)


def test_the_validator_finds_no_broken_pdfa_rule(exported) -> None:
    _, out = exported
    assert validate(out) == []


def _symbol_pdf() -> bytes:
    buf = io.BytesIO()
    canvas = Canvas(buf)
    canvas.setFont("Symbol", 14)
    canvas.drawString(72, 720, "abg")
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def test_an_attachment_whose_fonts_cannot_be_embedded_is_named_and_no_pdfa_claimed(
    rich_file: Path, tmp_path: Path
) -> None:
    with Portfolio.open(rich_file) as pf, pf.storage.write() as s:
        entry = s.scalars(select(Entry).order_by(Entry.created_at)).first()
        _attach(s, entry.id, "symbols.pdf", "application/pdf", _symbol_pdf())
    result = export(rich_file, tmp_path / "out.pdf")
    assert result.pdfa is None
    named = [line for line in result.report_lines() if "symbols.pdf" in line]
    assert named and "Symbol" in named[0]
    with pikepdf.open(tmp_path / "out.pdf") as pdf, pdf.open_metadata() as meta:
        assert "pdfaid:part" not in meta
        assert "/StructTreeRoot" in pdf.Root  # still tagged


def test_when_pdfa_preparation_fails_the_pdf_is_still_written_and_says_why(
    rich_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kw: object) -> None:
        raise ValueError("an unusable output profile")

    monkeypatch.setattr(tagged_file, "xmp_packet", broken)
    result = export(rich_file, tmp_path / "out.pdf")
    assert result.pdfa is None
    assert any("an unusable output profile" in line for line in result.report_lines())
    with pikepdf.open(tmp_path / "out.pdf") as pdf:
        assert len(pdf.pages) == result.pages
        assert "/StructTreeRoot" in pdf.Root
