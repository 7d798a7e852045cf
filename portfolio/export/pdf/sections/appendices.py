"""Appendix pages: one page per page of each PDF attachment, with a band naming its entry.

reportlab lays out each appendix page with the running header and footer and a band at the top
("Appendix 2: rota.pdf, page 1 of 3, attached to E7 ..."); ``pdf.merge`` then places the
attachment's page, scaled, into the space below the band. So every page, appendices included,
carries the same header and "page X of Y", and all page numbers are known in one layout pass.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak

from portfolio.export.pdf import styles as st
from portfolio.export.pdf.context import Appendix, BuildContext, entry_key
from portfolio.export.pdf.flowables import Anchor, fit_text

BAND_HEIGHT = 15 * mm
GAP = 3 * mm
# Where the attachment's page goes on an appendix page, in PDF points (x0, y0, x1, y1).
CONTENT_BOX = (
    st.MARGIN_LEFT,
    st.MARGIN_BOTTOM,
    st.PAGE_WIDTH - st.MARGIN_RIGHT,
    st.PAGE_HEIGHT - st.MARGIN_TOP - BAND_HEIGHT - GAP,
)


class AppendixBand(Flowable):
    """The band at the top of an appendix page; the title links back to the entry."""

    def __init__(self, appendix: Appendix, page: int) -> None:
        super().__init__()
        self.appendix = appendix
        self.page = page

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        self.width = aW
        return aW, BAND_HEIGHT

    def draw(self) -> None:
        canv = self.canv
        a = self.appendix
        canv.setFillColor(st.FILL)
        canv.rect(0, 0, self.width, BAND_HEIGHT, stroke=0, fill=1)
        canv.setFillColor(st.ACCENT)
        canv.rect(0, 0, 2.2, BAND_HEIGHT, stroke=0, fill=1)
        canv.setFont(st.FONT_BOLD, 9.5)
        canv.setFillColor(st.INK)
        head = f"Appendix {a.number}: {a.attachment.filename}"
        canv.drawString(8, BAND_HEIGHT - 15, fit_text(head, st.FONT_BOLD, 9.5, self.width - 90))
        canv.setFont(st.FONT, 8)
        canv.setFillColor(st.MUTED)
        canv.drawRightString(self.width - 8, BAND_HEIGHT - 15, f"page {self.page} of {a.pages}")
        entry = f"Attached to {a.entry.ref}: {a.entry.title or 'Untitled'}"
        canv.setFillColor(st.ACCENT)
        canv.drawString(8, 9, fit_text(entry, st.FONT, 8, self.width - 16))
        canv.linkRect("", entry_key(a.entry), (0, 0, self.width, BAND_HEIGHT), relative=1)


def appendix_pages(ctx: BuildContext, appendix: Appendix) -> list[Flowable]:
    out: list[Flowable] = []
    for page in range(1, appendix.pages + 1):
        if page == 1:
            out.append(Anchor(ctx.registry, appendix.key, appendix.title, level=1))
        out += [AppendixBand(appendix, page), PageBreak()]
    return out


def appendices_anchor(ctx: BuildContext) -> Flowable:
    return Anchor(ctx.registry, "appendices", "Appendices", level=0, closed=False)
