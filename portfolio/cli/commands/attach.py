"""``portfolio attach FILE ENTRY DOCUMENT``: anonymise a workplace document, then store it.

Only the anonymised copy goes into the portfolio. Prints what was removed per category; on a
missing, unsupported, damaged, encrypted, empty, oversized or mislabelled document it prints one
line on stderr, exits non-zero and leaves the portfolio unchanged. ``portfolio attachments FILE``
lists what is attached and which entries use it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from portfolio.cli.commands._common import open_portfolio
from portfolio.cli.output import emit_json, emit_table, emit_text
from portfolio.domain.attachments import CATEGORY_PLURALS, human_size


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``attach`` and ``attachments`` commands."""
    attach = subparsers.add_parser(
        "attach",
        help="anonymise a workplace document and attach it to an entry",
        description="Remove personal data from DOCUMENT (.txt .md .docx .pdf .png .jpg) using "
        "the portfolio's term list (words to remove) and kept list (words that are not "
        "personal), then store only the anonymised copy on ENTRY.",
    )
    attach.add_argument("file", metavar="FILE", help="the portfolio file")
    attach.add_argument("entry", metavar="ENTRY", help="entry id or reference such as E3")
    attach.add_argument("document", metavar="DOCUMENT", type=Path, help="the document to attach")
    attach.add_argument("--note", default="", help="how you used this document at work")
    attach.add_argument(
        "--term",
        metavar="TEXT",
        action="append",
        default=[],
        help="a name or phrase to remove as well; it joins the portfolio's term list (repeatable)",
    )
    attach.add_argument(
        "--keep",
        metavar="TEXT",
        action="append",
        default=[],
        help="a word the app takes for a person that is not personal (a product, a supplier, a "
        "place): left in this document and every later one, as it joins the portfolio's kept "
        "list; a --term or a word already on the term list wins (repeatable)",
    )
    attach.add_argument("--json", action="store_true", help="print the result as JSON")
    attach.set_defaults(func=run_attach)

    listing = subparsers.add_parser(
        "attachments", help="list the attached documents and the entries that use them"
    )
    listing.add_argument("file", metavar="FILE", help="the portfolio file")
    listing.add_argument("--entry", metavar="ENTRY", help="only this entry's documents")
    listing.add_argument("--json", action="store_true", help="print a JSON list")
    listing.set_defaults(func=run_list)


def run_attach(args: argparse.Namespace) -> int:
    """Anonymise ``args.document``, store it on ``args.entry`` and print a summary."""
    with open_portfolio(args.file) as pf:
        entry = pf.entries.get(args.entry)  # an unknown entry fails before the file is read
        data = pf.attachments.read_file(args.document)
        result = pf.attachments.attach(
            entry_id=entry.id,
            data=data,
            filename=args.document.name,
            note=args.note,
            new_terms=args.term,
            keep=args.keep,
        )
    attachment, report = result.attachment, result.prepared.report
    if args.json:
        emit_json(
            {
                **attachment.to_json(),
                "duplicate": result.duplicate,
                "counts": report.counts,
                "notes": list(report.notes),
                "terms_added": list(result.terms_added),
                "kept_added": list(result.kept_added),
            }
        )
        return 0
    if result.duplicate:
        emit_text(f"{entry.ref} already has this document ({attachment.filename}); nothing added.")
        return 0
    emit_text(
        f"Attached {attachment.filename} to {entry.ref} "
        f"({attachment.kind_label}, {human_size(attachment.size)}, anonymised)."
    )
    if report.counts:
        for category, count in report.counts.items():
            emit_text(f"  {CATEGORY_PLURALS.get(category, category)}: {count} removed")
    else:
        emit_text("  no personal data found in the text")
    for note in report.notes:
        emit_text(f"  {note}")
    if result.reused_blob:
        emit_text(
            f"  The same document is already stored for {', '.join(attachment.also_used_by)}:"
        )
        emit_text("  it is shared, not stored twice.")
    if result.terms_added:
        emit_text(f"  Added to your term list: {', '.join(result.terms_added)}")
    if result.kept_added:
        emit_text(f"  Added to your kept list (not personal): {', '.join(result.kept_added)}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    """Print every attachment with its entry and note."""
    with open_portfolio(args.file, read_only=True) as pf:
        rows = pf.attachments.list(entry_id=args.entry)
    if args.json:
        emit_json([row.to_json() for row in rows])
        return 0
    if not rows:
        emit_text("No documents attached.")
        return 0
    emit_table(
        ["entry", "document", "type", "size", "also used by", "note"],
        [
            (
                r.entry_ref,
                r.filename,
                r.kind_label,
                human_size(r.size),
                ", ".join(r.also_used_by),
                r.note,
            )
            for r in rows
        ],
    )
    return 0
