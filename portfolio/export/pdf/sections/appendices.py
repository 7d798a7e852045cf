"""The appendices: a list of every document with the entries that cite it, then each document.

Each stored document appears once (``sections.documents``). A PDF attachment gets one page per
page: reportlab lays out each with the running header and footer and a band at the top
("Appendix 2: rota.pdf, page 1 of 3, cited by E7 ..."); ``pdf.merge`` then places the
attachment's page, scaled, into the space below the band. So every page, appendices included,
carries the same header and "page X of Y", and all page numbers are known in one layout pass.
Text, Markdown and Word documents are laid out as text (headings, lists and tables kept), shared
images at their own resolution; each starts with the entries that cite it, linked, with pages.
"""

from __future__ import annotations

import functools

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    KeepTogether,
    PageBreak,
    PageBreakIfNotEmpty,
    Spacer,
    Table,
    TableStyle,
)

from portfolio.errors import PortfolioError
from portfolio.export.pdf import styles as st
from portfolio.export.pdf.context import Appendix, BuildContext, entry_key
from portfolio.export.pdf.flowables import Anchor, Label, Ref, RefList, fit_text
from portfolio.export.pdf.parts import esc, grid_style, header_cells, para
from portfolio.export.pdf.sections.doclayout import document_flowables
from portfolio.export.pdf.sections.images import EvidenceImage, alt_text
from portfolio.export.pdf.sections.running import RunningMark
from portfolio.export.readable import read_document

LIST_KEY = "appendixlist"
KIND_LABELS = {
    "pdf": "PDF document",
    "text": "Text document",
    "markdown": "Text document (Markdown)",
    "docx": "Word document",
    "image": "Image",
}
# The same, inside a sentence ("Appendix 2: script.txt (text document; ...)").
KIND_WORDS = {
    "pdf": "PDF",
    "text": "text document",
    "markdown": "text document",
    "docx": "Word document",
    "image": "image",
}

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
        canv.setFillColor(st.ACCENT)
        canv.drawString(8, 9, fit_text(cited_line(a), st.FONT, 8, self.width - 16))
        # One citing entry: the band links to it; several: to the list of appendices, which
        # links to each of them with its page.
        target = entry_key(a.entry) if len(a.citations) == 1 else LIST_KEY
        canv.linkRect("", target, (0, 0, self.width, BAND_HEIGHT), relative=1)


def cited_line(a: Appendix) -> str:
    """ "Cited by E3: Title" or "Cited by E3, E7 and E9 (3 entries, listed in Appendices)"."""
    cites = a.citations
    if len(cites) == 1:
        return f"Cited by {cites[0].ref}: {cites[0].title or 'Untitled'}"
    refs = ", ".join(e.ref for e in cites[:-1]) + f" and {cites[-1].ref}"
    return f"Cited by {refs} ({len(cites)} entries; pages in the list of appendices)"


def appendix_pages(ctx: BuildContext, appendix: Appendix) -> list[Flowable]:
    """The flowables of one appendix, whatever its kind."""
    if appendix.kind != "pdf":
        return _laid_out(ctx, appendix)
    # A laid-out appendix ends where its text does; the attachment's page goes into a fixed
    # box below the band, so the band must open a page of its own.
    out: list[Flowable] = [PageBreakIfNotEmpty()]
    for page in range(1, appendix.pages + 1):
        if page == 1:
            out.append(Anchor(ctx.registry, appendix.key, appendix.title, level=1))
        out += [AppendixBand(appendix, page), PageBreak()]
    return out


def appendices_anchor(ctx: BuildContext) -> Flowable:
    return Anchor(ctx.registry, "appendices", "Appendices", level=0, closed=False)


# The list of appendices names at most this many citing entries per document (a row must fit
# on a page, and a thousand references in one cell helps no reader); the appendix lists them all.
LIST_CITATIONS = 60


def _cited_by(ctx: BuildContext, appendix: Appendix, limit: int | None = None) -> RefList:
    citations = appendix.citations[:limit] if limit else appendix.citations
    return RefList(
        ctx.registry,
        [Ref(e.ref, entry_key(e)) for e in citations],
        font=st.FONT,
        bold=st.FONT_BOLD,
        size=8.5,
        color=st.ACCENT,
        muted=st.MUTED,
    )


