"""``SideBySide``: an entry's appendix line and its page reference laid out as the one-row table
they were, without being a table (placement, splitting, and what the structure tree holds)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table
from reportlab.platypus.doctemplate import BaseDocTemplate

from portfolio.export.pdf import styles as st
from portfolio.export.pdf import tagging
from portfolio.export.pdf.flowables import SideBySide
from portfolio.export.pdf.tagging import TaggedCanvas, Tagger

WIDTHS = [300.0, 120.0]


class _Box(Flowable):
    """A fixed-size flowable that records where it was drawn (page coordinates)."""

    def __init__(self, name: str, height: float, drawn: list[tuple[str, float, float]]) -> None:
        super().__init__()
        self.name, self.box_height, self.drawn = name, height, drawn
        self.given_width = 0.0

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        self.given_width = aW
        return aW, self.box_height

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        cx, cy = canvas._currentMatrix[4], canvas._currentMatrix[5]  # any enclosing translation
        self.drawn.append((self.name, round(cx + x, 4), round(cy + y, 4)))


def _style() -> ParagraphStyle:
    st.register_fonts()
    return ParagraphStyle("body", fontName=st.FONT, fontSize=10, leading=13)


def _build(path: Path, story: list[Flowable]) -> pikepdf.Pdf:
    st.register_fonts()
    tagging.install()
    doc: BaseDocTemplate = SimpleDocTemplate(str(path), initialFontName=st.FONT)
    doc.build(
        story,
        canvasmaker=functools.partial(
            TaggedCanvas, tagger=Tagger(), substitutes=st.STANDARD_SUBSTITUTES
        ),
    )
    return pikepdf.open(path)


def test_parts_are_placed_and_sized_as_a_one_row_table_would_place_them(tmp_path: Path) -> None:
    as_table: list[tuple[str, float, float]] = []
    as_pair: list[tuple[str, float, float]] = []
    table = Table(
        [[_Box("left", 40, as_table), _Box("right", 12, as_table)]],
        colWidths=WIDTHS,
        style=[("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "TOP")],
    )
    pair = SideBySide([_Box("left", 40, as_pair), _Box("right", 12, as_pair)], WIDTHS)
    story: list[Flowable] = [table, pair]
    _build(tmp_path / "t.pdf", story)
    assert pair.wrap(420, 500) == table.wrap(420, 500)
    assert pair.items[0].given_width == WIDTHS[0] - 6  # the table's right padding
    height = pair.height
    # The pair sits right under the table: the same places, one table height lower.
    assert [(n, x, y + height) for n, x, y in as_pair] == as_table


def test_it_moves_to_the_next_page_whole_and_refuses_to_split(tmp_path: Path) -> None:
    drawn: list[tuple[str, float, float]] = []
    pair = SideBySide([_Box("left", 80, drawn), _Box("right", 12, drawn)], WIDTHS)
    assert pair.split(420, 50) == []
    frame_height = SimpleDocTemplate(str(tmp_path / "x.pdf")).height
    pdf = _build(tmp_path / "t.pdf", [Spacer(1, frame_height - 40), pair])
    assert len(pdf.pages) == 2
    assert [name for name, _, _ in drawn] == ["left", "right"]


def test_each_part_is_its_own_paragraph_in_reading_order_with_no_table(tmp_path: Path) -> None:
    style = _style()
    pdf = _build(
        tmp_path / "t.pdf",
        [
            Paragraph("Before", style),
            SideBySide(
                [Paragraph("Appendix 3: notes.txt", style), Paragraph("p. 9", style)], WIDTHS
            ),
            Paragraph("After", style),
        ],
    )
    root = pdf.Root.StructTreeRoot.K
    kids = [k for k in root.K if isinstance(k, pikepdf.Dictionary)]
    assert [str(k.S) for k in kids] == ["/P", "/P", "/P", "/P"]
    assert [int(k.K[0]) for k in kids] == [0, 1, 2, 3], "marked content in reading order"


def test_a_width_is_needed_for_every_part() -> None:
    style = _style()
    with pytest.raises(ValueError, match="one width per item"):
        SideBySide([Paragraph("a", style), Paragraph("b", style)], [100.0])
