"""The file the tagged canvas writes through reportlab's own save (``filewriter``, ``tagged_file``):
read byte by byte (every cross-reference entry names its object where it says), by pikepdf without
a warning, and as an export that needs no second pass: tagged, PDF/A-2b by the validator, and
written without pikepdf opening it, PDF attachments' pages included."""

from __future__ import annotations

import functools
import re
import zlib
from pathlib import Path

import pikepdf
import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table

from portfolio.export.pdf import filewriter, merge, structure, tagging
from portfolio.export.pdf import styles as st
from portfolio.export.pdf.archive import validate
from portfolio.export.pdf.tagged_file import Archival
from portfolio.export.pdf.tagging import TaggedCanvas, Tagger
from tests.core.export.conftest import export


def _write(tmp_path: Path, story: list, archival: Archival | None = None) -> Path:
    st.register_fonts()
    tagging.install()
    path = tmp_path / "w.pdf"
    SimpleDocTemplate(str(path), initialFontName=st.FONT, title="Written whole").build(
        story,
        canvasmaker=functools.partial(
            TaggedCanvas,
            tagger=Tagger(),
            substitutes=st.STANDARD_SUBSTITUTES,
            archival=archival,
        ),
    )
    return path


def _story(paragraphs: int) -> list:
    st.register_fonts()
    style = ParagraphStyle("body", fontName=st.FONT, fontSize=10, leading=13)
    head = ParagraphStyle("h2", fontName=st.FONT, fontSize=14, leading=18)
    story: list = []
    for n in range(paragraphs):
        story.append(Paragraph(f"<a name='s{n}'/>Section {n}", head))
        story.append(Paragraph(f"Text of section {n}, with a <a href='#s0'>link</a>.", style))
        if n % 40 == 39:
            story.append(PageBreak())
    story.append(Table([[Paragraph("Unit", style), "Met"], ["1.1", "yes"]], repeatRows=1))
    return story


def _cross_references(data: bytes) -> dict[int, tuple[int, int, int]]:
    """The file's cross-reference stream, read by hand: number -> (type, field 2, field 3)."""
    start = int(re.search(rb"startxref\n(\d+)\n%%EOF\n$", data).group(1))
    head = re.match(rb"(\d+) 0 obj\n<<(.*?)>>\nstream\n", data[start:], re.S)
    assert head is not None, data[start : start + 80]
    entries = head.group(2)
    assert b"/Type /XRef" in entries and b"/W [1 4 2]" in entries
    assert re.search(rb"/Root \d+ 0 R /Info \d+ 0 R /ID \[<[0-9A-Fa-f]+> <[0-9A-Fa-f]+>\]", entries)
    size = int(re.search(rb"/Size (\d+)", entries).group(1))
    length = int(re.search(rb"/Length (\d+)", entries).group(1))
    body = start + head.end()
    rows = zlib.decompress(data[body : body + length])
    assert len(rows) == 7 * size
    out = {}
    for n in range(size):
        row = rows[7 * n : 7 * n + 7]
        out[n] = (row[0], int.from_bytes(row[1:5], "big"), int.from_bytes(row[5:7], "big"))
    return out


def test_every_cross_reference_names_its_object_where_it_says(tmp_path: Path) -> None:
    path = _write(tmp_path, _story(250))  # more than one object stream's worth of elements
    data = path.read_bytes()
    assert data.startswith(b"%PDF-1.5\n")
    table = _cross_references(data)
    assert table[0] == (0, 0, 65535)
    streams: dict[int, list[int]] = {}
    for number, (kind, where, _index) in table.items():
        if kind == 1:
            assert data[where:].startswith(b"%d 0 obj\n" % number), number
        elif kind == 2:
            streams.setdefault(where, []).append(number)
            assert table[where][0] == 1, "an object stream is an ordinary object"
    assert len(streams) > 1
    for holder, numbers in streams.items():
        at = table[holder][1]
        head = re.match(rb"\d+ 0 obj\n<<(.*?)>>\nstream\n", data[at:], re.S)
        length = int(re.search(rb"/Length (\d+)", head.group(1)).group(1))
        first = int(re.search(rb"/First (\d+)", head.group(1)).group(1))
        content = zlib.decompress(data[at + head.end() : at + head.end() + length])
        listed = [int(v) for v in content[:first].split()[::2]]
        assert sorted(listed) == numbers
        assert all(table[n] == (2, holder, i) for i, n in enumerate(listed))
    with pikepdf.open(path) as pdf:
        assert pdf.get_warnings() == []
        assert pdf.check_pdf_syntax() == []
        assert str(pdf.docinfo.Title) == "Written whole"
        assert len(pdf.Root.StructTreeRoot.K.K) > 500
        assert [int(p.StructParents) for p in pdf.pages] == list(range(len(pdf.pages)))
        assert all("/Trans" not in p.obj for p in pdf.pages)
    assert validate(path) == []


