"""The tagging module on its own: small reportlab documents drawn on a TaggedCanvas, the structure
tree written by the canvas as reportlab saves, then read back and checked, element by element
and operator by operator."""

from __future__ import annotations

import functools
import io
from pathlib import Path

import pikepdf
import pytest
from PIL import Image
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table
from reportlab.platypus.doctemplate import BaseDocTemplate

from portfolio.export.pdf import styles as st
from portfolio.export.pdf import tagging
from portfolio.export.pdf.flowables import LazyImage
from portfolio.export.pdf.tagging import TaggedCanvas, Tagger


def _build(tmp_path: Path, story: list, name: str = "t.pdf") -> pikepdf.Pdf:
    st.register_fonts()
    tagging.install()
    tagger = Tagger()
    path = tmp_path / name
    doc: BaseDocTemplate = SimpleDocTemplate(str(path), initialFontName=st.FONT)
    doc.build(
        story,
        canvasmaker=functools.partial(
            TaggedCanvas, tagger=tagger, substitutes=st.STANDARD_SUBSTITUTES
        ),
    )
    return pikepdf.open(path)  # the canvas wrote the structure tree as it saved


def _elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    found: list[pikepdf.Dictionary] = []

    def walk(elem: pikepdf.Dictionary) -> None:
        found.append(elem)
        for kid in elem.K:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                walk(kid)

    walk(pdf.Root.StructTreeRoot.K)
    return found


def _roles(pdf: pikepdf.Pdf) -> list[str]:
    return [str(e.S)[1:] for e in _elements(pdf)]


def _mcr_pages(elem: pikepdf.Dictionary, pdf: pikepdf.Pdf) -> set[int]:
    """0-based pages of every marked-content reference at or below ``elem``."""
    index = {p.objgen: i for i, p in enumerate(p.obj for p in pdf.pages)}
    pages: set[int] = set()

    def walk(e: pikepdf.Dictionary) -> None:
        for kid in e.K:
            if isinstance(kid, int):  # an MCID on the element's own page
                pages.add(index[e.Pg.objgen])
            elif kid.get("/Type") == "/MCR":
                pages.add(index[kid.Pg.objgen])
            elif kid.get("/Type") == "/StructElem":
                walk(kid)

    walk(elem)
    return pages


def _style(name: str) -> ParagraphStyle:
    st.register_fonts()
    return ParagraphStyle(name, fontName=st.FONT, fontSize=10, leading=13)


def test_headings_paragraphs_and_lists_come_from_the_style_names(tmp_path: Path) -> None:
    pdf = _build(
        tmp_path,
        [
            Paragraph("Unit 1", _style("h1")),
            Paragraph("Achievement", _style("h2")),
            Paragraph("Body text.", _style("body")),
            Paragraph("First claim", _style("claim"), bulletText="1.1"),
            Paragraph("Second claim", _style("claim"), bulletText="1.2"),
        ],
    )
    assert _roles(pdf) == ["Document", "H1", "H2", "P", "L", "LI", "LBody", "LI", "LBody"]
    assert pdf.Root.Lang == "en-GB"
    assert pdf.Root.MarkInfo.Marked is True
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True


def test_a_table_broken_across_pages_is_one_table_with_its_header_once(tmp_path: Path) -> None:
    label, cell = _style("label"), _style("cell")
    rows = [[Paragraph("AC", label), Paragraph("Criterion", label)]]
    rows += [[Paragraph(f"{n}.1", cell), Paragraph(f"Row {n}", cell)] for n in range(120)]
    pdf = _build(tmp_path, [Table(rows, repeatRows=1)])
    tables = [e for e in _elements(pdf) if e.S == "/Table"]
    assert len(pdf.pages) >= 3
    assert len(tables) == 1
    assert _mcr_pages(tables[0], pdf) == set(range(len(pdf.pages)))
    trs = [k for k in tables[0].K if k.S == "/TR"]
    assert len(trs) == 121  # the header row once, every data row once
    header = [str(c.S) for c in trs[0].K]
    assert header == ["/TH", "/TH"]
    assert all(c.A.Scope == "/Column" for c in trs[0].K)
    assert {str(c.S) for tr in trs[1:] for c in tr.K} == {"/TD"}
    # the repeated header on later pages is drawn as an artefact, not tagged again
    ops = pikepdf.parse_content_stream(pdf.pages[1])
    assert any(op.operator == pikepdf.Operator("BMC") for op in ops)


def test_label_value_rows_have_row_headers(tmp_path: Path) -> None:
    label, body = _style("label"), _style("body")
    table = Table([[Paragraph("Learner", label), Paragraph("Zoë", body)]] * 2)
    pdf = _build(tmp_path, [table])
    cells = [e for e in _elements(pdf) if e.S in ("/TH", "/TD")]
    assert [(str(c.S), str(c.A.Scope) if "/A" in c else None) for c in cells] == [
        ("/TH", "/Row"),
        ("/TD", None),
    ] * 2


