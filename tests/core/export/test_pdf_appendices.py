"""Every attachment readable in the PDF: text, Markdown and Word laid out as appendices, each
stored document once with the entries citing it, links both ways, images at their own size."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from PIL import Image
from pypdf import PdfReader

from portfolio.domain.entry_input import entry_input_from_json
from portfolio.errors import UnsupportedFileError
from portfolio.export.readable import MAX_CHARS, Block, read_document
from portfolio.services.portfolio import Portfolio
from tests.core.export.conftest import _attach, _entry, _pdf, export, links, outline, text_of

MARKDOWN = b"""# Till procedure

Open the till **before** the store opens.

- Count the float
- Sign the log
  - twice if the float is short

| Step | Who |
| --- | --- |
| Count | Cashier |
| Check | Supervisor |
"""


def _docx_bytes() -> bytes:
    document = docx.Document()
    document.add_heading("DOCX-HEADING Complaint log", level=1)
    document.add_paragraph("DOCX-PARA The customer called twice.")
    document.add_paragraph("DOCX-ITEM apologise first", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Date"
    table.cell(0, 1).text = "Outcome"
    table.cell(1, 0).text = "3 March"
    table.cell(1, 1).text = "DOCX-CELL refund agreed"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _photo(width: int, height: int, dpi: int | None = None) -> bytes:
    out = io.BytesIO()
    extra = {"dpi": (dpi, dpi)} if dpi else {}
    Image.new("RGB", (width, height), (200, 80, 40)).save(out, format="PNG", **extra)
    return out.getvalue()


@pytest.fixture
def shared_file(portfolio_file: Path) -> Path:
    """Five entries: one PDF on all five, a Word document and a Markdown file on one each,
    a shared image on two, a single-entry image on one."""
    with Portfolio.open(portfolio_file) as pf:
        ids = [
            pf.entries.add(
                entry_input_from_json(
                    _entry(f"Entry {n}", f"M{n}", tags=[{"number": "1.1", "justification": "x"}])
                )
            ).value.id
            for n in range(1, 6)
        ]
        flowchart = _pdf(1)
        with pf.storage.write() as s:
            for entry_id in ids:
                _attach(s, entry_id, "flowchart.pdf", "application/pdf", flowchart)
            _attach(
                s,
                ids[0],
                "complaints.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                _docx_bytes(),
            )
            _attach(s, ids[1], "till.md", "text/markdown", MARKDOWN)
            _attach(s, ids[2], "notice.png", "image/png", _photo(600, 300, dpi=300))
            _attach(s, ids[4], "notice.png", "image/png", _photo(600, 300, dpi=300))
            _attach(s, ids[3], "badge.png", "image/png", _photo(300, 150))
    return portfolio_file


@pytest.fixture
def pdf(shared_file: Path, tmp_path: Path) -> tuple[PdfReader, object]:
    result = export(shared_file, tmp_path / "out.pdf")
    return PdfReader(tmp_path / "out.pdf"), result


def _page_of(reader: PdfReader, title_part: str) -> int:
    return next(page for _, title, page in outline(reader) if title_part in title)


def _all_text(reader: PdfReader) -> str:
    return " ".join(text_of(reader, i) for i in range(len(reader.pages)))


def test_each_stored_document_is_one_appendix_however_many_entries_cite_it(pdf):
    reader, result = pdf
    titles = [t for _, t, _ in outline(reader) if t.startswith("Appendix ")]
    assert titles == [
        "Appendix 1: flowchart.pdf",
        "Appendix 2: complaints.docx",
        "Appendix 3: till.md",
        "Appendix 4: notice.png",
    ]
    assert result.appendices == 4
    text = _all_text(reader)
    assert text.count("APPENDIX-MARKER-PAGE-1") == 1, "the shared PDF is laid in once"
    assert text.count("DOCX-PARA") == 1 and text.count("DOCX-CELL refund agreed") == 1


def test_the_shared_pdf_lists_every_citing_entry_and_each_entry_points_to_it(pdf):
    reader, _ = pdf
    band = text_of(reader, _page_of(reader, "Appendix 1") - 1)
    assert "Cited by E1, E2, E3, E4 and E5 (5 entries" in band
    listing = text_of(reader, _page_of(reader, "List of appendices") - 1)
    pages = {ref: _page_of(reader, f"{ref} ") for ref in ("E1", "E2", "E3", "E4", "E5")}
    cited = " ".join(f"{ref} p. {page}" for ref, page in pages.items())
    assert cited in listing
    assert set(pages.values()) <= set(links(reader, _page_of(reader, "List of appendices") - 1))
    e1 = _page_of(reader, "E1 ")
    entry_text = text_of(reader, e1 - 1)
    assert f"Appendix 1 p. {_page_of(reader, 'Appendix 1')}" in entry_text
    assert "also cited by 4 other entries" in entry_text
    assert _page_of(reader, "Appendix 1") in links(reader, e1 - 1)


def test_word_and_markdown_keep_headings_lists_and_tables(pdf):
    reader, _ = pdf
    word = text_of(reader, _page_of(reader, "Appendix 2") - 1)
    for expected in ("DOCX-HEADING Complaint log", "DOCX-PARA", "DOCX-ITEM apologise first"):
        assert expected in word
    assert "Date Outcome" in word and "3 March DOCX-CELL refund agreed" in word
    assert f"Cited by E1 p. {_page_of(reader, 'E1 ')}" in word.replace("CITED BY", "Cited by")
    md = text_of(reader, _page_of(reader, "Appendix 3") - 1)
    assert "Till procedure" in md and "#" not in md.split("Till procedure")[1][:40]
    assert "Open the till before the store opens." in md, "emphasis marks are taken off"
    assert "Count the float" in md and "Step Who Count Cashier" in md


def test_an_image_is_placed_at_its_own_resolution_not_one_pixel_per_point(pdf):
    import pymupdf

    reader, _ = pdf
    with pymupdf.open(stream=reader.stream.getvalue()) as doc:
        sizes = {}
        for page in doc:
            for info in page.get_image_info():
                x0, y0, x1, y1 = info["bbox"]
                sizes[(info["width"], info["height"])] = (round(x1 - x0), round(y1 - y0))
    # 600 px recorded at 300 ppi: 2 inches = 144 pt; 300 px with no ppi: 150 ppi = 144 pt.
    assert sizes[(600, 300)] == (144, 72)
    assert sizes[(300, 150)] == (144, 72)


def test_a_shared_image_is_an_appendix_and_a_single_one_stays_in_its_entry(pdf):
    reader, _ = pdf
    appendix = text_of(reader, _page_of(reader, "Appendix 4") - 1)
    assert "notice.png" in appendix and "E3 p." in appendix and "E5 p." in appendix
    e4 = text_of(reader, _page_of(reader, "E4 ") - 1)
    assert "badge.png — note for badge.png" in e4
    assert not any("badge" in title for _, title, _ in outline(reader))


def test_alt_text_is_the_learners_note_or_names_the_image():
    from portfolio.export.pdf.sections.images import alt_text

    assert alt_text("  The notice\nby the till ", "n.png", "E3") == "The notice by the till"
    assert alt_text("", "n.png", "E3, E5") == "Image n.png attached to E3, E5"


def test_contents_lists_the_appendix_list_and_each_appendix_with_its_citations(pdf):
    reader, _ = pdf
    contents = " ".join(
        text_of(reader, i) for i in range(_page_of(reader, "Contents") - 1, len(reader.pages))
    )
    assert "List of appendices and the entries citing them" in contents
    assert "Appendix 1: flowchart.pdf (cited by 5 entries)" in contents
    assert "Appendix 2: complaints.docx (E1)" in contents


# -- the reader on its own --------------------------------------------------------------------


def test_plain_text_keeps_line_breaks_and_reads_numbered_lines_as_a_list():
    doc = read_document(b"Title line\nsecond line\n\n1. First\n2. Second\n", "text", "a.txt")
    assert doc.blocks == (
        Block("paragraph", "Title line\nsecond line"),
        Block("item", "First", marker="1."),
        Block("item", "Second", marker="2."),
    )


def test_markdown_nested_list_and_table_shape():
    doc = read_document(MARKDOWN, "markdown", "till.md")
    kinds = [b.kind for b in doc.blocks]
    assert kinds == ["heading", "paragraph", "item", "item", "item", "table"]
    assert doc.blocks[4].level == 1
    assert doc.blocks[5].rows == (("Step", "Who"), ("Count", "Cashier"), ("Check", "Supervisor"))


def test_a_damaged_word_document_is_one_clear_error():
    with pytest.raises(UnsupportedFileError, match=r"'bad\.docx' is damaged"):
        read_document(b"PK\x03\x04 not really a zip", "docx", "bad.docx")
    with pytest.raises(UnsupportedFileError, match="no text"):
        read_document(b"\x89PNG", "image", "x.png")


def test_a_very_long_document_is_cut_and_says_so():
    long = ("word " * 40 + "\n\n") * (MAX_CHARS // 150)
    doc = read_document(long.encode(), "text", "long.txt")
    assert doc.truncated
    assert sum(len(b.text) for b in doc.blocks) <= MAX_CHARS


def test_a_damaged_word_attachment_still_exports_and_says_why(portfolio_file, tmp_path):
    with Portfolio.open(portfolio_file) as pf:
        entry = pf.entries.add(entry_input_from_json(_entry("Broken", "MB"))).value
        with pf.storage.write() as s:
            _attach(s, entry.id, "broken.docx", "application/octet-stream", b"PK broken")
    export(portfolio_file, tmp_path / "out.pdf")
    reader = PdfReader(tmp_path / "out.pdf")
    text = text_of(reader, _page_of(reader, "Appendix 1") - 1)
    assert re.search(r"'broken.docx' is damaged.*evidence package", text)


def test_laid_out_appendices_keep_the_export_pdfa_with_every_font_embedded(pdf, tmp_path):
    """List markers in a text appendix once fell back to reportlab's Helvetica bullets."""
    import pikepdf

    from portfolio.export.pdf.fonts import all_fonts

    reader, result = pdf
    assert result.pdfa == "PDF/A-2b", result.archive_problems
    with pikepdf.open(reader.stream) as document:
        fonts = all_fonts(document)
    assert [name for name, embedded in fonts if not embedded] == []


