"""Which attachments become appendices, numbered once per stored document.

A document attached to many entries (one flowchart on 57 entries) is stored once (by its
SHA-256) and shown once: its appendix lists every entry that cites it, and each of those entries
points to the appendix. PDFs are laid in page by page (``pdf.merge``); text, Markdown and Word
documents are laid out as text; an image attached to one entry only is shown in that entry, an
image several entries share becomes an appendix. Anything else is listed by name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from portfolio.export.appendix_order import cited_documents, shown_as_appendix
from portfolio.export.model import Snapshot
from portfolio.export.pdf.context import Appendix
from portfolio.export.pdf.merge import plan_appendices
from portfolio.progress import CancelToken


def plan_documents(
    snapshot: Snapshot, read_blob: Callable[[str], bytes], cancel: CancelToken | None = None
) -> tuple[tuple[Appendix, ...], frozenset[str]]:
    """The appendices, one per stored document, in the order first cited; and the ids of the
    attachments that cannot be shown (damaged or locked PDFs)."""
    pdfs, unreadable = plan_appendices(_first_pdf_uses(snapshot), read_blob, cancel)
    pdf_pages = {a.attachment.sha256: a.pages for a in pdfs}
    bad_pdfs = {a.sha256 for e in snapshot.entries for a in e.attachments if a.id in unreadable}
    appendices: list[Appendix] = []
    not_shown: set[str] = set()
    for doc in cited_documents(snapshot):  # numbered by the rule the check shares
        entry, att = doc.uses[0]
        if not shown_as_appendix(doc, bad_pdfs):
            if doc.kind == "pdf":
                not_shown.update(a.id for _, a in doc.uses)
            continue
        appendices.append(
            Appendix(
                len(appendices) + 1,
                att,
                entry,
                pdf_pages[doc.sha256] if doc.kind == "pdf" else 0,
                cited_by=tuple(e for e, _ in doc.uses),
                kind=doc.kind,
            )
        )
    return tuple(appendices), frozenset(not_shown)


def not_shown_lines(snapshot: Snapshot, not_shown: frozenset[str]) -> list[str]:
    """One export-report line per stored document the PDF names but cannot include (a damaged
    or password-protected PDF), with the entries that cite it, in the words the check before
    export uses."""
    lines: dict[str, tuple[list[str], str]] = {}
    for entry in snapshot.entries:
        for att in entry.attachments:
            if att.id in not_shown:
                refs, _ = lines.setdefault(att.sha256, ([], att.filename))
                if entry.ref not in refs:
                    refs.append(entry.ref)
    out = []
    for refs, filename in lines.values():
        who = ", ".join(refs[:5]) + (f" and {len(refs) - 5} more" if len(refs) > 5 else "")
        out.append(
            f"{who}: the attached '{filename}' cannot be read (damaged or password-protected), "
            "so the PDF names it but cannot include it."
        )
    return out


def _first_pdf_uses(snapshot: Snapshot) -> Snapshot:
    """The snapshot with each stored PDF kept on its first attachment only, so each is opened
    and counted once however many entries cite it."""
    seen: set[str] = set()
    entries = []
    for entry in snapshot.entries:
        kept = []
        for att in entry.attachments:
            if att.kind == "pdf" and att.sha256 not in seen:
                seen.add(att.sha256)
                kept.append(att)
        entries.append(replace(entry, attachments=tuple(kept)))
    return replace(snapshot, entries=tuple(entries))


def pdf_appendices(appendices: tuple[Appendix, ...]) -> list[Appendix]:
    """The appendices whose pages ``pdf.merge`` lays in."""
    return [a for a in appendices if a.kind == "pdf"]
