"""A running mark draws nothing: it records the continuation label and adds nothing to the page
stream or the structure tree (it once made an empty P per entry)."""

from __future__ import annotations

import functools
from pathlib import Path
from types import SimpleNamespace

import pikepdf
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate
from reportlab.platypus.doctemplate import BaseDocTemplate

from portfolio.export.pdf import styles as st
from portfolio.export.pdf import tagging
from portfolio.export.pdf.sections.running import RunningLabels, RunningMark
from portfolio.export.pdf.tagging import TaggedCanvas, Tagger


def test_a_running_mark_records_its_label_and_adds_no_element(tmp_path: Path) -> None:
    st.register_fonts()
    tagging.install()
    style = ParagraphStyle("body", fontName=st.FONT, fontSize=10, leading=13)
    labels = RunningLabels()
    ctx = SimpleNamespace(running=labels)
    path = tmp_path / "t.pdf"
    doc: BaseDocTemplate = SimpleDocTemplate(str(path), initialFontName=st.FONT)
    doc.build(
        [
            Paragraph("Before", style),
            RunningMark(ctx, "E7", "Handling a complaint"),  # type: ignore[arg-type]
            Paragraph("After", style),
        ],
        canvasmaker=functools.partial(
            TaggedCanvas, tagger=Tagger(), substitutes=st.STANDARD_SUBSTITUTES
        ),
    )
    assert labels.current == ("E7", "Handling a complaint")
    assert labels.label_for(2) == ("E7", "Handling a complaint"), "a later page continues E7"
    pdf = pikepdf.open(path)
    root = pdf.Root.StructTreeRoot.K
    kids = [k for k in root.K if isinstance(k, pikepdf.Dictionary)]
    assert [str(k.S) for k in kids] == ["/P", "/P"]
    assert [int(k.K[0]) for k in kids] == [0, 1]
    stream = pdf.pages[0].Contents.read_bytes()
    assert stream.count(b"BDC") == 2, "marked content only for the two paragraphs"


def test_spacers_and_conditional_breaks_add_nothing_to_a_tagged_page() -> None:
    """A Spacer or CondPageBreak draws nothing; on a tagged canvas it is not drawn at all (no
    graphics state saved, moved and restored around nothing), while a subclass that draws
    something is drawn and tagged as before."""
    from reportlab.platypus import CondPageBreak, Spacer

    class Rule(Spacer):
        def draw(self) -> None:
            self.canv.line(0, 0, 10, 0)

    st.register_fonts()
    tagging.install()
    canvas = TaggedCanvas("unused.pdf", tagger=Tagger())
    before = list(canvas._code)
    Spacer(1, 12).drawOn(canvas, 40, 700)
    CondPageBreak(30).drawOn(canvas, 40, 650)
    assert canvas._code == before
    Rule(10, 1).drawOn(canvas, 40, 600)
    drawn = "\n".join(canvas._code[len(before) :])
    assert "BDC" in drawn and " l" in drawn and "cm" in drawn
