"""A text, Markdown or Word document laid out in its appendix, looking like the document.

The blocks come from ``export.readable`` / ``export.wordread``; here they become flowables:
headings, paragraphs and list items keep their emphasis as reportlab paragraph markup (bold,
italic, underline, strike, raised and lowered text, code in the bundled monospace font), the text
of each piece escaped first, so a "<" or "&" in the learner's document stays text. The markup
only picks the bundled family's bold and italic faces, so text the family lacks (Hebrew, emoji)
still falls back run by run (``pdf.fallback`` splits the fragments the markup makes).

A Word document's header and footer are shown once each, at the top and the bottom, labelled.
Its pictures are placed where they stand in the text, at the size the document gives them (else
at their own resolution, as attached images are), never wider than the page; pixels beyond
``images.MAX_PPI`` at the placed size are resampled away before embedding, and each picture is
a Figure in the structure tree with its description as alt text (``tagging`` makes any flowable
with ``alt`` a Figure). A picture that could not be read is named in one line instead. PIL is
imported only when a picture is drawn.
"""

from __future__ import annotations

import functools
import io
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, HRFlowable, Paragraph, Table, TableStyle

from portfolio.export.blocks import Block, Picture, Readable, Span
from portfolio.export.pdf import styles as st
from portfolio.export.pdf.parts import grid_style, para
from portfolio.resources import resource_path

MONO = "PortfolioMono"
_MONO_FILES = {
    MONO: "PortfolioMetricMono-Regular.ttf",
    f"{MONO}-Bold": "PortfolioMetricMono-Bold.ttf",
    f"{MONO}-Italic": "PortfolioMetricMono-Italic.ttf",
    f"{MONO}-BoldItalic": "PortfolioMetricMono-BoldItalic.ttf",
}
PICTURE_MAX_HEIGHT = st.PAGE_HEIGHT - st.MARGIN_TOP - st.MARGIN_BOTTOM - 40 * mm
CELL_PICTURE_MAX_HEIGHT = 60 * mm
_CODE_COLOUR = "#1D4E5F"


def document_flowables(doc: Readable, filename: str) -> list[Flowable]:
    """The document's header (once), its blocks, and its footer (once)."""
    s = st.styles()
    layout = _Layout(filename)
    out: list[Flowable] = []
    if doc.header:
        out.append(para("DOCUMENT HEADER (on every page of the document; shown once)", s.label))
        out += layout.blocks(doc.header, st.FRAME_WIDTH)
        out.append(HRFlowable(width="100%", thickness=0.4, color=st.RULE, spaceAfter=6))
    if not doc.blocks:
        out.append(para("This document has no text.", s.muted))
    out += layout.blocks(doc.blocks, st.FRAME_WIDTH)
    if doc.truncated:
        out.append(
            para(
                "The document continues beyond this point; the whole of it is in the evidence "
                "package.",
                s.muted,
            )
        )
    if doc.footer:
        out.append(
            HRFlowable(width="100%", thickness=0.4, color=st.RULE, spaceBefore=6, spaceAfter=4)
        )
        out.append(para("DOCUMENT FOOTER (on every page of the document; shown once)", s.label))
        out += layout.blocks(doc.footer, st.FRAME_WIDTH)
    return out


class _Layout:
    """Lays out the blocks of one document, numbering its pictures for their default alt."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.pictures = 0

    def blocks(
        self, blocks: tuple[Block, ...], width: float, *, in_cell: bool = False
    ) -> list[Flowable]:
        s = st.styles()
        out: list[Flowable] = []
        for block in blocks:
            if block.kind == "heading":
                style = s.cell_bold if in_cell else {1: s.h2, 2: s.h3}.get(block.level, s.h3)
                heading = _text(block, style)
                heading.keepWithNext = True
                out.append(heading)
            elif block.kind == "item":
                out.append(_text(block, item_style(block.level, in_cell), bullet=block.marker))
            elif block.kind == "table":
                out.append(self.table(block, width))
            elif block.kind == "picture" and block.picture is not None:
                out.append(self.picture(block.picture, in_cell=in_cell))
            else:
                out.append(_text(block, s.cell if in_cell else s.body))
        return out

    def picture(self, picture: Picture, *, in_cell: bool) -> Flowable:
        self.pictures += 1
        if picture.data is None:
            return para(
                f"Picture {self.pictures} ({picture.name}) {picture.problem}; the whole "
                "document is in the evidence package.",
                st.styles().muted,
            )
        alt = picture.alt or (
            f"Picture {self.pictures} of the Word document {self.filename} (no description)"
        )
        return DocPicture(picture, alt, CELL_PICTURE_MAX_HEIGHT if in_cell else PICTURE_MAX_HEIGHT)

    def table(self, block: Block, width: float) -> Table:
        s = st.styles()
        columns = max(len(r) for r in block.rows)
        cell_width = width / columns
        data: list[list[object]]
        if block.cells:
            data = [
                [self.blocks(cell, cell_width - 10, in_cell=True) for cell in row]
                for row in block.cells
            ]
        else:
            data = [[para(cell, s.cell) for cell in row] for row in block.rows]
        table = Table(
            data, colWidths=[cell_width] * columns, repeatRows=1, splitByRow=True, splitInRow=1
        )
        style = grid_style()
        style.append(("GRID", (0, 0), (-1, -1), 0.4, st.RULE))
        table.setStyle(TableStyle(style))
        return table


def _text(block: Block, style: ParagraphStyle, bullet: str | None = None) -> Paragraph:
    if not block.spans:
        return para(block.text, style, bullet=bullet)
    return para(markup(block.spans), style, markup=True, bullet=bullet)


def markup(spans: tuple[Span, ...]) -> str:
    """reportlab paragraph markup for the spans, each one's text escaped."""
    out: list[str] = []
    for span in spans:
        text = escape(span.text).replace("\n", "<br/>")
        if span.code:
            face = _mono() if _mono_covers(span.text) else st.FONT
            text = f'<font face="{face}" color="{_CODE_COLOUR}">{text}</font>'
        if span.script:
            text = f"<{span.script}>{text}</{span.script}>"
        if span.strike:
            text = f"<strike>{text}</strike>"
        if span.underline:
            text = f"<u>{text}</u>"
        if span.italic:
            text = f"<i>{text}</i>"
        if span.bold:
            text = f"<b>{text}</b>"
        out.append(text)
    return "".join(out)


