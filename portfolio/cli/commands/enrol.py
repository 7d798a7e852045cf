"""`portfolio enrol FILE FRAMEWORK_ID`: copy a bundled framework into a portfolio."""

from __future__ import annotations

import argparse

from portfolio.cli.commands._common import open_portfolio
from portfolio.cli.output import emit_text


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "enrol", help="enrol a portfolio on a bundled framework (copied into the file)"
    )
    parser.add_argument("file", help="the portfolio file")
    parser.add_argument("framework", help="framework id (see `portfolio frameworks list`)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with open_portfolio(args.file) as pf:
        framework = pf.enrolment.enrol(args.framework).value
    emit_text(f"Enrolled on {framework.title} (Level {framework.level}).")
    return 0
