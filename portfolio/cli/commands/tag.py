"""`portfolio tag` / `portfolio untag`: claim (or withdraw) that an entry evidences a criterion."""

from __future__ import annotations

import argparse

from portfolio.cli.commands._common import open_portfolio
from portfolio.cli.output import emit_text


def register(subparsers: argparse._SubParsersAction) -> None:
    tag = subparsers.add_parser("tag", help="tag an entry to a criterion, saying how it meets it")
    tag.add_argument("file", help="the portfolio file")
    tag.add_argument("entry", help="entry id or reference such as E3")
    tag.add_argument("criterion", help="criterion id, or its number (e.g. 1.2) if unambiguous")
    tag.add_argument(
        "-j",
        "--justification",
        default="",
        help="how this entry shows the criterion (a tag without one is a gap)",
    )
    tag.set_defaults(func=run_tag)

    untag = subparsers.add_parser("untag", help="remove a tag from an entry")
    untag.add_argument("file", help="the portfolio file")
    untag.add_argument("entry", help="entry id or reference such as E3")
    untag.add_argument("criterion", help="criterion id or number")
    untag.set_defaults(func=run_untag)


def run_tag(args: argparse.Namespace) -> int:
    with open_portfolio(args.file) as pf:
        entry = pf.entries.get(args.entry)
        tag = pf.tagging.tag(
            entry_id=entry.id, criterion=args.criterion, justification=args.justification
        ).value
    note = "" if tag.justification else " (add a justification: how does it meet it?)"
    emit_text(f"Tagged {entry.ref} to {tag.number}{note}.")
    return 0


def run_untag(args: argparse.Namespace) -> int:
    with open_portfolio(args.file) as pf:
        entry = pf.entries.get(args.entry)
        removed = pf.tagging.untag(entry_id=entry.id, criterion=args.criterion).value
    if removed:
        emit_text(f"Removed the tag {args.criterion} from {entry.ref}.")
        return 0
    emit_text(f"{entry.ref} was not tagged to {args.criterion}; nothing changed.")
    return 1
