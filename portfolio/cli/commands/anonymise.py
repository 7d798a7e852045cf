"""``portfolio anonymise INPUT -o OUTPUT [--term TEXT]...``: remove personal data from a document.

INPUT and OUTPUT are of one format (.txt .md .docx .pdf .png .jpg). Prints what was removed per
category; on unusable input prints one line on stderr, exits non-zero and writes nothing.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from portfolio.cli.output import emit_json, emit_text
from portfolio.domain.attachments import CATEGORY_PLURALS

# The summary names categories as ``portfolio attach`` does; the items a learner passes with
# --term are "your terms" here.
_CATEGORY_NAMES = {**CATEGORY_PLURALS, "term": "your terms"}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``anonymise`` command."""
    parser = subparsers.add_parser(
        "anonymise",
        help="remove personal data from a document (.txt .md .docx .pdf .png .jpg)",
        description="Replace personal data with placeholders (text, Word), redact it for good "
        "(PDF, including text read from scanned pages) or black it out in pictures (text read "
        "by offline OCR, and faces), removing image metadata. OUTPUT must be the same type as "
        "INPUT.",
    )
    parser.add_argument("input", metavar="INPUT", type=Path, help="the document to anonymise")
    parser.add_argument(
        "-o", "--output", metavar="OUTPUT", type=Path, required=True, help="where to write it"
    )
    parser.add_argument(
        "--term",
        metavar="TEXT",
        action="append",
        default=[],
        help="a name or phrase to remove as well (employer, colleague, place); repeatable",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Anonymise ``args.input`` into ``args.output`` and print a summary."""
    from portfolio.anonymise.pipeline import anonymise_file

    report = anonymise_file(args.input, args.output, terms=args.term)
    if args.json:
        emit_json(
            {
                "input": str(args.input),
                "output": str(args.output),
                "media_type": report.media_type,
                "counts": report.counts,
                "findings": [
                    {"category": f.category, "placeholder": f.placeholder} for f in report.findings
                ],
                "notes": list(report.notes),
            }
        )
        return 0
    emit_text(f"Anonymised {args.input.name} ({report.media_type}) -> {args.output}")
    if report.counts:
        for category, count in report.counts.items():
            emit_text(f"  {_CATEGORY_NAMES.get(category, category)}: {count} removed")
    else:
        emit_text("  no personal data found in the text")
    for note in report.notes:
        emit_text(f"  {note}")
    return 0
