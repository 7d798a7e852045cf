"""What the export does to lay out less and write less, and that nothing it promises is lost:
paragraphs broken once per width, subset codes by translation, links written whole by the
canvas (description, printable, parent-tree key) and named by the structure tree the canvas
writes as it saves."""

from __future__ import annotations

import functools
import io
from pathlib import Path

import pikepdf
import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate
from reportlab.platypus.doctemplate import BaseDocTemplate

from portfolio.export.pdf import fallback, tagging, textcodes
from portfolio.export.pdf import styles as st
from portfolio.export.pdf.flowables import Anchor
from portfolio.export.pdf.pagerefs import PageRegistry
from portfolio.export.pdf.parts import Para, para
from portfolio.export.pdf.tagging import TaggedCanvas, Tagger


def _style() -> ParagraphStyle:
    st.register_fonts()
    return ParagraphStyle("body", fontName=st.FONT, fontSize=10, leading=14)


def _build(tmp_path: Path, story: list) -> pikepdf.Pdf:
    st.register_fonts()
    tagging.install()
    textcodes.install()
    tagger = Tagger()
    path = tmp_path / "t.pdf"
    doc: BaseDocTemplate = SimpleDocTemplate(str(path), initialFontName=st.FONT)
    doc.build(
        story,
        canvasmaker=functools.partial(
            TaggedCanvas, tagger=tagger, substitutes=st.STANDARD_SUBSTITUTES
        ),
    )
    return pikepdf.open(path)  # the canvas wrote the structure tree as it saved


# -- paragraphs broken once per width ------------------------------------------------------------


