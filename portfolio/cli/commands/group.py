"""`portfolio group FOLDER [--json | --csv] [--pdf OUT.pdf] [--no-evidence-weeks N]
[--attention]`: one row per learner and unit for a folder of portfolios, the learners who need a
tutor's attention (behind on off-the-job hours, or no new evidence for N weeks), and the files
that could not be read, with the reason."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from portfolio.cli.output import emit_csv, emit_json, emit_table, emit_text
from portfolio.errors import InvalidInputError
from portfolio.review.group_report import (
    CSV_HEADERS,
    DEFAULT_QUIET_WEEKS,
    MAX_QUIET_WEEKS,
    activity_label,
    attention,
    otj_label,
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
    parser.add_argument(
        "--no-evidence-weeks",
        type=int,
        default=DEFAULT_QUIET_WEEKS,
        metavar="N",
        help=f"flag learners with no new evidence for N weeks (default {DEFAULT_QUIET_WEEKS})",
    )
    parser.add_argument(
        "--attention",
        action="store_true",
        help="only learners behind on off-the-job hours or with no new evidence for N weeks",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    weeks = args.no_evidence_weeks
    if not 1 <= weeks <= MAX_QUIET_WEEKS:
        raise InvalidInputError(
            f"--no-evidence-weeks must be from 1 to {MAX_QUIET_WEEKS}, not {weeks}."
        )
    overview = scan_folder(Path(args.folder))
    if args.attention:
        overview = replace(
            overview,
            learners=tuple(x for x in overview.learners if attention(x, weeks=weeks)),
        )
    if args.pdf:
        write_pdf(overview, Path(args.pdf), weeks=weeks)
    if args.json:
        emit_json(to_json(overview, weeks=weeks))
    elif args.csv:
        emit_csv(CSV_HEADERS, table_rows(overview, weeks=weeks))
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
                "off-the-job",
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
                    otj_label(learner) or "-",
                    activity_label(learner.last_activity),
                )
                for learner in overview.learners
                for unit in learner.units
            ),
        )
        needing = [(x, attention(x, weeks=weeks)) for x in overview.learners]
        needing = [(x, why) for x, why in needing if why]
        if needing:
            emit_text("\nNeeds attention:")
            for learner, why in needing:
                emit_text(f"  {learner.name} ({learner.path.name}): {'; '.join(why)}")
        if not overview.learners:
            emit_text(
                f"No learners need attention in {overview.folder}."
                if args.attention
                else f"No portfolios could be read in {overview.folder}."
            )
        for failure in overview.failures:
            emit_text(f"Could not read {failure.path.name}: {failure.reason}")
    if args.pdf and not args.json and not args.csv:
        emit_text(f"Wrote {args.pdf}")
    return 0
