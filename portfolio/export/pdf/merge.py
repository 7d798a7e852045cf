"""PDF attachments: counted before layout, then laid into their appendix pages after it.

Counting first is what lets the contents, the entries and "page X of Y" know every appendix page
in a single layout pass. Each attachment is opened one at a time, so memory stays bounded.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path

import pikepdf

from portfolio.export.model import Snapshot
from portfolio.export.pdf.context import Appendix
from portfolio.export.pdf.sections.appendices import CONTENT_BOX
from portfolio.progress import CancelToken, ProgressFn, check, report

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


def lay_in_appendices(
    main: Path,
    out: Path,
    appendices: Sequence[Appendix],
    first_pages: dict[str, int],
    read_blob: Callable[[str], bytes],
    *,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> None:
    """Place each attachment page, scaled to fit, below the band of its appendix page."""
    box = pikepdf.Rectangle(*CONTENT_BOX)
    with pikepdf.open(main) as pdf:
        for done, appendix in enumerate(appendices, start=1):
            check(cancel)
            first = first_pages[appendix.key] - 1  # 0-based index of its first page
            with pikepdf.open(io.BytesIO(read_blob(appendix.attachment.sha256))) as source:
                for offset, page in enumerate(source.pages[: appendix.pages]):
                    form = pdf.copy_foreign(pikepdf.Page(page).as_form_xobject())
                    pikepdf.Page(pdf.pages[first + offset]).add_underlay(form, box)
            report(progress, done, len(appendices), f"Appending {appendix.title}")
        pdf.save(out)
