"""Word and Markdown appendices keep the look of the document: bold, italic, underlined and
struck words, the header and footer text (once each), and the pictures in the document, placed
at their size with their description as alt text, tagged as figures; the PDF stays PDF/A."""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import docx
import pikepdf
import pymupdf
import pytest
from docx.enum.text import WD_UNDERLINE
from docx.shared import Inches
from PIL import Image

from portfolio.domain.entry_input import entry_input_from_json
from portfolio.export.blocks import Span
from portfolio.export.pdf.archive import validate
from portfolio.export.pdf.sections.doclayout import markup
from portfolio.export.readable import read_document
from portfolio.export.wordread import MAX_PICTURE_BYTES, MAX_PICTURES
from portfolio.services.portfolio import Portfolio
from tests.core.export.conftest import _attach, _entry, export
from tests.helpers.pdfua_check import assert_pdfua_clean

DOCX_MEDIA = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DESCRIPTION = "The till screen showing the refund total"


def _png(width: int, height: int, colour: tuple[int, int, int] = (30, 120, 200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, format="PNG")
    return out.getvalue()


def _word(
    picture: bytes | None = None, *, descr: str = DESCRIPTION, in_table: bool = False
) -> bytes:
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "HEADER-TEXT Greenfield Stores customer log"
    section.footer.paragraphs[0].text = "FOOTER-TEXT Form CS-7, version 3"
    document.add_heading("Greeting script", level=1)
    p = document.add_paragraph("Say ")
    p.add_run("BOLD-RUN good morning").bold = True
    p.add_run(" and ")
    p.add_run("ITALIC-RUN smile").italic = True
    p.add_run(", then ")
    under = p.add_run("UNDER-RUN listen")
    under.underline = WD_UNDERLINE.SINGLE
    p.add_run(" & never ")
    p.add_run("STRIKE-RUN interrupt").font.strike = True
    p.add_run(" <politely>.")
    fallback = document.add_paragraph()
    fallback.add_run("BOLD-HEBREW שלום ✔").bold = True
    if picture is not None:
        document.add_paragraph("Before the picture.")
        document.add_picture(io.BytesIO(picture), width=Inches(2))
        inline = document.inline_shapes[-1]._inline
        if descr:
            inline.docPr.set("descr", descr)
        document.add_paragraph("AFTER-PICTURE text.")
    if picture is not None and in_table:
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text = "Step"
        table.cell(0, 1).text = "Photo"
        table.cell(1, 0).paragraphs[0].add_run("CELL-BOLD count").bold = True
        run = table.cell(1, 1).paragraphs[0].add_run()
        run.add_picture(io.BytesIO(_png(90, 60)), width=Inches(1))
        document.inline_shapes[-1]._inline.docPr.set("descr", "CELL-PICTURE the float tray")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _portfolio_with(portfolio_file: Path, name: str, media: str, data: bytes) -> Path:
    with Portfolio.open(portfolio_file) as pf:
        entry = pf.entries.add(
            entry_input_from_json(
                _entry("Greeting", "MW", tags=[{"number": "1.1", "justification": "x"}])
            )
        ).value
        with pf.storage.write() as s:
            _attach(s, entry.id, name, media, data)
    return portfolio_file


@pytest.fixture
def word_pdf(portfolio_file: Path, tmp_path: Path) -> tuple[Path, object]:
    data = _word(_png(600, 300), in_table=True)
    _portfolio_with(portfolio_file, "script.docx", DOCX_MEDIA, data)
    out = tmp_path / "out.pdf"
    return out, export(portfolio_file, out)


def _appendix_pages(path: Path) -> list[int]:
    with pymupdf.open(path) as doc:
        return [i for i, page in enumerate(doc) if "BOLD-RUN" in page.get_text()]


def _spans(path: Path, page: int) -> list[dict[str, object]]:
    with pymupdf.open(path) as doc:
        blocks = doc[page].get_text("dict")["blocks"]
    return [s for b in blocks for line in b.get("lines", []) for s in line["spans"]]


def _font_of(spans: list[dict[str, object]], word: str) -> str:
    return next(str(s["font"]) for s in spans if word in str(s["text"]))


def test_word_runs_keep_bold_and_italic_in_the_bundled_faces(word_pdf) -> None:
    path, _ = word_pdf
    [page] = _appendix_pages(path)
    spans = _spans(path, page)
    assert "Bold" in _font_of(spans, "BOLD-RUN") and "Italic" not in _font_of(spans, "BOLD-RUN")
    assert "Italic" in _font_of(spans, "ITALIC-RUN")
    assert _font_of(spans, "Say").endswith("NotoSans-Regular")
    with pymupdf.open(path) as doc:
        text = doc[page].get_text()
    assert "& never" in text and "<politely>." in text, "markup characters stay text"


def test_underline_and_strike_are_drawn_as_lines(word_pdf) -> None:
    path, _ = word_pdf
    [page] = _appendix_pages(path)
    spans = _spans(path, page)
    with pymupdf.open(path) as doc:
        drawings = doc[page].get_drawings()
    for word in ("UNDER-RUN", "STRIKE-RUN"):
        x0, y0, x1, y1 = next(s["bbox"] for s in spans if word in str(s["text"]))
        lines = [
            d["rect"]
            for d in drawings
            if d["rect"].height < 2 and d["rect"].x0 >= x0 - 1 and d["rect"].x1 <= x1 + 40
        ]
        assert any(y0 <= r.y0 <= y1 + 2 for r in lines), f"no line under or through {word}"


def test_a_bold_run_the_family_cannot_draw_falls_back_run_by_run(word_pdf) -> None:
    path, _ = word_pdf
    [page] = _appendix_pages(path)
    with pymupdf.open(path) as doc:
        text = doc[page].get_text()
    assert "שלום" in text and "✔" in text and "\ufffd" not in text
    fonts = {str(s["font"]) for s in _spans(path, page) if "שלום" in str(s["text"])}
    assert any("Hebrew" in f for f in fonts)


def test_header_and_footer_text_are_shown_once_and_labelled(word_pdf) -> None:
    path, _ = word_pdf
    with pymupdf.open(path) as doc:
        text = " ".join(page.get_text() for page in doc)
    assert text.count("HEADER-TEXT Greenfield Stores customer log") == 1
    assert text.count("FOOTER-TEXT Form CS-7, version 3") == 1
    flat = " ".join(text.split())
    header = flat.index("DOCUMENT HEADER")
    assert header < flat.index("HEADER-TEXT") < flat.index("Greeting script")
    assert flat.index("AFTER-PICTURE") < flat.index("DOCUMENT FOOTER") < flat.index("FOOTER-TEXT")


def test_the_picture_is_placed_in_reading_order_at_its_size_with_its_description(
    word_pdf,
) -> None:
    path, result = word_pdf
    with pymupdf.open(path) as doc:
        found = []
        for index, page in enumerate(doc):
            for info in page.get_image_info():
                if (info["width"], info["height"]) == (600, 300):
                    found.append((index, info["bbox"]))
        assert len(found) == 1
        index, (x0, y0, x1, y1) = found[0]
        # Word gives it 2 inches wide: 144 pt by 72 pt, pixels kept (300 ppi at that size).
        assert (round(x1 - x0), round(y1 - y0)) == (144, 72)
        page = doc[index]
        before = page.search_for("Before the picture.")[0]
        after = page.search_for("AFTER-PICTURE")[0]
        assert before.y1 <= y0 and y1 <= after.y0
    with pikepdf.open(path) as pdf:
        figures = [e for e in _elements(pdf) if e.get("/S") == "/Figure"]
        alts = [str(e.get("/Alt")) for e in figures]
        assert DESCRIPTION in alts
        page = pdf.pages[index]
        images = [x for x in page.Resources.XObject.values() if x.get("/Subtype") == "/Image"]
        assert any(int(x.Width) == 600 for x in images)
    assert result.pdfa == "PDF/A-2b", result.archive_problems
    assert validate(path) == []


def test_pictures_are_drawn_inside_figure_marked_content_even_in_a_table_cell(word_pdf) -> None:
    path, _ = word_pdf
    with pikepdf.open(path) as pdf:
        figures = {str(e.get("/Alt")): e for e in _elements(pdf) if e.get("/S") == "/Figure"}
        assert figures["CELL-PICTURE the float tray"].P.S == "/TD"
        assert figures[DESCRIPTION].P.S in ("/Document", "/Sect", "/Div", "/Part")
        drawn = 0
        for page in pdf.pages:
            stack: list[str] = []
            for operands, operator in pikepdf.parse_content_stream(page):
                op = str(operator)
                if op in ("BDC", "BMC"):
                    stack.append(str(operands[0]))
                elif op == "EMC":
                    stack.pop()
                elif op == "Do":
                    xobject = page.Resources.XObject[str(operands[0])]
                    if xobject.get("/Subtype") == "/Image":
                        assert stack[-1] == "/Figure"
                        drawn += 1
        assert drawn == 2


def test_the_independent_accessibility_checker_finds_nothing_in_the_word_appendix(
    word_pdf,
) -> None:
    path, _ = word_pdf
    assert_pdfua_clean(path)


def _elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    found: list[pikepdf.Dictionary] = []

    def walk(elem: pikepdf.Object) -> None:
        if isinstance(elem, pikepdf.Array):
            for kid in elem:
                walk(kid)
        elif isinstance(elem, pikepdf.Dictionary) and elem.get("/Type") != "/MCR":
            if "/S" in elem:
                found.append(elem)
            if "/K" in elem:
                walk(elem.K)

    walk(pdf.Root.StructTreeRoot.K)
    return found


def test_a_picture_without_a_description_gets_a_default_alt_and_a_large_one_is_resampled(
    portfolio_file: Path, tmp_path: Path
) -> None:
    # 2 inches wide in the document, 3000 pixels: more than 300 ppi, so 600 pixels are kept.
    data = _word(_png(3000, 1500), descr="")
    _portfolio_with(portfolio_file, "big.docx", DOCX_MEDIA, data)
    out = tmp_path / "out.pdf"
    export(portfolio_file, out)
    with pymupdf.open(out) as doc:
        sizes = [
            (info["width"], round(info["bbox"][2] - info["bbox"][0]))
            for page in doc
            for info in page.get_image_info()
        ]
    assert (600, 144) in sizes
    with pikepdf.open(out) as pdf:
        alts = [str(e.get("/Alt")) for e in _elements(pdf) if e.get("/S") == "/Figure"]
    assert "Picture 1 of the Word document big.docx (no description)" in alts


def _replace_part(data: bytes, prefix: str, content: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename.startswith(prefix):
                dst.writestr(info.filename, content, compress_type=zipfile.ZIP_STORED)
            else:
                dst.writestr(info.filename, src.read(info))
    return out.getvalue()


def test_a_damaged_picture_is_named_in_one_line_and_the_export_succeeds(
    portfolio_file: Path, tmp_path: Path
) -> None:
    data = _replace_part(_word(_png(60, 30)), "word/media/", b"\x89PNG\r\n\x1a\n broken")
    _portfolio_with(portfolio_file, "broken-picture.docx", DOCX_MEDIA, data)
    out = tmp_path / "out.pdf"
    result = export(portfolio_file, out)
    with pymupdf.open(out) as doc:
        text = " ".join(" ".join(page.get_text().split()) for page in doc)
        images = sum(len(page.get_image_info()) for page in doc)
    assert re.search(r"Picture 1 \(image1\.png\) is damaged or not a picture; the whole", text)
    assert "AFTER-PICTURE" in text and "BOLD-RUN" in text
    assert images == 0
    assert result.pdfa == "PDF/A-2b"


def test_too_large_and_unsupported_pictures_are_named_not_shown() -> None:
    huge = _replace_part(_word(_png(60, 30)), "word/media/", os.urandom(MAX_PICTURE_BYTES + 1))
    doc = read_document(huge, "docx", "huge.docx")
    [picture] = [b.picture for b in doc.blocks if b.picture is not None]
    assert picture.data is None and "too large to show (25 MB" in picture.problem
    icon = io.BytesIO()
    Image.new("RGB", (10, 10)).save(icon, format="ICO")
    odd_data = _replace_part(_word(_png(60, 30)), "word/media/", icon.getvalue())
    odd = read_document(odd_data, "docx", "x.docx")
    [picture] = [b.picture for b in odd.blocks if b.picture is not None]
    assert picture.problem == "is in a format not shown (ICO)"


def test_word_reader_keeps_runs_headers_and_picture_descriptions() -> None:
    doc = read_document(_word(_png(60, 30)), "docx", "script.docx")
    [para] = [b for b in doc.blocks if b.text.startswith("Say")]
    styles = {s.text: s for s in para.spans}
    assert styles["BOLD-RUN good morning"].bold
    assert styles["ITALIC-RUN smile"].italic
    assert styles["UNDER-RUN listen"].underline
    assert styles["STRIKE-RUN interrupt"].strike
    assert [b.text for b in doc.header] == ["HEADER-TEXT Greenfield Stores customer log"]
    assert [b.text for b in doc.footer] == ["FOOTER-TEXT Form CS-7, version 3"]
    kinds = [b.kind for b in doc.blocks]
    assert kinds[kinds.index("picture") - 1 : kinds.index("picture") + 2] == [
        "paragraph",
        "picture",
        "paragraph",
    ]
    [picture] = [b.picture for b in doc.blocks if b.picture is not None]
    assert picture.alt == DESCRIPTION and picture.pixels == (60, 30)
    assert round(picture.width) == 144 and round(picture.height) == 72


VML_DOCUMENT = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"
 xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">
<w:body><w:p><w:r><w:t>Old picture:</w:t></w:r><w:r><w:pict>
<v:shape style="width:90pt;height:45pt" alt="A legacy picture of the rota">
<v:imagedata r:id="rIdPic" o:title=""/></v:shape></w:pict></w:r></w:p>
<w:p><w:del><w:r><w:delText>DELETED</w:delText></w:r></w:del>
<w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>strong &amp; kept</w:t></w:r></w:p>
</w:body></w:document>"""
VML_RELS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rIdPic" Type="image" Target="media/rota.png"/>
</Relationships>"""


def _package(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def test_a_legacy_vml_picture_is_read_with_its_alt_and_size() -> None:
    data = _package(
        {
            "word/document.xml": VML_DOCUMENT,
            "word/_rels/document.xml.rels": VML_RELS,
            "word/media/rota.png": _png(120, 60),
        }
    )
    doc = read_document(data, "docx", "old.docx")
    assert [b.kind for b in doc.blocks] == ["paragraph", "picture", "paragraph"]
    picture = doc.blocks[1].picture
    assert picture is not None and picture.alt == "A legacy picture of the rota"
    assert (picture.width, picture.height) == (90.0, 45.0) and picture.data
    assert doc.blocks[2].text == "strong & kept" and doc.blocks[2].spans[0].bold
    assert "DELETED" not in " ".join(b.text for b in doc.blocks)


def test_a_picture_placed_hundreds_of_times_is_shown_up_to_the_limit() -> None:
    shape = (
        '<w:p><w:r><w:pict><v:shape style="width:9pt;height:9pt" alt="dot">'
        '<v:imagedata r:id="rIdPic"/></v:shape></w:pict></w:r></w:p>'
    )
    body = VML_DOCUMENT.replace(b"<w:body>", b"<w:body>" + shape.encode() * (MAX_PICTURES + 50))
    data = _package(
        {
            "word/document.xml": body,
            "word/_rels/document.xml.rels": VML_RELS,
            "word/media/rota.png": _png(12, 12),
        }
    )
    pictures = [b.picture for b in read_document(data, "docx", "dots.docx").blocks if b.picture]
    shown = [p for p in pictures if p.data]
    assert len(shown) == MAX_PICTURES
    assert pictures[MAX_PICTURES].problem == f"not shown: more than {MAX_PICTURES} pictures"


def test_an_entity_in_a_picture_relationship_part_is_not_expanded() -> None:
    rels = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rIdPic" Type="image" Target="&x;"/></Relationships>"""
    data = _package({"word/document.xml": VML_DOCUMENT, "word/_rels/document.xml.rels": rels})
    doc = read_document(data, "docx", "evil.docx")
    picture = doc.blocks[1].picture
    assert picture is not None and picture.data is None


def test_markup_escapes_text_and_nests_the_emphasis() -> None:
    spans = (
        Span("a < b & c"),
        Span("bold", bold=True, italic=True),
        Span("x", underline=True, strike=True),
        Span("f(x)", code=True),
        Span("é→", code=True),
    )
    out = markup(spans)
    assert out.startswith("a &lt; b &amp; c<b><i>bold</i></b><u><strike>x</strike></u>")
    assert 'face="PortfolioMono"' in out.split("f(x)")[0]
    assert 'face="PortfolioSans"' in out.split("é→")[0].rsplit("<font", 1)[1]


MARKDOWN = b"""# Till **procedure**

Open the till **before** the store opens, *never* after; run `till --open` and ~~skip~~ nothing.
Stars in 2 \\* 3 and snake_case_name stay as written.
"""


def test_markdown_emphasis_is_shown_as_emphasis(portfolio_file: Path, tmp_path: Path) -> None:
    doc = read_document(MARKDOWN, "markdown", "till.md")
    paragraph = doc.blocks[1]
    assert paragraph.text.startswith("Open the till before the store opens, never after; run")
    assert "2 * 3 and snake_case_name" in paragraph.text
    styles = {s.text: s for s in paragraph.spans}
    assert styles["before"].bold and styles["never"].italic
    assert styles["till --open"].code and styles["skip"].strike
    _portfolio_with(portfolio_file, "till.md", "text/markdown", MARKDOWN)
    out = tmp_path / "out.pdf"
    export(portfolio_file, out)
    with pymupdf.open(out) as pdf:
        page = next(p for p in pdf if "store opens" in p.get_text())
        spans = [
            s
            for b in page.get_text("dict")["blocks"]
            for line in b.get("lines", [])
            for s in line["spans"]
        ]
        text = page.get_text()
    assert "Bold" in _font_of(spans, "before")
    assert "Italic" in _font_of(spans, "never")
    assert "Mono" in _font_of(spans, "till --open")
    assert "**" not in text and "`" not in text


def test_a_page_after_an_image_appendix_does_not_say_it_continues_the_image(
    tmp_path: Path,
) -> None:
    """The 30-entry demo's Challenge 25 notice (an image appendix) once labelled the next
    appendix's page "Appendix 3 (continued): challenge-25-notice.png"."""
    from portfolio.demo import create_demo

    path = tmp_path / "demo.portfolio"
    create_demo(path, entries=30, attachments=True).close()
    out = tmp_path / "demo.pdf"
    export(path, out)
    with pymupdf.open(out) as doc:
        for page in doc:
            text = page.get_text()
            for name in re.findall(r"\(continued\): (\S+\.(?:png|jpg))", text):
                assert page.get_image_info(), f"page {page.number + 1} continues {name}"


def test_the_word_reader_is_imported_only_when_a_word_appendix_exists(
    portfolio_file: Path, tmp_path: Path
) -> None:
    import subprocess
    import sys

    _portfolio_with(portfolio_file, "till.md", "text/markdown", MARKDOWN)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from portfolio.services.portfolio import Portfolio\n"
        f"with Portfolio.open(Path({str(portfolio_file)!r}), read_only=True) as pf:\n"
        f"    pf.exporting.export_pdf(Path({str(tmp_path / 'o.pdf')!r}))\n"
        "print('portfolio.export.wordread' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300
    )
    assert done.stdout.strip().splitlines()[-1] == "False"


def test_a_photograph_stays_a_jpeg_even_when_resampled(
    portfolio_file: Path, tmp_path: Path
) -> None:
    photo = io.BytesIO()
    Image.effect_noise((1200, 600), 40).convert("RGB").save(photo, format="JPEG", quality=85)
    _portfolio_with(portfolio_file, "photo.docx", DOCX_MEDIA, _word(photo.getvalue()))
    out = tmp_path / "out.pdf"
    result = export(portfolio_file, out)
    with pikepdf.open(out) as pdf:
        images = [
            x
            for page in pdf.pages
            for x in page.Resources.get("/XObject", {}).values()
            if x.get("/Subtype") == "/Image"
        ]
        # 2 inches wide at 300 ppi at most: 600 pixels kept of 1200, still a JPEG.
        filters = [(int(x.Width), [str(f) for f in pikepdf.Array(x.Filter)]) for x in images]
        assert filters == [(600, ["/DCTDecode"])]
    assert result.pdfa == "PDF/A-2b"


def test_a_picture_in_the_header_is_read_from_the_headers_own_relationships() -> None:
    document = docx.Document()
    header = document.sections[0].header.paragraphs[0]
    header.text = "Logo: "
    header.add_run().add_picture(io.BytesIO(_png(40, 20)), width=Inches(1))
    document.add_paragraph("body")
    out = io.BytesIO()
    document.save(out)
    doc = read_document(out.getvalue(), "docx", "logo.docx")
    assert [b.kind for b in doc.header] == ["paragraph", "picture"]
    picture = doc.header[1].picture
    assert picture is not None and picture.pixels == (40, 20) and round(picture.width) == 72


def test_tables_nested_deeper_than_the_limit_become_their_text() -> None:
    from portfolio.export.wordread import MAX_TABLE_DEPTH

    document = docx.Document()
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    for depth in range(MAX_TABLE_DEPTH + 3):
        cell.paragraphs[0].text = f"LEVEL-{depth}"
        cell = cell.add_table(rows=1, cols=1).cell(0, 0)
    out = io.BytesIO()
    document.save(out)
    [block] = read_document(out.getvalue(), "docx", "deep.docx").blocks
    depth = 1
    while block.cells:
        block = block.cells[0][0][-1]
        depth += 1
    # The deepest table kept holds the deeper ones as plain lines of text.
    assert block.kind == "table" and depth == MAX_TABLE_DEPTH
    lines = block.rows[0][0].split("\n")
    assert lines == [f"LEVEL-{n}" for n in range(MAX_TABLE_DEPTH - 1, MAX_TABLE_DEPTH + 3)]


def test_a_table_cell_taller_than_a_page_is_split_across_pages(
    portfolio_file: Path, tmp_path: Path
) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Step"
    for i in range(150):
        table.cell(1, 0).add_paragraph(f"TALL-LINE {i} of a very long cell")
    table.cell(1, 1).paragraphs[0].add_run("BOLD-CELL").bold = True
    out = io.BytesIO()
    document.save(out)
    _portfolio_with(portfolio_file, "tall.docx", DOCX_MEDIA, out.getvalue())
    result = export(portfolio_file, tmp_path / "out.pdf")
    with pymupdf.open(tmp_path / "out.pdf") as doc:
        text = " ".join(page.get_text() for page in doc)
    assert "TALL-LINE 0 " in text and "TALL-LINE 149 " in text
    assert result.pdfa == "PDF/A-2b"
