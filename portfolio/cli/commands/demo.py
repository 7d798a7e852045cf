"""`portfolio demo FILE [--entries N] [--attachments]`: a realistic demo portfolio."""

from __future__ import annotations

import argparse
from pathlib import Path

from portfolio.cli.output import emit_text
from portfolio.demo import create_demo


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="create a realistic demo portfolio",
        description="Create a demo portfolio with well-written STAR entries tagged against a "
        "bundled framework, with some deliberate gaps to show coverage.",
    )
    parser.add_argument("file", help="the new portfolio file")
    parser.add_argument(
        "--entries",
        type=int,
        default=None,
        metavar="N",
        help="number of entries (default: one per bundled scenario)",
    )
    parser.add_argument(
        "--attachments",
        action="store_true",
        help="attach anonymised workplace documents (a greeting script, a complaint flowchart, "
        "a Challenge 25 notice, handover notes) to a share of the entries",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with create_demo(Path(args.file), entries=args.entries, attachments=args.attachments) as pf:
        count = pf.entries.count()
        framework = pf.enrolment.framework_ids()[0]
        attached, stored = pf.attachments.counts()
    documents = f" and {attached} attached documents ({stored} stored)" if attached else ""
    emit_text(f"Created demo portfolio {args.file} with {count} entries{documents} on {framework}.")
    return 0
