"""`portfolio export`, `portfolio pack` and `portfolio verify`: the submission and its checks.

portfolio export FILE -o OUT.pdf [--units REF ...] [--no-drafts] [--no-feedback]
                                 [--no-attachments] [--show-employer] [--charts] [--json]
portfolio export FILE --check [--json]   the problems an export would carry; exit 0 either way
portfolio pack FILE -o OUT.zip   (same options)
portfolio verify OUT.zip [--json]     exit 0 when the package is intact, 3 when it is not

`export`, `export --check` and `pack` read a plain file at this version's schema without SQLAlchemy
(services/plain_export.py, issue #17: its import alone cost as much as a plain reportlab process
writing 100 entries); any other file, and exports with --charts, take the ordinary path, which
opens, migrates, refuses or asks for the passphrase as before. Nothing else is imported until a
command runs.
"""

from __future__ import annotations

import argparse
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from portfolio.cli.commands._common import open_portfolio
from portfolio.cli.output import emit_json, emit_text, error
from portfolio.domain.wording import plural
from portfolio.export.options import ExportOptions

if TYPE_CHECKING:
    from portfolio.export.check import Problem

VERIFY_FAILED = 3


def register(subparsers: argparse._SubParsersAction) -> None:
    export = subparsers.add_parser(
        "export",
        help="write the submission PDF, or check it first (--check)",
        description="Write the submission PDF. An entry holding personal data you have neither "
        "replaced nor kept stops the export (see `portfolio entry redact`). With --check, "
        "write nothing: list the problems an export would carry.",
    )
    _common_options(export, "OUT.pdf", "the PDF to write (not needed with --check)")
    export.add_argument(
        "--check",
        action="store_true",
        help="list the problems before export (personal data, undated, empty and draft "
        "entries, stale judgements, void sign-offs, attachments that cannot be included); "
        "--json prints [{kind, entry, message, ...}]; exit 0 whether or not any are found",
    )
    export.set_defaults(func=run_export)

    pack = subparsers.add_parser(
        "pack", help="write the evidence package: PDF, anonymised attachments and manifest"
    )
    _common_options(pack, "OUT.zip", "the zip to write")
    pack.set_defaults(func=run_pack)

    verify = subparsers.add_parser(
        "verify", help="check an evidence package offline; non-zero if anything changed"
    )
    verify.add_argument("package", help="the evidence package (.zip)")
    verify.add_argument("--json", action="store_true", help="print the findings as JSON")
    verify.add_argument(
        "--expect",
        metavar="FINGERPRINT",
        help="the package fingerprint recorded when it was handed in (as `pack` printed it); "
        "the check fails if the package's is different",
    )
    verify.set_defaults(func=run_verify)


