"""Which attached PDFs the submission PDF can lay in, and how many pages each has.

Only pikepdf: the PDF plan (``merge.plan_appendices``) and the check before export
(``services.exporting.unreadable_attachments``) ask the same question the same way, and the
check must not load reportlab and the layout code (about 20 MiB kept for the life of the app)
just to open the attachments.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator

from portfolio.export.model import AttachmentInfo, EntryInfo
from portfolio.progress import CancelToken, check

MAX_APPENDIX_PAGES = 500


def page_counts(
    entries: Iterable[EntryInfo],
    read_blob: Callable[[str], bytes],
    cancel: CancelToken | None = None,
) -> Iterator[tuple[EntryInfo, AttachmentInfo, int | None]]:
    """Each attached PDF, in order, with its pages (None: damaged, password-protected, empty or
    longer than ``MAX_APPENDIX_PAGES``, so the PDF names it in its entry instead). Opened one
    at a time, so memory stays bounded; pikepdf is loaded by the first one."""
    for entry in entries:
        for att in entry.attachments:
            if att.kind != "pdf":
                continue
            check(cancel)
            import pikepdf

            try:
                with pikepdf.open(io.BytesIO(read_blob(att.sha256))) as pdf:
                    pages = len(pdf.pages)
            except (pikepdf.PdfError, pikepdf.PasswordError, ValueError):
                yield entry, att, None
                continue
            yield entry, att, pages if 0 < pages <= MAX_APPENDIX_PAGES else None


def unreadable_pdfs(
    entries: Iterable[EntryInfo], read_blob: Callable[[str], bytes]
) -> frozenset[str]:
    """Ids of the attached PDFs the submission PDF cannot lay in."""
    return frozenset(att.id for _, att, pages in page_counts(entries, read_blob) if pages is None)
