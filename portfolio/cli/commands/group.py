"""`portfolio group FOLDER [--json | --csv] [--pdf OUT.pdf]`: one row per learner and unit for
a folder of portfolios, and the files that could not be read, with the reason."""

from __future__ import annotations

import argparse
from pathlib import Path

from portfolio.cli.output import emit_csv, emit_json, emit_table, emit_text
from portfolio.review.group_report import (
    CSV_HEADERS,
    activity_label,
    signoff_label,
    table_rows,
    to_json,
    write_pdf,
)
from portfolio.services.group import scan_folder


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "group", help="overview of a folder of portfolios: coverage, judgements, awaiting review"
    )
    parser.add_argument("folder", help="the folder holding the learners' .portfolio files")
    fmt = parser.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help='print {"learners": [...], "failures"}')
    fmt.add_argument("--csv", action="store_true", help="print one CSV row per learner and unit")
    parser.add_argument("--pdf", metavar="OUT.pdf", help="also write the table as a PDF")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    overview = scan_folder(Path(args.folder))
    if args.pdf:
        write_pdf(overview, Path(args.pdf))
    if args.json:
        emit_json(to_json(overview))
    elif args.csv:
        emit_csv(CSV_HEADERS, table_rows(overview))
    else:
        emit_table(
            (
                "learner",
                "file",
                "unit",
                "evidenced",
                "met",
                "sign-off",
                "awaiting",
                "last activity",
            ),
            (
                (
                    learner.name,
                    learner.path.name,
                    unit.ref,
                    f"{unit.evidenced}/{unit.criteria}",
                    f"{unit.met}/{unit.criteria}",
                    signoff_label(unit),
                    learner.awaiting_review,
                    activity_label(learner.last_activity),
                )
                for learner in overview.learners
                for unit in learner.units
            ),
        )
        if not overview.learners:
            emit_text(f"No portfolios could be read in {overview.folder}.")
        for failure in overview.failures:
            emit_text(f"Could not read {failure.path.name}: {failure.reason}")
    if args.pdf and not args.json and not args.csv:
        emit_text(f"Wrote {args.pdf}")
    return 0