def test_a_reference_list_longer_than_a_page_goes_on_over_the_next_pages(tmp_path: Path):
    """A document cited by thousands of entries (a 5,000-entry portfolio's shared flowchart)
    stopped the export with a LayoutError: the list must split between whole lines."""
    from reportlab.platypus import Flowable, SimpleDocTemplate

    from portfolio.export.pdf import styles as st
    from portfolio.export.pdf.flowables import Ref, RefList
    from portfolio.export.pdf.pagerefs import PageRegistry

    st.register_fonts()
    registry = PageRegistry()
    refs = [Ref(f"E{n}", f"entry-{n}") for n in range(1, 3001)]
    whole = RefList(
        registry, refs, font=st.FONT, bold=st.FONT_BOLD, size=8.5, color=st.ACCENT, muted=st.MUTED
    )
    head, rest = whole.split(400, 100)
    assert head.wrap(400, 100)[1] <= 100
    assert head.refs + rest.refs == refs
    assert whole.split(400, 5) == []  # not even one line fits: move it whole to the next page

    class Targets(Flowable):  # the entries the links go to
        def draw(self) -> None:
            for ref in refs:
                self.canv.bookmarkPage(ref.key)

    out = tmp_path / "refs.pdf"
    SimpleDocTemplate(str(out)).build([Targets(), whole])
    reader = PdfReader(out)
    assert len(reader.pages) > 1
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "E1\n" in text and "E3000\n" in text


