"""The file the tagged canvas writes through reportlab's own save (``filewriter``, ``tagged_file``):
read byte by byte (every cross-reference entry names its object where it says), by pikepdf without
a warning, and as an export that needs no second pass: tagged, PDF/A-2b by the validator, and
written without pikepdf opening it when there is no PDF attachment to lay in."""

from __future__ import annotations

import functools
import re
import zlib
from pathlib import Path

import pikepdf
import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table

from portfolio.export.pdf import archive, filewriter, increment, structure, tagging
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
    def second_pass(*args: object, **kw: object) -> None:
        raise AssertionError("no second pass is needed")

    monkeypatch.setattr(archive, "finish", second_pass)
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


def _elements(elem: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    found = [elem]
    for kid in elem.K:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
            found += _elements(kid)
    return found


def test_an_incremental_update_names_each_new_version_where_it_is(tmp_path: Path) -> None:
    path = _write(tmp_path, _story(3))
    before = path.read_bytes()
    with pikepdf.open(path) as pdf:
        size = int(pdf.trailer.Size)
        page = pdf.pages[0]
        page.contents_add(b"q Q", prepend=True)  # a new stream, and the page changed
        added = increment.update(pdf, path, [page.obj])
    with path.open("ab") as handle:
        handle.write(added)
    data = path.read_bytes()
    assert data.startswith(before)  # the file as reportlab wrote it is kept whole
    tail = data[len(before) :]
    assert re.search(rb"/Root \d+ 0 R /Info \d+ 0 R /ID \[<[0-9a-f]+> <[0-9a-f]+>\]", tail)
    start = int(re.search(rb"startxref\n(\d+)\n%%EOF\n$", before).group(1))
    assert b"/Prev %d " % start in data[len(before) :]
    updated = re.search(rb"/Index \[([\d ]+)\]", data[len(before) :]).group(1).split()
    numbers = [
        first + i
        for first, count in zip(updated[::2], updated[1::2], strict=True)
        for i in range(int(count))
        for first in [int(first)]
    ]
    # The page, the new stream (numbered after every old object), the update's cross-reference.
    assert len(numbers) == 3 and numbers[1] == size
    offsets = _update_offsets(data, len(before))
    for number, offset in zip(numbers, offsets, strict=True):
        assert data[offset:].startswith(b"%d 0 obj\n" % number), number
    with pikepdf.open(path) as pdf:
        assert pdf.get_warnings() == []
        assert len(pdf.pages[0].obj.Contents) == 2
        assert pdf.pages[0].obj.Contents[0].read_bytes() == b"q Q"
    assert validate(path) == []


def _update_offsets(data: bytes, since: int) -> list[int]:
    """The offsets of the last cross-reference stream's entries, in /Index order."""
    start = int(re.search(rb"startxref\n(\d+)\n%%EOF\n$", data).group(1))
    head = re.match(rb"\d+ 0 obj\n<<(.*?)>>\nstream\n", data[start:], re.S)
    length = int(re.search(rb"/Length (\d+)", head.group(1)).group(1))
    rows = zlib.decompress(data[start + head.end() : start + head.end() + length])
    offsets = [int.from_bytes(rows[i + 1 : i + 5], "big") for i in range(0, len(rows), 7)]
    assert all(offset >= since for offset in offsets)
    return offsets