def appendix_list(ctx: BuildContext) -> list[Flowable]:
    """Every appendix, what it is, and the entries that cite it with their pages."""
    s = st.styles()
    data: list[list[Flowable]] = [header_cells(["Appendix", "Document", "Cited by (page)"])]
    for a in ctx.appendices:
        what = KIND_LABELS.get(a.kind, "Document")
        if a.kind == "pdf":
            what += ", 1 page" if a.pages == 1 else f", {a.pages} pages"
        data.append(
            [
                RefList(
                    ctx.registry,
                    [Ref(str(a.number), a.key)],
                    font=st.FONT,
                    bold=st.FONT_BOLD,
                    size=8.5,
                    color=st.ACCENT,
                    muted=st.MUTED,
                ),
                para(f"<b>{esc(a.attachment.filename)}</b><br/>{esc(what)}", s.cell, markup=True),
                _citing_cell(ctx, a),
            ]
        )
    widths = [0.16, 0.34, 0.5]
    table = Table(data, colWidths=[w * st.FRAME_WIDTH for w in widths], repeatRows=1)
    table.setStyle(TableStyle(grid_style()))
    return [
        RunningMark(ctx, None),
        Anchor(ctx.registry, LIST_KEY, "List of appendices", level=1),
        para("Appendices", s.h1),
        para(
            "Every document attached to the evidence, each shown once, with the entries that "
            "cite it. Each entry links to its appendices, and each appendix back to its entries.",
            s.body,
        ),
        Spacer(1, 2 * mm),
        table,
        PageBreak(),
    ]


def _citing_cell(ctx: BuildContext, a: Appendix) -> Flowable | list[Flowable]:
    """The entries citing ``a`` in the list of appendices; past ``LIST_CITATIONS`` a line says
    how many more there are and where they are all listed."""
    refs = _cited_by(ctx, a, LIST_CITATIONS)
    more = len(a.citations) - LIST_CITATIONS
    if more <= 0:
        return refs
    return [
        refs,
        RefList(
            ctx.registry,
            [Ref(f"and {more} more: all in Appendix {a.number}", a.key)],
            font=st.FONT,
            bold=st.FONT,
            size=8.5,
            color=st.MUTED,
            muted=st.MUTED,
        ),
    ]


def _laid_out(ctx: BuildContext, a: Appendix) -> list[Flowable]:
    """A text, Markdown, Word or image appendix: its heading, who cites it, its content."""
    s = st.styles()
    what = KIND_LABELS.get(a.kind, "Document")
    head: list[Flowable] = [
        Label([(f"APPENDIX {a.number}", st.ACCENT), (f" · {what.upper()}", st.MUTED)], s.label),
        para(a.attachment.filename, s.h1),
    ]
    if a.attachment.note.strip():
        head.append(para(f"Learner's note: {a.attachment.note.strip()}", s.muted))
    head.append(para("CITED BY", s.section_label))
    cited = _cited_by(ctx, a)
    # A short list stays with the heading; a long one (a document cited by hundreds of entries)
    # follows it and runs on over the pages, else the heading would be pushed to a new page and
    # leave one with nothing but the rule above it.
    long_list = len(a.citations) > LIST_CITATIONS
    if not long_list:
        head.append(cited)
    out: list[Flowable] = [
        CondPageBreak(70 * mm),
        HRFlowable(width="100%", thickness=1.2, color=st.ACCENT, spaceBefore=18, spaceAfter=12),
        Anchor(ctx.registry, a.key, a.title, level=1),
        RunningMark(ctx, f"Appendix {a.number}", a.attachment.filename),
        KeepTogether(head),
        *([cited] if long_list else []),
        HRFlowable(width="100%", thickness=0.6, color=st.RULE, spaceBefore=6, spaceAfter=8),
    ]
    if a.kind == "image":
        where = ", ".join(e.ref for e in a.citations)
        out.append(
            EvidenceImage(
                functools.partial(ctx.read_blob, a.attachment.sha256),
                st.FRAME_WIDTH,
                st.PAGE_HEIGHT - st.MARGIN_TOP - st.MARGIN_BOTTOM - 80 * mm,
                alt=alt_text(a.attachment.note, a.attachment.filename, where),
            )
        )
        out.append(RunningMark(ctx, None))  # the next page does not continue the image
        return out
    try:
        doc = read_document(ctx.read_blob(a.attachment.sha256), a.kind, a.attachment.filename)
    except PortfolioError as exc:
        out.append(para(f"{exc} It is included in the evidence package.", s.muted))
        out.append(RunningMark(ctx, None))
        ctx.report.append(
            f"{a.entry.ref}: the attached '{a.attachment.filename}' (Appendix {a.number}) "
            f"cannot be shown: {exc} It is in the evidence package."
        )
        return out
    problems: list[str] = []
    out += document_flowables(doc, a.attachment.filename, problems, key=a.key)
    ctx.report += [
        f"{a.entry.ref}: in the attached '{a.attachment.filename}' (Appendix {a.number}), "
        f"{line[0].lower()}{line[1:-1]}: the PDF names it but cannot show it; the document is "
        "in the evidence package."
        for line in problems
    ]
    out.append(RunningMark(ctx, None))
    return out
