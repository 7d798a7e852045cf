"""PDF attachments: counted before layout, then laid into their appendix pages after it.

Counting first is what lets the contents, the entries and "page X of Y" know every appendix page
in a single layout pass. Each attachment is opened one at a time, so memory stays bounded (and
pikepdf is loaded only when a portfolio has a PDF attachment). The
laying in happens after the layout and before reportlab saves (``laid_in``): the attachment
pages become form XObjects written by reportlab's own save, and the figures they are recorded
before it (``plan_figures``), so the file, structure tree included, is written once.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from portfolio.export.model import Snapshot
from portfolio.export.pdf.context import Appendix
from portfolio.export.pdf.pages import page_counts
from portfolio.export.pdf.sections.appendices import CONTENT_BOX
from portfolio.export.pdf.tagging import Tagger
from portfolio.progress import CancelToken, ProgressFn, check, report

if TYPE_CHECKING:
    import pikepdf


def plan_appendices(
    snapshot: Snapshot, read_blob: Callable[[str], bytes], cancel: CancelToken | None = None
) -> tuple[tuple[Appendix, ...], frozenset[str]]:
    """Number the PDF attachments and count their pages.

    Returns the appendices, and the ids of PDF attachments that could not be opened (damaged or
    password-protected): those are listed in their entry instead.
    """
    appendices: list[Appendix] = []
    unreadable: set[str] = set()
    for entry, att, pages in page_counts(snapshot.entries, read_blob, cancel):
        if pages is None:
            unreadable.add(att.id)
        else:
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


@contextmanager
def laid_in(
    document: Any,
    appendices: Sequence[Appendix],
    first_pages: dict[str, int],
    read_blob: Callable[[str], bytes],
    *,
    figures: dict[int, int],
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> Iterator[list[str]]:
    """Lay each PDF attachment's pages into their appendix pages of reportlab's ``document``
    (laid out, not yet saved); the file is written with them when the canvas saves, which it
    must do inside this block. Yields one line per appendix that keeps the document from being
    PDF/A (fonts it does not include that have no stand-in), to be known before the save.

    Each attachment page becomes a form XObject, scaled to fit below the band of its appendix
    page and drawn first on it, as the Figure ``figures`` gives its MCID for (page index ->
    MCID, from ``plan_figures``). The forms are made in a pikepdf document of their own and
    written by reportlab's save (``foreign``); the appendix pages name them in their resources.
    Standard fonts an attachment does not include are replaced by embedded ones of the same
    metrics (``substitute``), and image interpolation is taken out (PDF/A).
    """
    import pikepdf

    from portfolio.export.pdf import filewriter, fonts, foreign
    from portfolio.export.pdf.substitute import Substituter

    pages = document.Pages.pages
    problems: list[str] = []
    with pikepdf.new() as forms:
        # Only for the placement's arithmetic: no rotation or user unit to undo, as on the
        # pages reportlab wrote.
        scratch = pikepdf.Page(
            forms.add_blank_page(page_size=(pages[0].pagewidth, pages[0].pageheight))
        )
        box = pikepdf.Rectangle(*CONTENT_BOX)
        substituter = Substituter(forms)
        roots: dict[str, pikepdf.Object] = {}
        for done, appendix in enumerate(appendices, start=1):
            check(cancel)
            first = first_pages[appendix.key] - 1  # 0-based index of its first page
            with pikepdf.open(io.BytesIO(read_blob(appendix.attachment.sha256))) as source:
                unembedded: set[str] = set()
                for offset, page in enumerate(source.pages[: appendix.pages]):
                    form = forms.copy_foreign(pikepdf.Page(page).as_form_xobject())
                    substituter.fix_resources(form.get("/Resources"))
                    fonts.strip_interpolation(form)
                    unembedded |= fonts.unembedded(form)
                    name = f"Appendix{appendix.number}.{offset + 1}"
                    internal = f"Portfolio.{name}"
                    roots[internal] = form
                    placed = scratch.calc_form_xobject_placement(
                        form, pikepdf.Name("/" + name), box
                    )
                    mcid = figures.get(first + offset)
                    if mcid is not None:
                        placed = b"/Figure <</MCID %d>> BDC\n" % mcid + placed + b"\nEMC"
                    _draw_first(pages[first + offset], name, internal, placed)
            if unembedded:
                problems.append(
                    f"{appendix.title} uses fonts it does not include "
                    f"({', '.join(sorted(unembedded)[:4])})"
                )
            report(progress, done, len(appendices), f"Appending {appendix.title}")
        if roots:
            filewriter.install(document, foreign.extra(roots))
        yield problems


def _draw_first(page: Any, name: str, internal: str, placed: bytes) -> None:
    """Put ``placed`` (drawing the form ``name``) before everything else on reportlab's
    ``page``, and the form, by its reportlab name ``internal``, into the page's resources."""
    from reportlab.pdfbase import pdfdoc

    page.stream = placed.decode("latin-1") + "\n" + (page.stream or "")
    xobjects = page.XObjects
    if not isinstance(xobjects, pdfdoc.PDFDictionary):
        xobjects = page.XObjects = pdfdoc.PDFDictionary({})
    xobjects.dict[name] = pdfdoc.PDFObjectReference(internal)
