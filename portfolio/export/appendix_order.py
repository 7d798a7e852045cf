"""Which stored documents become appendices, and their numbers, known before any layout.

The PDF numbers its appendices in the order their documents are first cited (one appendix per
stored document, by SHA-256, however many entries cite it): every PDF that opens, every text,
Markdown and Word document, and an image several entries share. Nothing in that rule depends
on the layout, only on which attached PDFs cannot be opened, which the check before export
finds anyway. So the PDF's plan (``pdf.sections.documents.plan_documents``) and the check
(``export.wordcheck``) share this one rule: the number the check names is the number the
learner will find in the PDF. No reportlab or pikepdf here.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from portfolio.export.model import AttachmentInfo, EntryInfo, Snapshot
from portfolio.export.readable import TEXT_KINDS, document_kind


@dataclass(frozen=True, slots=True)
class Cited:
    """A stored document and the entries citing it (first citation first, each entry once,
    with its attachment); ``kind`` as ``readable.document_kind`` says of the first."""

    sha256: str
    uses: tuple[tuple[EntryInfo, AttachmentInfo], ...]
    kind: str


def cited_documents(snapshot: Snapshot) -> list[Cited]:
    """Every stored document the snapshot's entries cite, in the order first cited."""
    citing: dict[str, list[tuple[EntryInfo, AttachmentInfo]]] = {}
    for entry in snapshot.entries:
        for att in entry.attachments:
            uses = citing.setdefault(att.sha256, [])
            if not any(e.id == entry.id for e, _ in uses):
                uses.append((entry, att))
    return [Cited(sha, tuple(uses), document_kind(uses[0][1])) for sha, uses in citing.items()]


def shown_as_appendix(doc: Cited, bad_pdfs: Collection[str]) -> bool:
    """Whether ``doc`` is an appendix (``bad_pdfs``: SHA-256 of the PDFs that cannot be
    opened; those are named in their entries instead)."""
    if doc.kind == "pdf":
        return doc.sha256 not in bad_pdfs
    return doc.kind in TEXT_KINDS or (doc.kind == "image" and len(doc.uses) > 1)


def appendix_numbers(snapshot: Snapshot, unreadable: Collection[str]) -> dict[str, int]:
    """SHA-256 -> appendix number, for every document the PDF shows as an appendix;
    ``unreadable``: ids of the attached PDFs that cannot be opened."""
    bad = {a.sha256 for e in snapshot.entries for a in e.attachments if a.id in unreadable}
    numbers: dict[str, int] = {}
    for doc in cited_documents(snapshot):
        if shown_as_appendix(doc, bad):
            numbers[doc.sha256] = len(numbers) + 1
    return numbers