@functools.cache
def _mono() -> str:
    """The bundled monospace family (Liberation Mono's metrics), registered on first use."""
    st.register_fonts()
    for name, filename in _MONO_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
    pdfmetrics.registerFontFamily(
        MONO,
        normal=MONO,
        bold=f"{MONO}-Bold",
        italic=f"{MONO}-Italic",
        boldItalic=f"{MONO}-BoldItalic",
    )
    return MONO


@functools.cache
def _mono_coverage() -> frozenset[int]:
    from fontTools.ttLib import TTFont as FontToolsFont

    with FontToolsFont(str(resource_path("fonts", _MONO_FILES[MONO])), lazy=True) as font:
        return frozenset(font.getBestCmap())


def _mono_covers(text: str) -> bool:
    """Code the monospace subset can draw whole (it has Latin-1 only); other code stays in the
    body font, whose fallbacks cover every script."""
    return _mono_coverage().issuperset(map(ord, text))


@functools.cache
def item_style(level: int, in_cell: bool = False) -> ParagraphStyle:
    """A list item of a document, indented by its nesting level."""
    base = st.styles().cell if in_cell else st.styles().body
    indent = 6 * mm + level * 6 * mm
    return ParagraphStyle(
        f"doc_item{level}{'_cell' if in_cell else ''}",
        parent=base,
        leftIndent=indent,
        bulletIndent=indent - 5 * mm,
        # The bundled font for the marker too: reportlab's default bullet font is Helvetica,
        # which is not embedded (no PDF/A).
        bulletFontName=st.FONT,
        bulletFontSize=base.fontSize,
        spaceAfter=2,
    )


class DocPicture(Flowable):
    """A picture from inside a document: its bytes were checked when the document was read."""

    def __init__(self, picture: Picture, alt: str, max_height: float, gap: float = 6) -> None:
        super().__init__()
        self.picture = picture
        self.alt = alt
        self._max_height = max_height
        self.gap = gap

    def natural_size(self) -> tuple[float, float]:
        """The size the document gives the picture, else its pixels at its own resolution."""
        p = self.picture
        if p.width > 0 and p.height > 0:
            return p.width, p.height
        from portfolio.export.pdf.sections.images import DEFAULT_PPI

        ppi = p.ppi or DEFAULT_PPI
        return max(p.pixels[0], 1) * 72 / ppi, max(p.pixels[1], 1) * 72 / ppi

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        w, h = self.natural_size()
        scale = min(1.0, aW / w, self._max_height / h)
        self.width, self.height = w * scale, h * scale
        return self.width, self.height + self.gap

    def draw(self) -> None:
        self.canv.drawImage(
            _image_reader(self.picture, self.width),
            0,
            self.gap,
            self.width,
            self.height,
            mask="auto",
        )


def _image_reader(picture: Picture, width: float) -> object:
    """The picture as reportlab embeds it. A photograph (JPEG) stays a JPEG: as it is when it is
    RGB or grey and not too big, else converted and resampled, then compressed again as a JPEG
    (raw pixels would be deflated, seconds per photo and a far bigger file). Anything else goes
    through PIL as RGB or RGBA (deflated, as a PNG would be). Resampled when it has more pixels
    than ``MAX_PPI`` at its placed width."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    from portfolio.export.pdf.sections.images import MAX_PPI

    data = picture.data or b""
    keep = max(1, int(width / 72 * MAX_PPI))
    with Image.open(io.BytesIO(data)) as img:
        photo = img.format == "JPEG"
        if photo and img.mode in ("RGB", "L") and img.width <= keep:
            return ImageReader(io.BytesIO(data))
        img.seek(0)
        alpha = not photo and (img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info)
        frame = img.convert("L" if photo and img.mode == "L" else "RGBA" if alpha else "RGB")
    if frame.width > keep:
        size = (keep, max(1, round(frame.height * keep / frame.width)))
        frame = frame.resize(size, Image.Resampling.LANCZOS)
    if not photo:
        return ImageReader(frame)
    out = io.BytesIO()
    frame.save(out, format="JPEG", quality=88)
    return ImageReader(io.BytesIO(out.getvalue()))
