"""`portfolio roster`: a reviewer's key fingerprint, the centre roster the lead IQA makes from
them, importing it into a learner's file, and showing it (issue 13 item 5)."""

from __future__ import annotations

import argparse
from pathlib import Path

from portfolio.cli.commands._common import open_portfolio
from portfolio.cli.commands.reviewer import signing_identity
from portfolio.cli.output import emit_json, emit_table, emit_text
from portfolio.review import roster
from portfolio.services import roster as roster_service


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "roster", help="signing keys and the centre roster of reviewers (names, roles, keys)"
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    key = actions.add_parser("key", help="your signing key's fingerprint (made on first use)")
    key.add_argument("--reviewer", required=True, metavar="NAME", help="your name")
    key.set_defaults(func=run_key)

    make = actions.add_parser("make", help="as the lead IQA: write a roster file")
    make.add_argument("-o", "--output", required=True, metavar="ROSTER.json")
    make.add_argument("--centre", required=True, metavar="NAME", help="the centre's name")
    make.add_argument(
        "--member",
        action="append",
        required=True,
        metavar="NAME:ROLE:KEY",
        help="a reviewer, e.g. 'Priya Shah:assessor:ab12 cd34 ef56 7890' (repeat)",
    )
    make.set_defaults(func=run_make)

    load = actions.add_parser("import", help="import a roster into a learner's portfolio")
    load.add_argument("file", help="the portfolio file")
    load.add_argument("roster", metavar="ROSTER.json", help="the roster file")
    load.set_defaults(func=run_import)

    show = actions.add_parser("show", help="the roster imported into a portfolio")
    show.add_argument("file", help="the portfolio file")
    show.add_argument("--json", action="store_true", help="print the roster as JSON")
    show.set_defaults(func=run_show)


def run_key(args: argparse.Namespace) -> int:
    emit_text(signing_identity(args.reviewer.strip()).fingerprint)
    return 0


def run_make(args: argparse.Namespace) -> int:
    made = roster.Roster(
        centre=args.centre.strip(), members=tuple(roster.parse_member(m) for m in args.member)
    )
    out = roster_service.write_roster(made, Path(args.output))
    emit_text(f"Wrote {out} ({len(made.members)} reviewer(s)).")
    return 0


def run_import(args: argparse.Namespace) -> int:
    with open_portfolio(args.file) as pf:
        made, _ = roster_service.import_roster(pf.storage, Path(args.roster), actor=pf.actor)
    emit_text(
        f"Imported the roster of {made.centre or 'the centre'}: {len(made.members)} reviewer(s)."
    )
    return 0


def run_show(args: argparse.Namespace) -> int:
    with open_portfolio(args.file, read_only=True) as pf:
        current = roster_service.current(pf.storage)
    if args.json:
        emit_json(current.to_json() if current else None)
        return 0
    if current is None:
        emit_text("No roster has been imported into this portfolio.")
        return 0
    emit_text(f"Centre: {current.centre}")
    emit_table(("name", "role", "key"), ((m.name, m.role, m.key) for m in current.members))
    return 0