def test_a_paragraph_breaks_its_lines_once_per_width(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "The customer asked for a refund and I explained the policy to them. " * 6
    p = para(text, _style())
    assert isinstance(p, Para)
    calls: list[float] = []
    original = Paragraph.breakLines

    def counting(self: Paragraph, widths: list[float]) -> object:
        calls.append(widths[0])
        return original(self, widths)

    monkeypatch.setattr(Paragraph, "breakLines", counting)
    first = p.wrap(300, 1000)
    assert p.wrap(300, 500) == first  # the height does not depend on the room below
    assert len(calls) == 1
    narrower = p.wrap(200, 1000)
    assert len(calls) == 2 and narrower[1] > first[1]
    assert p.wrap(300, 1000) == first and len(calls) == 3


def test_a_paragraph_moved_whole_to_the_next_page_is_broken_again() -> None:
    p = para("One line only, too tall for the room left.", _style())
    p.wrap(300, 1000)
    assert p.split(300, 5) == []  # no room for two lines: reportlab drops its lines
    assert "blPara" not in p.__dict__
    assert p.wrap(300, 1000)[1] == 14  # broken again, not an answer from before the split
    assert "blPara" in p.__dict__


def test_paragraphs_lay_out_the_same_with_and_without_the_kept_breaking(tmp_path: Path) -> None:
    words = "The evidence shows how I greeted the customer. " * 60

    def pages(make: type[Paragraph], name: str) -> list[bytes]:
        story = [make(words, _style()) for _ in range(4)]
        doc = SimpleDocTemplate(str(tmp_path / name), initialFontName=st.FONT, invariant=1)
        doc.build(story)
        return [p.Contents.read_bytes() for p in pikepdf.open(tmp_path / name).pages]

    kept, plain = pages(Para, "kept.pdf"), pages(Paragraph, "plain.pdf")
    assert len(kept) > 1  # the paragraphs split across pages
    assert kept == plain


# -- subset codes ----------------------------------------------------------------------------------


def test_subset_codes_by_translation_equal_reportlabs_own() -> None:
    st.register_fonts()
    textcodes.install()
    font = pdfmetrics.getFont(st.FONT)
    fast = font.splitString
    slow = type(font).splitString.__wrapped__

    class Doc:  # each document has its own subset state
        pass

    doc_fast, doc_slow = Doc(), Doc()
    runs = [
        "Plain ASCII first.",
        "Ŵyn a thŷ — naïve café, “quotes”",  # new codes, given by reportlab
        "Ŵyn a thŷ again: now every character has a code",
        "no\u00a0break space",
        "",
        "".join(chr(c) for c in range(0x400, 0x4FF)),  # Cyrillic: beyond the first subset
        "Back to plain text after the second subset.",
        "Кириллица и ASCII вместе",
    ]
    for text in runs:
        assert fast(text, doc_fast) == slow(font, text, doc_slow), text
    assert font.state[doc_fast].assignments == font.state[doc_slow].assignments


def test_text_runs_written_from_known_codes_equal_reportlabs_own() -> None:
    """``textcodes.formatted`` (through the fallback hook) writes, run by run, the operators
    reportlab's own ``_formatText`` writes: font selections, subsets and escapes included."""
    st.register_fonts()
    fallback.install()
    textcodes.install()
    fast_canvas, slow_canvas = Canvas(io.BytesIO()), Canvas(io.BytesIO())
    fast, slow = fast_canvas.beginText(0, 0), slow_canvas.beginText(0, 0)
    reportlabs = PDFTextObject._formatText.__wrapped__
    runs = [
        (st.FONT, "First run: (brackets) and \\ a backslash"),
        (st.FONT, "First run: (brackets) and \\ a backslash"),  # every code known now
        (st.FONT_BOLD, "Bold: new codes"),
        (st.FONT_BOLD, "Bold: new codes"),
        (st.FONT, "Back in the regular font, known characters"),
        (st.FONT, "Ŵyn a thŷ — “naïve”"),  # new characters: reportlab assigns them
        (st.FONT, "Ŵyn a thŷ — “naïve” again"),
        (st.FONT, "".join(chr(c) for c in range(0x400, 0x4FF))),  # beyond the first subset
        (st.FONT, "plain text after the second subset"),
        (st.FONT, "a tab\there: ASCII, yet not its own code"),
        (st.FONT, "a tab\there: ASCII, yet not its own code"),
        (st.FONT, ""),
        ("Helvetica", "A standard font: never from the codes"),
    ]
    for font, text in runs:
        fast.setFont(font, 9)
        slow.setFont(font, 9)
        assert fast._formatText(text) == reportlabs(slow, text), (font, text)
        assert fast._curSubset == slow._curSubset
    assert textcodes.formatted(fast, "Plain") is None, "not in a standard font"
    fast.setFont(st.FONT, 9)
    assert textcodes.formatted(fast, "Plain") is not None, "the fast path was taken"
    assert textcodes.formatted(fast, "new: \u0416\u0401 \u2603") is None


# -- links written whole ---------------------------------------------------------------------------


def _link_story(registry: PageRegistry) -> list:
    style = _style()
    return [
        Anchor(registry, "top", "Top"),
        Paragraph("Start.", style),
        PageBreak(),
        Paragraph(
            "Back to <a href='#top'>the start</a> and on to <a href='#end'>the end</a>.", style
        ),
        Paragraph("Out to <a href='https://example.org/'>the guidance</a>.", style),
        PageBreak(),
        Anchor(registry, "end", "End"),
        Paragraph("The end.", style),
    ]


def test_every_link_says_where_it_goes_prints_and_has_its_link_element(tmp_path: Path) -> None:
    pdf = _build(tmp_path, _link_story(PageRegistry()))
    annots = list(pdf.pages[1].Annots)
    assert [str(a.Contents) for a in annots] == [
        "Go to page 1",
        "Go to page 3",
        "Open https://example.org/",
    ]
    root = pdf.Root.StructTreeRoot
    nums = list(root.ParentTree.Nums)
    tree = dict(zip(nums[::2], nums[1::2], strict=True))
    assert [int(p.StructParents) for p in pdf.pages] == [0, 1, 2]
    for annot in annots:
        assert int(annot.F) == tagging.PRINT_FLAG
        element = tree[int(annot.StructParent)]
        assert element.S == "/Link"
        assert element.K[0].Type == "/OBJR" and element.K[0].Obj.objgen == annot.objgen
    assert sorted(int(a.StructParent) for a in annots) == [3, 4, 5]
    assert int(root.ParentTreeNextKey) == 6
    assert [int(k) for k in nums[::2]] == sorted(int(k) for k in nums[::2])


def test_a_link_drawn_in_a_form_is_not_in_the_structure_tree(tmp_path: Path) -> None:
    st.register_fonts()
    tagging.install()
    tagger = Tagger()
    path = tmp_path / "f.pdf"
    canvas = TaggedCanvas(str(path), tagger=tagger)
    canvas.bookmarkPage("here")
    canvas.beginForm("f")
    canvas.linkRect("", "here", (0, 0, 10, 10), addtopage=0)
    canvas.endForm()
    canvas.linkRect("", "here", (0, 0, 10, 10))
    canvas.showPage()
    canvas.save()
    assert tagger.links == 1
    pdf = pikepdf.open(path)
    assert [str(e.S) for e in pdf.Root.StructTreeRoot.K.K] == ["/Link"]
    links = [a for a in pdf.pages[0].Annots if a.Subtype == "/Link"]
    assert len(links) == 1 and str(links[0].Contents) == "Go to page 1"


# -- labels drawn from their first text object ---------------------------------------------------


def test_a_label_is_written_again_as_first_made_and_a_new_colour_is_a_new_label(
    tmp_path: Path,
) -> None:
    from reportlab.lib.colors import Color
    from reportlab.pdfgen.canvas import Canvas

    from portfolio.export.pdf.flowables import Label

    style = ParagraphStyle("section_label", fontName=st.FONT, fontSize=8, leading=12)
    st.register_fonts()
    canvas = Canvas(str(tmp_path / "l.pdf"))
    ink, red = Color(0, 0, 0), Color(0.6, 0.1, 0.1)
    codes = []
    for runs in ([("TASK", ink)], [("TASK", ink)], [("TASK", red)], [("ACTION", ink)]):
        label = Label(runs, style)
        label.wrap(200, 100)
        before = len(canvas._code)
        label.drawOn(canvas, 0, 0)
        codes.append(next(c for c in canvas._code[before:] if c.startswith("BT")))
    assert codes[0] == codes[1]
    assert codes[2] != codes[0] and ".6 .1 .1 rg" in codes[2]
    assert codes[3] != codes[0]