def test_a_figure_carries_its_alt_text(tmp_path: Path) -> None:
    buf = io.BytesIO()
    Image.new("RGB", (60, 40), (10, 120, 90)).save(buf, format="PNG")
    image = LazyImage(lambda: buf.getvalue(), 200, 200, alt="The till screen after the refund")
    pdf = _build(tmp_path, [image])
    figures = [e for e in _elements(pdf) if e.S == "/Figure"]
    assert [str(f.Alt) for f in figures] == ["The till screen after the refund"]


def test_any_flowable_with_alt_text_is_a_figure(tmp_path: Path) -> None:
    from reportlab.platypus import Flowable

    class Chart(Flowable):
        alt = "Entries per month: 3 in March, 5 in April"

        def wrap(self, aW: float, aH: float) -> tuple[float, float]:
            return 100, 50

        def draw(self) -> None:
            self.canv.rect(0, 0, 100, 50)

    pdf = _build(tmp_path, [Chart()])
    figures = [e for e in _elements(pdf) if e.S == "/Figure"]
    assert [str(f.Alt) for f in figures] == ["Entries per month: 3 in March, 5 in April"]


def test_links_are_link_elements_pointing_at_their_annotation(tmp_path: Path) -> None:
    para = Paragraph('See <a href="https://example.org/">the guidance</a>.', _style("body"))
    pdf = _build(tmp_path, [para])
    links = [e for e in _elements(pdf) if e.S == "/Link"]
    assert len(links) == 1
    objr = links[0].K[0]
    assert objr.Type == "/OBJR"
    annot = pdf.pages[0].Annots[0]
    assert objr.Obj.objgen == annot.objgen
    key = int(annot.StructParent)
    nums = list(pdf.Root.StructTreeRoot.ParentTree.Nums)
    assert nums[nums.index(key, 1) + 1].objgen == links[0].objgen


def _content_outside_marked(page: pikepdf.Page) -> list[str]:
    """Painting operators drawn outside any marked-content sequence (must be none)."""
    paint = {"Tj", "TJ", "'", '"', "Do", "f", "f*", "S", "B", "b", "re", "sh", "BI"}
    depth, loose = 0, []
    for _operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BDC", "BMC"):
            depth += 1
        elif op == "EMC":
            depth -= 1
        elif op in paint and depth == 0:
            loose.append(op)
    return loose


def test_every_mark_is_tagged_or_an_artefact_and_the_parent_tree_matches(tmp_path: Path) -> None:
    rows = [
        [Paragraph("A", _style("label"))],
        *[[Paragraph(f"r{n}", _style("cell"))] for n in range(80)],
    ]
    pdf = _build(tmp_path, [Paragraph("Head", _style("h1")), Table(rows, repeatRows=1)])
    nums = list(pdf.Root.StructTreeRoot.ParentTree.Nums)
    for index, page in enumerate(pdf.pages):
        assert _content_outside_marked(page) == []
        assert int(page.StructParents) == index
        mcids = [
            int(operands[1].MCID)
            for operands, op in pikepdf.parse_content_stream(page)
            if str(op) == "BDC" and "/MCID" in operands[1]
        ]
        parents = nums[nums.index(index) + 1]
        assert mcids == list(range(len(parents)))


def test_a_plain_canvas_is_drawn_exactly_as_before(tmp_path: Path) -> None:
    st.register_fonts()
    tagging.install()
    path = tmp_path / "plain.pdf"
    SimpleDocTemplate(str(path)).build([Paragraph("Untouched", _style("h1"))])
    with pikepdf.open(path) as pdf:
        ops = {str(op) for _, op in pikepdf.parse_content_stream(pdf.pages[0])}
        assert not ops & {"BDC", "BMC", "EMC"}
        assert "/StructTreeRoot" not in pdf.Root


@pytest.mark.parametrize("font", ["Helvetica", "Helvetica-Bold", "Times-Roman", "Courier"])
def test_standard_fonts_asked_for_are_swapped_for_embedded_ones(tmp_path: Path, font: str) -> None:
    from portfolio.export.pdf.fonts import all_fonts

    pdf = _build(
        tmp_path, [Table([["a plain string cell"]], style=[("FONT", (0, 0), (-1, -1), font)])]
    )
    used = all_fonts(pdf)
    assert used and all(embedded for _, embedded in used), used


def test_a_bullet_in_a_standard_font_is_drawn_in_an_embedded_one(tmp_path: Path) -> None:
    from portfolio.export.pdf.fonts import all_fonts

    style = ParagraphStyle("item", parent=_style("body"), bulletFontName="Helvetica")
    pdf = _build(tmp_path, [Paragraph("First step", style, bulletText="1.")])
    used = all_fonts(pdf)
    assert used and all(embedded for _, embedded in used), used
