"""`portfolio new FILE --name NAME [...]`: create a portfolio file for a learner."""

from __future__ import annotations

import argparse
from pathlib import Path

from portfolio.cli.output import emit_json, emit_text
from portfolio.domain.dto import LearnerDetails
from portfolio.errors import PortfolioError
from portfolio.services.portfolio import SUFFIX, Portfolio


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "new",
        help="create a new portfolio file",
        description="Create a new portfolio file for a learner, optionally enrolled on "
        "bundled frameworks (see `portfolio frameworks list`).",
    )
    parser.add_argument("file", help=f"the new file (ending in {SUFFIX})")
    parser.add_argument("--name", required=True, help="learner's full name")
    parser.add_argument("--learner-number", default="", help="registration number or ULN")
    parser.add_argument("--centre", default="", help="college or training centre")
    parser.add_argument(
        "--employer", default="", help="employer (also added to the terms removed from attachments)"
    )
    parser.add_argument(
        "--framework",
        action="append",
        default=[],
        metavar="ID",
        help="enrol on this bundled framework (repeatable)",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if path.suffix != SUFFIX:
        raise PortfolioError(f"A portfolio file name must end in {SUFFIX} (got {path.name}).")
    details = LearnerDetails(
        name=args.name,
        learner_number=args.learner_number,
        centre=args.centre,
        employer=args.employer,
    )
    with Portfolio.create(path, learner=details, frameworks=args.framework) as pf:
        frameworks = pf.enrolment.framework_ids()
    if args.json:
        emit_json({"file": str(path), "learner": details.name, "frameworks": frameworks})
    else:
        enrolled = ", ".join(frameworks) if frameworks else "no framework yet"
        emit_text(f"Created {path} for {details.name} ({enrolled}).")
    return 0
