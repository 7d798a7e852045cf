"""The page templates: a quiet cover, and body pages with a running header and footer.

The footer's "page X of Y" leaves Y as a placeholder filled in after the last page (see
``pagerefs``), so the document is laid out once; what is the same on every page is one form.
``LazyStory`` feeds flowables to the build a few at a time, so the whole story never sits in
memory at once. ``KeptWithNext`` is the group reportlab makes of a heading and what follows it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
)
from reportlab.rl_config import _FUZZ, listWrapOnFakeWidth

from portfolio.export.pdf import styles as st
from portfolio.export.pdf.flowables import (
    ContentsLine,
    DetailsLine,
    Joined,
    Label,
    RefList,
    SideBySide,
    Stack,
)
from portfolio.export.pdf.pagerefs import TOTAL, NumberLook, PageRegistry

HEADER_Y = st.PAGE_HEIGHT - 14 * mm
FOOTER_Y = 13 * mm
_BODY_FORM = "pfBodyPage"
_FOOTER_FORM = "pfFooter"
_NUMBER_LOOK = NumberLook(st.FONT, 7.5, st.MUTED, "left")


class LazyStory(list[Flowable]):
    """A story list that pulls more flowables from a generator whenever it runs low.

    ``BaseDocTemplate.build`` consumes its list from the front (``while len(flowables)``, then
    ``flowables[0]`` / ``del flowables[0]``, looking a few items ahead for keep-with-next), so
    topping up in ``__len__`` keeps a short buffer ahead of the layout.
    """

    def __init__(self, source: Iterator[Flowable], buffer: int = 40) -> None:
        super().__init__()
        self._source: Iterator[Flowable] | None = source
        self._buffer = buffer

    def __len__(self) -> int:
        while self._source is not None and super().__len__() < self._buffer:
            try:
                self.append(next(self._source))
            except StopIteration:
                self._source = None
        return super().__len__()


# Flowables whose wrap never touches the frame (no generated content, no frame attributes), and
# a plain Spacer (not its subclasses: a CondPageBreak asks the frame for a break).
_FRAME_FREE = (
    Stack,
    Joined,
    Paragraph,
    Label,
    RefList,
    ContentsLine,
    DetailsLine,
    SideBySide,
)


class KeptWithNext(KeepTogether):
    """reportlab's keep-with-next group (an entry's heading and its first section), measured
    without a copy of the frame.

    To measure a group reportlab deep-copies the frame, so that anything the group's flowables
    add to it while measuring is thrown away; one copy per entry heading, a few per cent of a
    large export. Flowables of the kinds in ``_FRAME_FREE`` add nothing, so a group of those
    alone is measured directly, by the same sums; any other group the way reportlab does.
    """

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        content = self._content
        if not all(isinstance(f, _FRAME_FREE) or type(f) is Spacer for f in content):
            return super().wrap(aW, aH)
        # reportlab's _listWrapOn (mergeSpace on, no frame), step for step.
        canv = getattr(self, "canv", None)
        width = height = previous_after = 0.0
        first_height: float | None = None
        at_top = True
        for f in content:
            w, h = f.wrapOn(canv, aW, 0xFFFFFFF)
            if first_height is None:
                first_height = h
            if h <= _FUZZ:
                continue
            width = max(width, min(w, aW) if listWrapOnFakeWidth else w)
            height += h
            if not at_top:
                before = f.getSpaceBefore()
                if getattr(f, "_SPACETRANSFER", False):
                    before = previous_after
                height += max(before - previous_after, 0)
            else:
                at_top = False
            after = f.getSpaceAfter()
            if getattr(f, "_SPACETRANSFER", False):
                after = previous_after
            previous_after = after
            height += previous_after
        self._H = height - previous_after
        self._H0 = first_height or 0
        self._wrapInfo = aW, aH
        return width, 0xFFFFFF  # force a split, as reportlab's does


class SubmissionDocTemplate(BaseDocTemplate):
    """A4 document whose body pages carry learner, qualification, fingerprint and page X of Y."""

    def __init__(
        self,
        filename: Any,
        *,
        registry: PageRegistry,
        learner: str,
        qualification: str,
        footer_note: str,
        **kw: Any,
    ) -> None:
        super().__init__(
            filename,
            pagesize=st.PAGE_SIZE,
            leftMargin=st.MARGIN_LEFT,
            rightMargin=st.MARGIN_RIGHT,
            topMargin=st.MARGIN_TOP,
            bottomMargin=st.MARGIN_BOTTOM,
            # reportlab's default starts every page with Helvetica selected (a standard-14 font,
            # never embedded): start with the embedded family instead.
            initialFontName=st.register_fonts(),
            **kw,
        )
        self.registry = registry
        self.learner = learner
        self.qualification = qualification
        self.footer_note = footer_note
        frame = Frame(
            st.MARGIN_LEFT,
            st.MARGIN_BOTTOM,
            st.FRAME_WIDTH,
            st.PAGE_HEIGHT - st.MARGIN_TOP - st.MARGIN_BOTTOM,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        self.addPageTemplates(
            [
                PageTemplate("cover", [frame], onPage=self._cover_page),
                PageTemplate("body", [frame], onPage=self._body_page),
            ]
        )
        self.keepTogetherClass = KeptWithNext
        self._doSave = 0  # page numbers are filled in after the last page, then we save
        self._decorations: set[str] = set()
        st.register_fonts()
        self._total_room = stringWidth("0000", st.FONT, 7.5)

    def finish(self) -> int:
        """Fill in the page numbers, define the page-decoration forms and write the file;
        returns the page count."""
        total = self.canv.getPageNumber() - 1  # the build has already started a fresh page
        self.registry.fill_in(self.canv, total)
        self._define_decoration(self.canv)
        self.canv.save()
        return total

    # -- page decoration -----------------------------------------------------------------
    #
    # What is the same on every page (header, rules, footer note) is drawn once into a form
    # that each page uses, defined after the last page; only
    # "Page N of" is drawn per page.

    def _cover_page(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        canv.saveState()
        canv.setFillColor(st.ACCENT)
        canv.rect(0, st.PAGE_HEIGHT - 8 * mm, st.PAGE_WIDTH, 8 * mm, stroke=0, fill=1)
        self._use_decoration(canv, _FOOTER_FORM)
        self._page_number(canv)
        canv.restoreState()

    def _body_page(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        self._use_decoration(canv, _BODY_FORM)
        canv.saveState()
        self._page_number(canv)
        canv.restoreState()

    def _use_decoration(self, canv: Canvas, name: str) -> None:
        self._decorations.add(name)
        canv.doForm(name)

    def _define_decoration(self, canv: Canvas) -> None:
        """Define the decoration forms used; call once after the last page, before saving."""
        for name in sorted(self._decorations):
            canv.beginForm(name)
            if name == _BODY_FORM:
                self._header(canv)
            self._footer(canv)
            canv.endForm()

    def _header(self, canv: Canvas) -> None:
        left, right = st.MARGIN_LEFT, st.PAGE_WIDTH - st.MARGIN_RIGHT
        canv.setFont(st.FONT_BOLD, 8)
        canv.setFillColor(st.INK)
        canv.drawString(left, HEADER_Y, self.learner)
        canv.setFont(st.FONT, 8)
        canv.setFillColor(st.MUTED)
        canv.drawRightString(right, HEADER_Y, _clip(self.qualification, 95))
        canv.setStrokeColor(st.RULE)
        canv.setLineWidth(0.6)
        canv.line(left, HEADER_Y - 4, right, HEADER_Y - 4)

    def _footer(self, canv: Canvas) -> None:
        left, right = st.MARGIN_LEFT, st.PAGE_WIDTH - st.MARGIN_RIGHT
        canv.setStrokeColor(st.RULE)
        canv.setLineWidth(0.6)
        canv.line(left, FOOTER_Y + 10, right, FOOTER_Y + 10)
        canv.setFont(st.FONT, 7.5)
        canv.setFillColor(st.MUTED)
        canv.drawString(left, FOOTER_Y, self.footer_note)

    def _page_number(self, canv: Canvas) -> None:
        right = st.PAGE_WIDTH - st.MARGIN_RIGHT
        canv.setFont(st.FONT, 7.5)
        canv.setFillColor(st.MUTED)
        label = f"Page {canv.getPageNumber()} of "
        label_width = stringWidth(label, st.FONT, 7.5)
        x = right - self._total_room - label_width
        canv.drawString(x, FOOTER_Y, label)
        self.registry.draw_number(canv, TOTAL, x + label_width, FOOTER_Y, _NUMBER_LOOK)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
