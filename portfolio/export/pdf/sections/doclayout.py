"""A text, Markdown or Word document laid out in its appendix, looking like the document.

The blocks come from ``export.readable`` / ``export.wordread``; here they become flowables:
headings, paragraphs and list items keep their emphasis as reportlab paragraph markup (bold,
italic, underline, strike, raised and lowered text, code in the bundled monospace font), the text
of each piece escaped first, so a "<" or "&" in the learner's document stays text. The markup
only picks the bundled family's bold and italic faces, so text the family lacks (Hebrew, emoji)
still falls back run by run (``pdf.fallback`` splits the fragments the markup makes).

A list item is its number or bullet beside its text, indented by its nesting level, and tagged
L > LI > Lbl + LBody with a deeper level nested in the item above it (``ListItem``). Footnotes,
endnotes and comments follow the body under their labels, each led by the mark it has in the
text. A Word document's header and footer are shown once each, at the top and the bottom,
labelled.
Its pictures are placed where they stand in the text, at the size the document gives them (else
at their own resolution, as attached images are), never wider than the page; pixels beyond
``images.MAX_PPI`` at the placed size are resampled away before embedding, and each picture is
a Figure in the structure tree with its description as alt text (``tagging`` makes any flowable
with ``alt`` a Figure). A picture that could not be read is named in one line instead, and in
one line of the export report. PIL is imported only when a picture is drawn.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, HRFlowable, Paragraph, Table, TableStyle

from portfolio.export.blocks import Block, Note, Picture, Readable, Span
from portfolio.export.pdf import styles as st
from portfolio.export.pdf.notemarks import NoteRefParagraph, mark_markup, note_target
from portfolio.export.pdf.parts import grid_style, para
from portfolio.export.pdf.sections.notetags import in_note
from portfolio.resources import resource_path

if TYPE_CHECKING:
    from portfolio.export.pdf.tagging import Node

MONO = "PortfolioMono"
_MONO_FILES = {
    MONO: "PortfolioMetricMono-Regular.ttf",
    f"{MONO}-Bold": "PortfolioMetricMono-Bold.ttf",
    f"{MONO}-Italic": "PortfolioMetricMono-Italic.ttf",
    f"{MONO}-BoldItalic": "PortfolioMetricMono-BoldItalic.ttf",
}
PICTURE_MAX_HEIGHT = st.PAGE_HEIGHT - st.MARGIN_TOP - st.MARGIN_BOTTOM - 40 * mm
CELL_PICTURE_MAX_HEIGHT = 60 * mm
# Nested lists are indented one step per level down to here (Word has nine levels; deeper ones
# would leave no room for the text); the structure tree nests them all the same to this depth.
MAX_NESTING = 5
LABEL_GAP = 1.5 * mm
_CODE_COLOUR = "#1D4E5F"


def document_flowables(
    doc: Readable, filename: str, problems: list[str] | None = None, *, key: str = ""
) -> list[Flowable]:
    """The document's header (once), its blocks, its footnotes, endnotes and comments, and its
    footer (once). A picture that cannot be shown adds one line to ``problems`` (for the export
    report), however many times the document places it. ``key`` (the appendix's, unique in
    the PDF) names the notes as link targets: each mark in the text links to its note."""
    s = st.styles()
    layout = _Layout(filename, key)
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
    for title, notes in (
        ("FOOTNOTES", doc.footnotes),
        ("ENDNOTES", doc.endnotes),
        (
            "COMMENTS (each marked in the text where it is anchored, by initials and number)",
            doc.comments,
        ),
    ):
        if notes:
            out += layout.notes(title, notes)
    if doc.footer:
        out.append(
            HRFlowable(width="100%", thickness=0.4, color=st.RULE, spaceBefore=6, spaceAfter=4)
        )
        out.append(para("DOCUMENT FOOTER (on every page of the document; shown once)", s.label))
        out += layout.blocks(doc.footer, st.FRAME_WIDTH)
    if problems is not None:
        problems += layout.problem_lines()
    return out


class _Layout:
    """Lays out the blocks of one document, numbering its pictures for their default alt."""

    def __init__(self, filename: str, key: str = "") -> None:
        self.filename = filename
        self.key = key  # the appendix's: note targets are named from it ("" for no links)
        self.pictures = 0
        self.problems: dict[str, list[int]] = {}  # problem -> the pictures (numbers) it hits

    def problem_lines(self) -> list[str]:
        """One line per picture problem ("Picture 2 (image2.png) is damaged ..."), however
        many places the same picture stands in."""
        lines = []
        for problem, numbers in self.problems.items():
            if len(numbers) == 1:
                lines.append(f"Picture {numbers[0]} {problem}.")
            elif problem.startswith("not shown"):
                lines.append(f"Pictures {numbers[0]} to {numbers[-1]} {problem}.")
            else:
                lines.append(
                    f"Picture {numbers[0]} {problem} (it stands in {len(numbers)} places)."
                )
        return lines

    def notes(self, title: str, notes: tuple[Note, ...]) -> list[Flowable]:
        """A labelled list of notes after the body, each led by the mark it has in the text
        (its own paragraphs, so a note with a table or a picture keeps them)."""
        s = st.styles()
        heading = para(title, s.section_label)
        heading.keepWithNext = True
        out: list[Flowable] = [
            HRFlowable(width="100%", thickness=0.4, color=st.RULE, spaceBefore=8, spaceAfter=2),
            heading,
        ]
        mark_style = (
            Span("", bold=True) if title.startswith("COMMENTS") else Span("", script="super")
        )
        kind = {"FOOTNOTES": "footnotes", "ENDNOTES": "endnotes"}.get(title, "comments")
        for note in notes:
            target = note_target(self.key, kind, note.mark) if self.key else ""
            blocks = list(note.blocks)
            lead = replace(mark_style, text=note.mark)
            first = blocks[0] if blocks else None
            if first is not None and first.kind in ("paragraph", "item", "heading"):
                spans = first.spans or (Span(first.text),)
                blocks[0] = replace(
                    first,
                    kind="paragraph",
                    text=f"{note.mark} {first.text}",
                    spans=(lead, Span(" "), *spans),
                )
            else:
                blocks.insert(0, Block("paragraph", note.mark, spans=(lead,)))
            out += in_note(self.blocks(tuple(blocks), st.FRAME_WIDTH), target)  # one Note
        return out

    def blocks(
        self, blocks: tuple[Block, ...], width: float, *, in_cell: bool = False
    ) -> list[Flowable]:
        s = st.styles()
        out: list[Flowable] = []
        lists: dict[int, str] = {}  # nesting level -> the list its last item belonged to
        for block in blocks:
            if block.kind != "item":
                lists.clear()
            if block.kind == "heading":
                style = s.cell_bold if in_cell else {1: s.h2, 2: s.h3}.get(block.level, s.h3)
                heading = _text(block, style, key=self.key)
                heading.keepWithNext = True
                out.append(heading)
            elif block.kind == "item":
                level = min(block.level, MAX_NESTING)
                before = lists.get(level)
                new_list = before is not None and before != block.group
                for deeper in [k for k in lists if k > level]:
                    del lists[deeper]
                lists[level] = block.group
                out.append(
                    list_item(block, level, new_list=new_list, in_cell=in_cell, key=self.key)
                )
            elif block.kind == "table":
                out.append(self.table(block, width))
            elif block.kind == "picture" and block.picture is not None:
                out.append(self.picture(block.picture, in_cell=in_cell))
            else:
                out.append(_text(block, s.cell if in_cell else s.body, key=self.key))
        return out

    def picture(self, picture: Picture, *, in_cell: bool) -> Flowable:
        self.pictures += 1
        if picture.data is None:
            limit = picture.problem.startswith("not shown")
            key = picture.problem if limit else f"({picture.name}) {picture.problem}"
            self.problems.setdefault(key, []).append(self.pictures)
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


def _text(
    block: Block, style: ParagraphStyle, bullet: str | None = None, *, key: str = ""
) -> Paragraph:
    if not block.spans:
        return para(block.text, style, bullet=bullet)
    if any(span.note for span in block.spans):
        return NoteRefParagraph(markup(block.spans, key), style, bulletText=bullet)
    return para(markup(block.spans), style, markup=True, bullet=bullet)


def markup(spans: tuple[Span, ...], key: str = "") -> str:
    """reportlab paragraph markup for the spans, each one's text escaped; a note's mark
    linked to its note when ``key`` (the appendix's) is given."""
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
        if span.note:  # tagged as a Reference where it is drawn
            text = mark_markup(text, note_target(key, span.note, span.text) if key else "")
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
    """The text of a list item of a document (its label is beside it, see ``ListItem``)."""
    base = st.styles().cell if in_cell else st.styles().body
    return ParagraphStyle(f"doc_item{level}{'_cell' if in_cell else ''}", parent=base, spaceAfter=2)


@functools.cache
def _label_style(in_cell: bool) -> ParagraphStyle:
    base = st.styles().cell if in_cell else st.styles().body
    return ParagraphStyle(
        f"doc_item_label{'_cell' if in_cell else ''}", parent=base, alignment=2, spaceAfter=0
    )


def list_item(
    block: Block, level: int, *, new_list: bool, in_cell: bool = False, key: str = ""
) -> Flowable:
    """A list item: its number or bullet beside its text, indented by its nesting level, the
    indent widened for a long number ("1.2.10.")."""
    body = _text(block, item_style(level, in_cell), key=key)
    label = para(block.marker, _label_style(in_cell)) if block.marker else None
    style = _label_style(in_cell)
    room = max(5 * mm, pdfmetrics.stringWidth(block.marker, style.fontName, style.fontSize) + 1)
    indent = level * 6 * mm + max(6 * mm, room + LABEL_GAP)
    return ListItem(label, body, indent, room, level, new_list=new_list)


@dataclass
class _ItemNodes:
    """The structure elements of one list item, shared by its parts when it breaks a page."""

    item: Node | None = None
    body: Node | None = None


class ListItem(Flowable):
    """One item of a document's list: the label right-aligned in the room before the text.

    It places itself in the structure tree (``tagging`` asks ``structure_node``): the item goes
    into the list it belongs to, nested inside the item above it for a deeper level, as
    L > LI > (Lbl, LBody), so a screen reader announces the list, its length and each number.
    An item that breaks across a page stays one LI with one LBody.
    """

    structure_group = True  # the LI has no content of its own: its label and body have

    def __init__(
        self,
        label: Paragraph | None,
        body: Paragraph,
        indent: float,
        room: float,
        level: int,
        *,
        new_list: bool = False,
        nodes: _ItemNodes | None = None,
    ) -> None:
        super().__init__()
        self.label = label
        self.body = body
        self.indent = indent
        self.room = room
        self.level = level
        self.new_list = new_list
        self.nodes = nodes or _ItemNodes()
        self._sizes = (0.0, 0.0, 0.0)

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        _, body_h = self.body.wrap(max(aW - self.indent, 20), aH)
        label_h = self.label.wrap(self.room, aH)[1] if self.label is not None else 0.0
        self.width, self.height = aW, max(body_h, label_h)
        self._sizes = (aW, body_h, label_h)
        return self.width, self.height

    def split(self, aW: float, aH: float) -> list[Flowable]:
        parts = self.body.split(max(aW - self.indent, 20), aH)
        if not parts:
            return []
        made = [
            ListItem(
                self.label if i == 0 else None,
                part,
                self.indent,
                self.room,
                self.level,
                new_list=self.new_list,
                nodes=self.nodes,
            )
            for i, part in enumerate(parts)
        ]
        return list(made)

    def getSpaceBefore(self) -> float:
        return float(self.body.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.body.getSpaceAfter())

    def structure_node(self, parent: Node, page: int) -> Node:
        if self.nodes.item is None:
            self.nodes.item = _list_item_node(parent, page, self.level, self.new_list)
        return self.nodes.item

    def _body_node(self, parent: Node, page: int) -> Node:
        if self.nodes.body is None:
            self.nodes.body = parent.add("LBody", page)
        return self.nodes.body

    def draw(self) -> None:
        _, body_h, label_h = self._sizes
        if self.label is not None:
            self.label.structure_node = lambda parent, page: parent.add("Lbl", page)
            self.label.drawOn(self.canv, self.indent - LABEL_GAP - self.room, self.height - label_h)
        self.body.structure_node = self._body_node
        self.body.drawOn(self.canv, self.indent, self.height - body_h)


def _last(node: Node, role: str) -> Node | None:
    from portfolio.export.pdf.tagging import Node as NodeType

    kid = node.kids[-1] if node.kids else None
    return kid if isinstance(kid, NodeType) and kid.role == role else None


def _list_item_node(parent: Node, page: int, level: int, new_list: bool) -> Node:
    """A new LI for an item at ``level``: in the list just before it (a new one if there is
    none, or if the item starts another list), a deeper level inside the last item's body."""
    current = None if new_list and level == 0 else _last(parent, "L")
    if current is None:
        current = parent.add("L", page)
    for depth in range(1, level + 1):
        item = _last(current, "LI") or current.add("LI", page)
        body = _last(item, "LBody") or item.add("LBody", page)
        nested = None if new_list and depth == level else _last(body, "L")
        current = nested or body.add("L", page)
    return current.add("LI", page)


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
