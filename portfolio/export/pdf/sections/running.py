"""The running label on continuation pages: "E12 (continued): Title" under the page header.

An assessor who opens the PDF at page 140 must see whose evidence they are reading. A
``RunningMark`` in the story (at the start of each entry and each laid-out appendix, and a blank
one where such a run ends) records the label when it is drawn, and whether it was drawn at the
top of its page. When a page is finished, the label in force when the page began is drawn, unless
the page begins with a new piece: then the piece's own heading says what it is. Nothing is laid
out twice and no flowable is added to the frame's content, so the layout is unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable

from portfolio.export.pdf import styles as st
from portfolio.export.pdf.flowables import fit_text

if TYPE_CHECKING:
    from portfolio.export.pdf.context import BuildContext

LABEL_Y = st.PAGE_HEIGHT - 21 * mm


class RunningLabels:
    """What each page continues, worked out while the pages are drawn."""

    def __init__(self) -> None:
        self.current: tuple[str, str] | None = None
        self._at_start: dict[int, tuple[str, str] | None] = {}
        self._fresh: set[int] = set()
        self.drawn: dict[int, str] = {}  # page -> label drawn (for the tests and the report)

    def mark(self, label: tuple[str, str] | None, page: int, at_top: bool) -> None:
        self._at_start.setdefault(page, self.current)
        if at_top:
            self._fresh.add(page)
        self.current = label

    def label_for(self, page: int) -> tuple[str, str] | None:
        if page in self._fresh:
            return None
        return self._at_start.get(page, self.current)

    def page_end(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        """Draw the page's continuation label (a page template's ``onPageEnd``)."""
        page = canv.getPageNumber()
        label = self.label_for(page)
        if not label:
            return
        ref, title = label
        text = f"{ref} (continued): {title}" if title else f"{ref} (continued)"
        canv.saveState()
        canv.setFont(st.FONT_BOLD, 8)
        canv.setFillColor(st.ACCENT)
        canv.drawString(st.MARGIN_LEFT, LABEL_Y, fit_text(text, st.FONT_BOLD, 8, st.FRAME_WIDTH))
        canv.restoreState()
        self.drawn[page] = text


def install(doc: BaseDocTemplate, labels: RunningLabels, template: str = "body") -> None:
    """Draw ``labels`` at the end of every page made from ``template``."""
    for page_template in doc.pageTemplates:
        if page_template.id == template:
            page_template.onPageEnd = labels.page_end


class RunningMark(Flowable):
    """Invisible: from here on, continuation pages say "``ref`` (continued): ``title``"; a
    ``ref`` of None ends the run."""

    _ZEROSIZE = True

    def __init__(self, ctx: BuildContext, ref: str | None, title: str = "") -> None:
        super().__init__()
        self.labels = ctx.running
        self.label = (ref, title) if ref else None
        self.width = self.height = 0

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        return 0, 0

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        # Draws nothing, so it is not drawn as flowables are: no graphics state saved and
        # moved, and no pass through the tagging hook, which gave each mark an empty P in the
        # structure tree (one per entry and appendix).
        self.canv = canvas
        try:
            self.draw()
        finally:
            del self.canv

    def draw(self) -> None:
        if self.labels is None:
            return
        frame = getattr(self, "_frame", None)
        at_top = bool(getattr(frame, "_atTop", 0))
        self.labels.mark(self.label, self.canv.getPageNumber(), at_top)
