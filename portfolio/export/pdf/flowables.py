"""Small custom flowables: anchors with bookmarks, page references with live links, lazy images.

Each records or draws through the shared ``PageRegistry``, so page numbers that lie ahead in the
document cost no second layout pass.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PIL import Image as PILImage
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from portfolio.export.pdf.pagerefs import NumberLook, PageRegistry, number_width


class Anchor(Flowable):
    """Invisible: marks where ``key`` starts (a link target) and adds its outline entry."""

    def __init__(
        self,
        registry: PageRegistry,
        key: str,
        title: str | None = None,
        level: int = 0,
        closed: bool = True,
    ) -> None:
        super().__init__()
        self.registry = registry
        self.key = key
        self.title = title
        self.level = level
        self.closed = closed
        self.width = self.height = 0

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        return 0, 0

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        # Draws nothing on the page: placed where it stands (as a flowable's origin would be
        # moved there) without a graphics state saved and moved or a pass through the tagging
        # hook, for each of thousands of anchors.
        self._place(canvas, x, y)

    def draw(self) -> None:
        self._place(self.canv, 0, 0)

    def _place(self, canv: Any, x: float, y: float) -> None:
        self.registry.mark(self.key, canv.getPageNumber())
        canv.bookmarkHorizontal(self.key, x, y + 12)
        if self.title is not None:
            canv.addOutlineEntry(self.title, self.key, self.level, self.closed)


class ContentsLine(Flowable):
    """One contents line: indented label, dotted leader, page number, the whole line a link."""

    def __init__(
        self,
        registry: PageRegistry,
        key: str,
        label: str,
        *,
        font: str,
        size: float,
        color: object,
        indent: float = 0,
        leading: float = 15,
        number_look: NumberLook | None = None,
    ) -> None:
        super().__init__()
        self.registry = registry
        self.key = key
        self.label = label
        self.font, self.size, self.color = font, size, color
        self.indent = indent
        self.leading = leading
        self.look = number_look or NumberLook(font, size, color, "right")

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        self.width = aW
        return aW, self.leading

    def draw(self) -> None:
        canv = self.canv
        baseline = (self.leading - self.size) / 2 + 1
        room = self.width - self.indent - number_width(self.look, 4) - 8
        label = fit_text(self.label, self.font, self.size, room)
        canv.setFont(self.font, self.size)
        canv.setFillColor(self.color)
        canv.drawString(self.indent, baseline, label)
        start = self.indent + stringWidth(label, self.font, self.size) + 4
        end = self.width - number_width(self.look, 4) - 2
        if end > start:
            canv.setStrokeColorRGB(0.75, 0.78, 0.8)
            canv.setLineWidth(0.5)
            canv.setDash(0.5, 2.5)
            canv.line(start, baseline, end, baseline)
            canv.setDash()
        self.registry.draw_number(canv, self.key, self.width, baseline, self.look)
        canv.linkRect("", self.key, (0, 0, self.width, self.leading), relative=1)


@dataclass(frozen=True, slots=True)
class Ref:
    label: str  # "E3"
    key: str  # the anchor it links to


class RefList(Flowable):
    """Evidence references with their page numbers ("E3 p. 12"), wrapped, each one a link."""

    def __init__(
        self,
        registry: PageRegistry,
        refs: Sequence[Ref],
        *,
        font: str,
        bold: str,
        size: float,
        color: object,
        muted: object,
        empty: str = "",
    ) -> None:
        super().__init__()
        self.registry = registry
        self.refs = list(refs)
        self.font, self.bold, self.size = font, bold, size
        self.color, self.muted = color, muted
        self.empty = empty
        self.leading = size * 1.45
        # Left-aligned right after "p.": tidier than a right-aligned slot, at the cost of a
        # second placeholder per entry (the contents' numbers are right-aligned).
        self.look = NumberLook(font, size, muted, "left")
        self._lines: list[list[tuple[float, Ref]]] = []
        self._suffix: float | None = None

    def _item_width(self, ref: Ref) -> float:
        return stringWidth(ref.label, self.bold, self.size) + self._suffix_width

    @property
    def _suffix_width(self) -> float:
        """Width of " p." and the room for its number (measured once per list)."""
        if self._suffix is None:
            self._suffix = (
                stringWidth(" p.", self.font, self.size)
                + 2
                + number_width(self.look, self.registry.digits)
            )
        return self._suffix

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        gap = stringWidth("   ", self.font, self.size)
        lines: list[list[tuple[float, Ref]]] = [[]]
        x = 0.0
        for ref in self.refs:
            w = self._item_width(ref)
            if lines[-1] and x + w > aW:
                lines.append([])
                x = 0.0
            lines[-1].append((x, ref))
            x += w + gap
        self._lines = lines
        self.width = aW
        self.height = self.leading * max(1, len(lines))
        return aW, self.height

    def split(self, aW: float, aH: float) -> list[Flowable]:
        """Whole lines to this page, the rest to the next: a document cited by a thousand
        entries lists them over several pages instead of stopping the export."""
        self.wrap(aW, aH)
        fit = int(aH // self.leading)
        if fit < 1 or fit >= len(self._lines):
            return []
        cut = sum(len(line) for line in self._lines[:fit])
        return [self._with(self.refs[:cut]), self._with(self.refs[cut:])]

    def _with(self, refs: Sequence[Ref]) -> RefList:
        return RefList(
            self.registry,
            refs,
            font=self.font,
            bold=self.bold,
            size=self.size,
            color=self.color,
            muted=self.muted,
            empty=self.empty,
        )

    def draw(self) -> None:
        canv = self.canv
        if not self.refs:
            canv.setFont(self.font, self.size)
            canv.setFillColor(self.muted)
            canv.drawString(0, self.height - self.size, self.empty)
            return
        for row, items in enumerate(self._lines):
            y = self.height - (row + 1) * self.leading + (self.leading - self.size) / 2
            for x, ref in items:
                canv.setFont(self.bold, self.size)
                canv.setFillColor(self.color)
                canv.drawString(x, y, ref.label)
                x2 = x + stringWidth(ref.label, self.bold, self.size)
                canv.setFont(self.font, self.size)
                canv.setFillColor(self.muted)
                canv.drawString(x2, y, " p.")
                x3 = x2 + stringWidth(" p.", self.font, self.size) + 2
                self.registry.draw_number(canv, ref.key, x3, y, self.look)
                rect = (x, y - 2, x + self._item_width(ref), y + self.size)
                canv.linkRect("", ref.key, rect, relative=1)


class DetailsLine(Flowable):
    """An evidence item's details on one line under its title: each small muted label
    ("DATE") followed by its value ("3 March 2026"), drawn as one text object.

    A line rather than a tinted bar of two rows: the same facts at a glance in under half the
    height, which over hundreds of entries is pages (and the bar's drawing) saved.
    """

    HEIGHT = 13.0
    GAP = 16.0  # between one value and the next label
    LABEL_SIZE = 6.5
    VALUE_SIZE = 8.5

    def __init__(self, cells: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.cells = list(cells)  # (label, value)

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        self.width = aW
        return aW, self.HEIGHT

    def draw(self) -> None:
        from portfolio.export.pdf import styles as st

        text = self.canv.beginText()
        x, baseline = 0.0, 3.0
        for label, value in self.cells:
            room = self.width - x
            if room <= 0:
                break
            text.setTextOrigin(x, baseline)
            text.setFont(st.FONT_BOLD, self.LABEL_SIZE)
            text.setFillColor(st.MUTED)
            text.textOut(label)
            x += stringWidth(label, st.FONT_BOLD, self.LABEL_SIZE) + 4
            shown = fit_text(value, st.FONT, self.VALUE_SIZE, self.width - x)
            text.setTextOrigin(x, baseline)
            text.setFont(st.FONT, self.VALUE_SIZE)
            text.setFillColor(st.INK)
            text.textOut(shown)
            x += stringWidth(shown, st.FONT, self.VALUE_SIZE) + self.GAP
        self.canv.drawText(text)


class LazyImage(Flowable):
    """An attached image, scaled to fit; its bytes are read when drawn, then dropped.

    ``alt`` is its text alternative in the tagged PDF (a Figure's /Alt).
    """

    def __init__(
        self,
        load: Callable[[], bytes],
        max_width: float,
        max_height: float,
        caption_gap: float = 4,
        *,
        alt: str | None = None,
    ) -> None:
        super().__init__()
        self.alt = alt
        self._load = load
        self._max = (max_width, max_height)
        self._size: tuple[float, float] | None = None
        self.gap = caption_gap

    def probe(self) -> tuple[float, float]:
        """The image's size in pixels; raises if the bytes are not a readable image."""
        if self._size is None:
            with PILImage.open(io.BytesIO(self._load())) as img:
                self._size = (float(img.width), float(img.height))
        return self._size

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        w, h = self.probe()
        scale = min(1.0, min(aW, self._max[0]) / w, self._max[1] / h)
        self.width, self.height = w * scale, h * scale
        return self.width, self.height + self.gap

    def draw(self) -> None:
        reader = ImageReader(io.BytesIO(self._load()))
        self.canv.setStrokeColorRGB(0.8, 0.82, 0.85)
        self.canv.setLineWidth(0.5)
        self.canv.drawImage(reader, 0, self.gap, self.width, self.height, mask="auto")
        self.canv.rect(0, self.gap, self.width, self.height, stroke=1, fill=0)


def fit_text(text: str, font: str, size: float, room: float) -> str:
    """``text`` shortened with an ellipsis to fit ``room`` points."""
    if stringWidth(text, font, size) <= room:
        return text
    while text and stringWidth(text + "…", font, size) > room:
        text = text[:-1]
    return text.rstrip() + "…"


def _gap(above: Flowable, below: Flowable) -> float:
    """The space a frame leaves between two flowables that follow one another."""
    return above.getSpaceAfter() + below.getSpaceBefore()


class Stack(Flowable):
    """A few flowables laid out as one, spaced as a frame would space them (an entry's heading).

    Every flowable a frame places has a fixed cost; an entry heading of six small pieces as
    one costs one. Kept on one page; should it ever not fit, it splits back into its pieces.
    """

    def __init__(self, items: Sequence[Flowable]) -> None:
        super().__init__()
        self.items = list(items)
        self._placed: list[tuple[Flowable, float]] = []

    def getSpaceBefore(self) -> float:
        return self.items[0].getSpaceBefore()

    def getSpaceAfter(self) -> float:
        return self.items[-1].getSpaceAfter()

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        y = 0.0
        placed: list[tuple[Flowable, float]] = []
        previous: Flowable | None = None
        for item in self.items:
            if previous is not None:
                y += _gap(previous, item)
            _, h = item.wrap(aW, max(aH - y, 0))
            placed.append((item, y + h))  # distance from the top to the item's bottom
            y += h
            previous = item
        self._placed = placed
        self.width, self.height = aW, y
        return aW, y

    def split(self, aW: float, aH: float) -> list[Flowable]:
        return list(self.items)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        # Draws nothing of its own: each item is drawn straight at its place on the page,
        # without the graphics state saved and moved for the stack itself (see ``Joined``).
        x = self._hAlignAdjust(x, _sW)
        for item, bottom in self._placed:
            item.drawOn(canvas, x, y + self.height - bottom)

    def draw(self) -> None:
        for item, bottom in self._placed:
            item.drawOn(self.canv, 0, self.height - bottom)


class Joined(Flowable):
    """A short unsplittable ``head`` (a section label, a criterion) kept with ``body``.

    One flowable instead of two, and the head never ends a page alone: when the body splits,
    the head goes with its first part.
    """

    def __init__(self, head: Flowable, body: Flowable) -> None:
        super().__init__()
        self.head = head
        self.body = body
        self._head_h = 0.0

    def getSpaceBefore(self) -> float:
        return self.head.getSpaceBefore()

    def getSpaceAfter(self) -> float:
        return self.body.getSpaceAfter()

    def _wrap_head(self, aW: float, aH: float) -> float:
        _, h = self.head.wrap(aW, aH)
        self._head_h = h + _gap(self.head, self.body)
        return self._head_h

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        head_h = self._wrap_head(aW, aH)
        _, body_h = self.body.wrap(aW, max(aH - head_h, 0))
        self.width, self.height = aW, head_h + body_h
        return aW, self.height

    def split(self, aW: float, aH: float) -> list[Flowable]:
        head_h = self._wrap_head(aW, aH)
        if head_h >= aH:
            return []
        parts = self.body.split(aW, aH - head_h)
        if not parts:
            return []
        return [Joined(self.head, parts[0]), *parts[1:]]

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        # A Flowable's drawOn saves the graphics state, moves the origin and restores it
        # again, and so would the tagging hook's wrapper around it: for a flowable that draws
        # nothing of its own (transparent to the structure tree too), the head and body are
        # simply drawn at their places on the page. Thousands of these per portfolio.
        x = self._hAlignAdjust(x, _sW)
        self.head.drawOn(canvas, x, y + self.height - self._head_h + _gap(self.head, self.body))
        self.body.drawOn(canvas, x, y)

    def draw(self) -> None:
        head_h = self._head_h - _gap(self.head, self.body)
        self.head.drawOn(self.canv, 0, self.height - head_h)
        self.body.drawOn(self.canv, 0, 0)


class Label(Flowable):
    """A one-line label in a paragraph style, drawn as a Paragraph of it would be, without one.

    ``runs`` are (text, colour) pieces drawn one after the other ("EVIDENCE E3 · DRAFT" in two
    colours); the line is shortened with an ellipsis should it not fit. Thousands of section
    labels as Paragraphs cost their line breaking and drawing; a label needs neither.
    """

    def __init__(self, runs: Sequence[tuple[str, object]], style: ParagraphStyle) -> None:
        super().__init__()
        self.runs = list(runs)
        self.style = style

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter)

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        self.width, self.height = aW, float(self.style.leading)
        return aW, self.height

    def draw(self) -> None:
        # The same label ("SITUATION") is drawn thousands of times, and its text object is the
        # same each time (it is placed by the canvas's transformation): it is made once per
        # document and its code written again after that.
        canv = self.canv
        s = self.style
        key = (
            tuple((piece, _colour_key(colour)) for piece, colour in self.runs),
            s.fontName,
            s.fontSize,
            self.width,
            self.height,
        )
        made: dict[tuple[object, ...], str] = canv.__dict__.setdefault("_pf_label_code", {})
        code = made.get(key)
        if code is None:
            text = canv.beginText(0, self.height - s.fontSize)
            text.setFont(s.fontName, s.fontSize)
            room = self.width
            for piece, colour in self.runs:
                if room <= 0:
                    break
                shown = fit_text(piece, s.fontName, s.fontSize, room)
                text.setFillColor(colour)
                text.textOut(shown)
                room -= stringWidth(shown, s.fontName, s.fontSize)
            code = made[key] = str(text.getCode())
        canv._code.append(code)  # what canvas.drawText does with the text object


def _colour_key(colour: object) -> str:
    """A colour as a key: reportlab's repr names its kind and values ("Color(.1,.2,.3,1)")."""
    return f"{type(colour).__name__}:{colour!r}"


class SideBySide(Flowable):
    """Flowables side by side in columns of fixed widths, each at the top of its column (an
    entry's "Appendix 3: ..." line and its page reference).

    Laid out as a one-row table with the same widths and padding would lay it out, so the page
    looks the same, at a fraction of a table's cost (hundreds per portfolio): no cell styles,
    no graphics state saved per cell, no table in the structure tree. Like ``Joined`` it draws
    nothing of its own: its parts are drawn (and tagged: each paragraph a P, a page reference
    a P with its Link) straight at their places, in reading order left to right. Never split:
    it moves to the next page whole, as a one-row table does.
    """

    def __init__(
        self,
        items: Sequence[Flowable],
        widths: Sequence[float],
        *,
        padding: tuple[float, float, float] = (3.0, 3.0, 6.0),
    ) -> None:
        super().__init__()
        if len(items) != len(widths):
            raise ValueError("SideBySide needs one width per item")
        self.items = list(items)
        self.widths = list(widths)
        self.top, self.bottom, self.right = padding  # each column's inner room
        self.hAlign = "CENTER"  # as a table is placed
        self._heights: list[float] = []

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        room = max(aH - self.top - self.bottom, 0)
        canv = getattr(self, "canv", None)
        self._heights = [
            item.wrapOn(canv, w - self.right, room)[1]
            for item, w in zip(self.items, self.widths, strict=True)
        ]
        self.width = sum(self.widths)
        self.height = max(self._heights, default=0.0) + self.top + self.bottom
        return self.width, self.height

    def split(self, aW: float, aH: float) -> list[Flowable]:
        return []

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        # Draws nothing of its own: each part is drawn straight at its place (see ``Joined``).
        x = self._hAlignAdjust(x, _sW)
        top = y + self.height - self.top
        for item, width, height in zip(self.items, self.widths, self._heights, strict=True):
            item.drawOn(canvas, x, top - height)
            x += width

    def draw(self) -> None:
        self.drawOn(self.canv, 0, 0)