def test_a_standard_font_the_layout_used_keeps_the_pdfa_claim_out(tmp_path: Path) -> None:
    st.register_fonts()
    tagging.install()
    archival = Archival()
    path = tmp_path / "h.pdf"
    canvas = TaggedCanvas(str(path), tagger=Tagger(), archival=archival)
    canvas.setFont("Helvetica", 12)  # no substitutes given: reportlab's unembedded Helvetica
    canvas.drawString(72, 720, "Hello")
    canvas.showPage()
    canvas.save()
    assert not archival.declared
    assert archival.problems == ["Not PDF/A-2b: fonts not included (Helvetica)"]
    with pikepdf.open(path) as pdf, pdf.open_metadata() as meta:
        assert "pdfaid:part" not in meta
        assert "/OutputIntents" in pdf.Root and "/StructTreeRoot" in pdf.Root


def test_text_strings_are_literal_when_plain_and_utf16_otherwise() -> None:
    assert structure.text_string("A (b) \\ c") == b"(A \\(b\\) \\\\ c)"
    assert structure.text_string("Zoë") == b"<FEFF005A006F00EB>"
    assert structure.text_string("line\nbreak").startswith(b"<FEFF")


def test_an_encrypted_document_is_refused_not_written_half(tmp_path: Path) -> None:
    st.register_fonts()
    tagging.install()
    canvas = TaggedCanvas(str(tmp_path / "e.pdf"), tagger=Tagger(), encrypt="secret")
    canvas.drawString(72, 720, "Hello")
    with pytest.raises(ValueError, match="encrypted"):
        canvas.save()
    assert filewriter.VERSION == (1, 5)


def test_an_export_without_pdf_attachments_is_finished_by_reportlabs_save(
    rich_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def laid_in(*args: object, **kw: object) -> None:
        raise AssertionError("no PDF attachment to lay in")

    monkeypatch.setattr(merge, "laid_in", laid_in)
    out = tmp_path / "written" / "out.pdf"
    out.parent.mkdir()
    result = export(rich_file, out, include_attachments=False)
    assert result.pdfa == "PDF/A-2b" and result.appendices == 0
    assert validate(out) == []
    with pikepdf.open(out) as pdf, pdf.open_metadata() as meta:
        assert pdf.get_warnings() == []
        assert meta["pdfaid:part"] == "2" and meta["dc:title"] == str(pdf.docinfo.Title)
        assert str(pdf.Root.Lang) == "en-GB" and bool(pdf.Root.MarkInfo.Marked)
        roles = {str(e.S) for e in _elements(pdf.Root.StructTreeRoot.K)}
        assert {"/H1", "/H2", "/P", "/Table", "/TH", "/Link"} <= roles
    assert [p.name for p in out.parent.iterdir()] == ["out.pdf"]  # no temporary file left


def test_pdf_attachment_pages_are_written_by_reportlabs_save_not_a_second_pass(
    rich_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The attachment's page is laid in as a form written with reportlab's objects: the
    export never opens its own output with pikepdf, and the file has one cross-reference
    (no incremental update), every entry of which names its object where it says."""
    out = tmp_path / "out.pdf"
    opened: list[str] = []
    real_open = pikepdf.open

    def watched(source: object, *args: object, **kw: object) -> pikepdf.Pdf:
        opened.append(str(source))
        return real_open(source, *args, **kw)

    monkeypatch.setattr(pikepdf, "open", watched)
    result = export(rich_file, out)
    monkeypatch.setattr(pikepdf, "open", real_open)
    assert result.appendices >= 1 and result.pdfa == "PDF/A-2b"
    assert not any(str(out.parent) in name for name in opened)  # only the attachments
    data = out.read_bytes()
    assert data.count(b"startxref") == 1 and b"/Prev" not in data
    table = _cross_references(data)
    for number, (kind, where, _index) in table.items():
        if kind == 1:
            assert data[where:].startswith(b"%d 0 obj\n" % number), number
    with pikepdf.open(out) as pdf:
        assert pdf.get_warnings() == []
        assert pdf.check_pdf_syntax() == []
        laid = [
            (i, name)
            for i, page in enumerate(pdf.pages)
            for name in page.obj.Resources.XObject
            if name.startswith("/Appendix")
        ]
        assert laid, "no attachment page laid in"
        index, name = laid[0]
        form = pdf.pages[index].obj.Resources.XObject[name]
        assert form.Subtype == "/Form" and form.read_bytes()  # a form with its drawing
        first = pdf.pages[index].obj.Contents.read_bytes()
        assert first.startswith(b"/Figure <</MCID ")  # drawn first, as the tree's figure
        assert (name + " Do").encode() in first
    assert validate(out) == []


def _elements(elem: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    found = [elem]
    for kid in elem.K:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
            found += _elements(kid)
    return found
