"""`portfolio merge LEARNER_FILE REVIEWED_COPY`: bring a reviewer's records back into the
learner's own file (by stable ids; running it twice changes nothing)."""

from __future__ import annotations

import argparse
from pathlib import Path

from portfolio.cli.output import emit_json, emit_text
from portfolio.services.portfolio import Portfolio


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "merge",
        help="import comments, judgements, sign-offs and IQA samples from a reviewed copy; "
        "reports what was added, skipped (with why) and the conflicts",
    )
    parser.add_argument("learner_file", metavar="LEARNER_FILE", help="the learner's own file")
    parser.add_argument("reviewed_copy", metavar="REVIEWED_COPY", help="the copy a reviewer used")
    parser.add_argument("--json", action="store_true", help="print what was imported as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with Portfolio.open(Path(args.learner_file)) as pf:
        report = pf.reviewing.import_review(Path(args.reviewed_copy))
    if args.json:
        emit_json(report.to_json())
        return 0
    if report.changed:
        emit_text(
            f"Added {report.feedback} comment(s), {report.judgements} judgement(s), "
            f"{report.signoffs} sign-off(s), {report.samples} IQA sample(s) and "
            f"{report.observations} observation record(s) "
            f"({report.audit_events} audit event(s))."
        )
    else:
        emit_text("Nothing new to import: this copy has been merged already.")
    for message in report.skipped:
        emit_text(f"Skipped: {message}")
    for message in report.conflicts:
        emit_text(f"Conflict: {message}")
    return 0