def test_the_list_of_appendices_names_the_first_citing_entries_and_says_how_many_more(
    shared_file: Path, tmp_path: Path, monkeypatch
):
    from portfolio.export.pdf.sections import appendices

    monkeypatch.setattr(appendices, "LIST_CITATIONS", 2)
    reader = PdfReader(export(shared_file, tmp_path / "out.pdf") and tmp_path / "out.pdf")
    listing = text_of(reader, _page_of(reader, "List of appendices") - 1)
    assert "E1 p." in listing and "E2 p." in listing
    assert f"and 3 more: all in Appendix 1 p. {_page_of(reader, 'Appendix 1')}" in listing
    flowchart_row = listing[listing.index("flowchart.pdf") : listing.index("complaints.docx")]
    assert "E5 p." not in flowchart_row and "E3 p." not in flowchart_row


def test_page_numbers_get_room_for_four_digits_in_a_large_portfolio():
    """At 5,000 entries pages run past 1,000: "E1013 p. 1251" overlapped the next reference
    when each number had room for three digits."""
    from portfolio.export.pdf import styles as st
    from portfolio.export.pdf.flowables import Ref, RefList
    from portfolio.export.pdf.pagerefs import PageRegistry, digits_for

    assert digits_for(30) == 3
    assert digits_for(5000) >= 4 and digits_for(1000) >= 4
    st.register_fonts()

    def width(digits: int) -> float:
        refs = RefList(
            PageRegistry(digits),
            [Ref("E1013", "e")],
            font=st.FONT,
            bold=st.FONT_BOLD,
            size=8.5,
            color=st.ACCENT,
            muted=st.MUTED,
        )
        return refs._item_width(refs.refs[0])

    assert width(4) > width(3)


def test_a_pdf_appendix_after_a_laid_out_one_starts_on_a_page_of_its_own(
    portfolio_file: Path, tmp_path: Path
) -> None:
    """An attached PDF's page is laid into a fixed box below its band: were the band to follow
    a text appendix on the same page, the page would be drawn over that text."""
    with Portfolio.open(portfolio_file) as pf:
        ids = [
            pf.entries.add(
                entry_input_from_json(
                    _entry(f"Entry {n}", f"M{n}", tags=[{"number": "1.1", "justification": "x"}])
                )
            ).value.id
            for n in (1, 2)
        ]
        with pf.storage.write() as s:
            _attach(s, ids[0], "script.txt", "text/plain", b"SCRIPT-LINE greet the customer")
            _attach(s, ids[1], "rota.pdf", "application/pdf", _pdf(2))
    export(portfolio_file, tmp_path / "out.pdf")
    reader = PdfReader(tmp_path / "out.pdf")
    text_page = _page_of(reader, "script.txt")
    pdf_page = _page_of(reader, "rota.pdf")
    assert pdf_page > text_page
    assert "SCRIPT-LINE" not in text_of(reader, pdf_page - 1)
    assert "APPENDIX-MARKER-PAGE-1" in text_of(reader, pdf_page - 1)
    assert "APPENDIX-MARKER-PAGE-2" in text_of(reader, pdf_page)