def _common_options(parser: argparse.ArgumentParser, metavar: str, help_out: str) -> None:
    parser.add_argument("file", help="the portfolio file")
    parser.add_argument(
        "-o", "--output", required=metavar != "OUT.pdf", metavar=metavar, help=help_out
    )
    parser.add_argument(
        "--units",
        nargs="+",
        metavar="UNIT",
        help="only these units (ids or references such as BWRC); default: every unit",
    )
    parser.add_argument("--no-drafts", action="store_true", help="leave out draft entries")
    parser.add_argument(
        "--no-feedback", action="store_true", help="leave out reviewer feedback and judgements"
    )
    parser.add_argument("--no-attachments", action="store_true", help="leave out attachments")
    parser.add_argument(
        "--show-employer", action="store_true", help="name the employer on the cover sheet"
    )
    parser.add_argument(
        "--charts",
        action="store_true",
        help="add the progress charts (criteria over time per unit, off-the-job hours against "
        "the plan, entries per month) as a section after the summary of achievement",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def _options(args: argparse.Namespace) -> ExportOptions:
    return ExportOptions(
        units=tuple(args.units) if args.units else None,
        include_drafts=not args.no_drafts,
        include_feedback=not args.no_feedback,
        include_attachments=not args.no_attachments,
        show_employer=args.show_employer,
        include_charts=args.charts,
    )


def run_export(args: argparse.Namespace) -> int:
    if args.check:
        return run_check(args)
    if not args.output:
        error("export needs -o OUT.pdf (the PDF to write), or --check to list the problems.")
        return 2
    from portfolio.services import plain_export

    options = _options(args)
    with _start_up_uncollected(args) as settle:
        result = plain_export.export_pdf(
            Path(args.file), args.output, options, before_layout=settle
        )
    if result is None:
        with open_portfolio(args.file, read_only=True) as pf:
            result = pf.exporting.export_pdf(args.output, options=options)
    if args.json:
        emit_json(
            {
                "path": str(result.path),
                "pages": result.pages,
                "entries": result.entries,
                "appendices": result.appendices,
                "fingerprint": result.fingerprint,
                "pdfa": result.pdfa,
                "tagged": result.tagged,
                "missing_characters": list(result.missing_characters),
                "notes": result.report_lines(),
            }
        )
    else:
        emit_text(
            f"Wrote {result.path} ({plural(result.pages, 'page')}, "
            f"{plural(result.entries, 'entry', 'entries')}, "
            f"fingerprint {result.fingerprint})."
        )
        for line in result.report_lines():
            emit_text(line)
    return 0


@contextmanager
def _start_up_uncollected(args: argparse.Namespace) -> Iterator[Callable[[], None]]:
    """The collector paused while the command starts up (imports, reading the file, the
    personal-data check), as the app pauses it while its window is built (``ui/app.py``).

    Start-up makes objects that live until the process ends (modules, classes, functions, the
    snapshot: ~36,000 tracked at 100 entries). The collector ran ~90 times over them while
    they were made (~30 ms CPU, finding a few hundred objects of import-time cycles), and the
    layout's older-generation collections walked them all again (~55 ms of collections at 100
    entries, ~20 ms with them frozen). Yields ``settle``: called just before the layout (at
    the latest when the block ends), it turns the collector back on, and when this command is
    the whole process (``main()`` run with no argv: ``python -m portfolio``, the ``portfolio``
    script) first freezes what start-up made, so later collections skip it. A command run
    in-process (tests) is never frozen: its caller's objects must stay collectable.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    settled = False

    def settle() -> None:
        nonlocal settled
        if settled:
            return
        settled = True
        if getattr(args, "whole_process", False):
            gc.freeze()
        if was_enabled:
            gc.enable()

    try:
        yield settle
    finally:
        settle()


def run_check(args: argparse.Namespace) -> int:
    """The check before export: every problem printed, exit 0 whether or not there are any."""
    from portfolio.services import plain_export

    options = _options(args)
    with _start_up_uncollected(args):  # a check is all start-up: no layout follows
        report = plain_export.check(Path(args.file), options)
    if report is None:
        with open_portfolio(args.file, read_only=True) as pf:
            report = pf.export_check.check(options)
    if args.json:
        emit_json([problem.to_json() for problem in report.problems])
        return 0
    if not report.problems:
        emit_text("No problems found: the portfolio is ready to export.")
        return 0
    emit_text(f"{plural(len(report.problems), 'problem')} before export:")
    for problem in report.problems:
        emit_text(f"  [{problem.kind}] {problem.message}{_fix_hint(problem)}")
    if report.personal_data:
        emit_text(
            "Exports refuse entries with personal data until each item is replaced or kept: "
            "`portfolio entry redact FILE ENTRY` (add --keep to keep it on purpose)."
        )
    return 0


def _fix_hint(problem: Problem) -> str:
    if problem.kind != "personal_data":
        return ""
    if problem.replacement:
        return f" Proposed: '{problem.replacement}'."
    return " Proposed: remove it."


def run_pack(args: argparse.Namespace) -> int:
    from portfolio.services import plain_export

    options = _options(args)
    with _start_up_uncollected(args) as settle:
        result = plain_export.pack(Path(args.file), args.output, options, before_layout=settle)
    if result is None:
        with open_portfolio(args.file, read_only=True) as pf:
            result = pf.exporting.pack(args.output, options=options)
    if args.json:
        emit_json(
            {
                "path": str(result.path),
                "files": result.files,
                "pdf_pages": result.pdf_pages,
                "fingerprint": result.fingerprint,
                "package_fingerprint": result.package_fingerprint,
            }
        )
    else:
        emit_text(
            f"Wrote {result.path} ({plural(result.files, 'file')}, "
            f"fingerprint {result.fingerprint}, package fingerprint {result.package_fingerprint})."
        )
    return 0


def run_verify(args: argparse.Namespace) -> int:
    from portfolio.services.exporting import ExportService

    report = ExportService.verify(args.package)
    expect = (args.expect or "").strip().lower()
    if expect and report.ok and expect != report.package_fingerprint:
        report = replace(
            report,
            problems=(
                f"its package fingerprint is {report.package_fingerprint or 'missing'}, "
                f"not the {expect} recorded",
            ),
        )
    if args.json:
        emit_json(
            {
                "ok": report.ok,
                "fingerprint": report.fingerprint,
                "checked": report.checked,
                "changed": list(report.changed),
                "missing": list(report.missing),
                "extra": list(report.extra),
                "problems": list(report.problems),
                "package_fingerprint": report.package_fingerprint,
                "notes": list(report.notes),
            }
        )
    elif report.ok:
        package = f", package fingerprint {report.package_fingerprint}"
        emit_text(
            f"OK: {plural(report.checked, 'file')} "
            f"{'matches' if report.checked == 1 else 'match'} the manifest "
            f"(fingerprint {report.fingerprint}{package if report.package_fingerprint else ''})."
        )
        for note in report.notes:
            emit_text(f"note: {note}")
    else:
        for line in report.lines():
            emit_text(line)
    if not report.ok:
        count = plural(len(report.lines()), "problem")
        error(f"{args.package} does not match its manifest ({count}).")
        return VERIFY_FAILED
    return 0
