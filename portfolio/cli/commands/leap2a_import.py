"""`portfolio import-leap2a ZIP_OR_XML -o NEW.portfolio [--framework ID] [--term T] [--keep K]`:
a learner's Mahara (or Moodle) LEAP2A export becomes a new portfolio: journal posts as entries,
files anonymised (the --term words removed, the --keep words left) and attached, tags kept.
On bad input: one line on stderr, a non-zero exit, nothing written."""

from __future__ import annotations

import argparse

from portfolio.cli.output import emit_json, emit_text
from portfolio.domain.wording import plural


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import-leap2a",
        help="a new portfolio from a Mahara LEAP2A export (journal posts, files, tags)",
        description=(
            "Read a LEAP2A export (Mahara's .zip, or the bare leap2a.xml with its files beside "
            "it) into a NEW portfolio: each journal post becomes an entry (draft posts stay "
            "drafts), each file is anonymised and attached, tags are kept. With --framework "
            "the portfolio is enrolled on that framework and tags naming its criteria become "
            "evidence links. Pages, collections, plans and comments are counted, not imported."
        ),
    )
    parser.add_argument("source", metavar="ZIP_OR_XML", help="the LEAP2A export")
    parser.add_argument(
        "-o", "--output", required=True, metavar="NEW.portfolio", help="the portfolio to create"
    )
    parser.add_argument("--framework", metavar="ID", help="enrol on this framework")
    parser.add_argument(
        "--term",
        metavar="TEXT",
        action="append",
        default=[],
        help="a name or phrase to remove from the files as well (repeatable)",
    )
    parser.add_argument(
        "--keep",
        metavar="TEXT",
        action="append",
        default=[],
        help="a word that is not personal (a product, a supplier, a place) to leave in the "
        "files; it starts the new portfolio's kept list (repeatable)",
    )
    parser.add_argument("--json", action="store_true", help="print what was imported as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from portfolio.services.leap2a_import import import_leap2a

    report = import_leap2a(
        args.source,
        args.output,
        framework_id=args.framework,
        terms=tuple(args.term),
        keep=tuple(args.keep),
    )
    if args.json:
        emit_json(report.to_json())
        return 0
    emit_text(
        f"Created {report.path} for {report.learner}: "
        f"{plural(report.entries, 'entry', 'entries')}, "
        f"{plural(report.attachments, 'attachment')} (anonymised), "
        f"{plural(report.tags_kept, 'tag')} kept"
        + (f", {plural(report.criteria_tagged, 'criterion tag')}" if args.framework else "")
        + (
            f", {plural(report.otj_activities, 'off-the-job activity', 'off-the-job activities')}"
            if report.otj_activities
            else ""
        )
        + "."
    )
    for name, why in report.skipped_files:
        emit_text(f"  not attached: {name} ({why})")
    if report.not_imported:
        counted = ", ".join(plural(count, kind) for kind, count in report.not_imported.items())
        emit_text(f"  not imported (no place in a portfolio of entries): {counted}")
    for note in report.notes:
        emit_text(f"  note: {note}")
    return 0
