"""PDF attachments: counted before layout, then laid into their appendix pages after it.

Counting first is what lets the contents, the entries and "page X of Y" know every appendix page
in a single layout pass. Each attachment is opened one at a time, so memory stays bounded (and
pikepdf is loaded only when a portfolio has a PDF attachment). The
laying in happens in the finishing pass (``archive``), on the document already open there; the
figures the laid-in pages become are recorded before the layout's file is written
(``plan_figures``), so the structure tree is written once, with them.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from portfolio.export.model import Snapshot
from portfolio.export.pdf.context import Appendix
from portfolio.export.pdf.sections.appendices import CONTENT_BOX
from portfolio.export.pdf.tagging import Tagger
from portfolio.progress import CancelToken, ProgressFn, check, report

if TYPE_CHECKING:
    import pikepdf

MAX_APPENDIX_PAGES = 500


def plan_appendices(
    snapshot: Snapshot, read_blob: Callable[[str], bytes], cancel: CancelToken | None = None
) -> tuple[tuple[Appendix, ...], frozenset[str]]:
    """Number the PDF attachments and count their pages.

    Returns the appendices, and the ids of PDF attachments that could not be opened (damaged or
    password-protected): those are listed in their entry instead.
    """
    appendices: list[Appendix] = []
    unreadable: set[str] = set()
    for entry in snapshot.entries:
        for att in entry.attachments:
            if att.kind != "pdf":
                continue
            check(cancel)
            import pikepdf  # the first PDF attachment loads it (cached after that)

            try:
                with pikepdf.open(io.BytesIO(read_blob(att.sha256))) as pdf:
                    pages = len(pdf.pages)
            except (pikepdf.PdfError, pikepdf.PasswordError, ValueError):
                unreadable.add(att.id)
                continue
            if pages == 0 or pages > MAX_APPENDIX_PAGES:
                unreadable.add(att.id)
                continue
            appendices.append(Appendix(len(appendices) + 1, att, entry, pages))
    return tuple(appendices), frozenset(unreadable)


def plan_figures(
    tagger: Tagger, appendices: Sequence[Appendix], first_pages: dict[str, int]
) -> dict[int, int]:
    """Record in ``tagger`` the figure each attachment page will be once laid in (its alt text
    names the page and the file), before the canvas writes the structure tree; returns the
    MCID of each, by 0-based page index."""
    figures: dict[int, int] = {}
    for appendix in appendices:
        first = first_pages[appendix.key] - 1
        for offset in range(appendix.pages):
            alt = f"Page {offset + 1} of {appendix.attachment.filename}"
            figures[first + offset] = tagger.add_figure(first + offset, alt)
    return figures


def lay_in_appendices(
    pdf: pikepdf.Pdf,
    appendices: Sequence[Appendix],
    first_pages: dict[str, int],
    read_blob: Callable[[str], bytes],
    *,
    figures: dict[int, int] | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> list[str]:
    """Place each attachment page, scaled to fit, below the band of its appendix page.

    Each placed page is drawn as the Figure ``figures`` gives its MCID for (page index -> MCID,
    from ``plan_figures``; the structure tree was written with them). Standard fonts
    the attachment does not include are replaced by embedded ones of the same metrics
    (``substitute``). Returns one line per appendix that still keeps the document from being
    PDF/A (fonts it does not include that have no stand-in).
    """
    import pikepdf

    from portfolio.export.pdf import fonts
    from portfolio.export.pdf.substitute import Substituter

    box = pikepdf.Rectangle(*CONTENT_BOX)
    problems: list[str] = []
    substituter = Substituter(pdf)
    for done, appendix in enumerate(appendices, start=1):
        check(cancel)
        first = first_pages[appendix.key] - 1  # 0-based index of its first page
        with pikepdf.open(io.BytesIO(read_blob(appendix.attachment.sha256))) as source:
            unembedded: set[str] = set()
            for offset, page in enumerate(source.pages[: appendix.pages]):
                form = pdf.copy_foreign(pikepdf.Page(page).as_form_xobject())
                substituter.fix_resources(form.get("/Resources"))
                fonts.strip_interpolation(form)
                unembedded |= fonts.unembedded(form)
                target = pikepdf.Page(pdf.pages[first + offset])
                name = target.add_resource(form, pikepdf.Name.XObject)
                placed = target.calc_form_xobject_placement(form, name, box)
                mcid = figures.get(first + offset) if figures is not None else None
                if mcid is not None:
                    placed = b"/Figure <</MCID %d>> BDC\n" % mcid + placed + b"\nEMC\n"
                target.contents_add(placed, prepend=True)
        if unembedded:
            problems.append(
                f"{appendix.title} uses fonts it does not include "
                f"({', '.join(sorted(unembedded)[:4])})"
            )
        report(progress, done, len(appendices), f"Appending {appendix.title}")
    return problems
