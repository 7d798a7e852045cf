"""`portfolio frameworks import FILE`: a framework from our JSON, CSV or a Mahara .matrix.

Prints the framework's id (the contract); with ``--json`` an object with the id, counts,
warnings and, with ``--into``, what happened to the portfolio's tags. Notes for people
(warnings, criteria that vanished in an update) go to stderr so stdout stays the id alone.
"""

from __future__ import annotations

import argparse
import sys

from portfolio.cli.commands._common import open_portfolio
from portfolio.cli.output import emit_json, emit_text, error
from portfolio.errors import FrameworkError
from portfolio.services.frameworks_admin import (
    PortfolioImportResult,
    read_framework_file,
    save_to_library,
)


def register_import(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "import",
        help="import a framework (our JSON, CSV or Mahara .matrix, told apart by content)",
        description=(
            "Validate a framework file and keep it in your library of imported frameworks; "
            "with --into, also enrol a portfolio on it (or update it there in place, keeping "
            "tags). Nothing is imported if the file has any problem."
        ),
    )
    parser.add_argument("file", help="the framework file (.json, .csv or .matrix)")
    parser.add_argument("--into", metavar="PORTFOLIO", help="also enrol this portfolio on it")
    parser.add_argument(
        "--no-library", action="store_true", help="do not keep it in your framework library"
    )
    parser.add_argument("--check", action="store_true", help="validate only; import nothing")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run_import)


def run_import(args: argparse.Namespace) -> int:
    try:
        imported = read_framework_file(args.file)
    except FrameworkError as exc:
        # Every problem on its own line, so a tutor can fix the whole file in one go.
        if len(exc.problems) > 1:
            error(f"{len(exc.problems)} problems; nothing was imported:")
        for problem in exc.problems:
            error(problem)
        return exc.exit_code
    framework = imported.framework
    library_path = None
    result: PortfolioImportResult | None = None
    if not args.check:
        if args.into:
            with open_portfolio(args.into) as pf:
                result = pf.frameworks_admin.import_framework(framework)
        if not args.no_library:
            library_path = save_to_library(framework)
    if args.json:
        emit_json(
            {
                "id": framework.id,
                "title": framework.title,
                "level": framework.level,
                "version": framework.version,
                "format": imported.format,
                "units": imported.unit_count,
                "outcomes": imported.outcome_count,
                "criteria": imported.criterion_count,
                "warnings": list(imported.warnings),
                "library_path": str(library_path) if library_path else None,
                "portfolio": result.to_json() if result else None,
            }
        )
        return 0
    emit_text(framework.id)
    for warning in imported.warnings:
        _note(f"warning: {warning}")
    if result is not None:
        _describe(result)
    return 0


def _describe(result: PortfolioImportResult) -> None:
    if result.action == "enrolled":
        _note(f"enrolled the portfolio on {result.framework_id}")
        return
    _note(
        f"updated {result.framework_id} from version {result.old_version} to "
        f"{result.new_version}: {result.tags_kept} tag(s) kept, {result.tags_moved} followed "
        f"their criterion by number, {result.added_criteria} new criteria"
    )
    for vanished in result.vanished:
        used = ", ".join(e.ref for e in vanished.entries) or "no entries"
        _note(
            f"vanished criterion {vanished.number} {vanished.text[:60]!r} "
            f"({vanished.criterion_id}) was used by: {used}"
        )


def _note(text: str) -> None:
    # Notes for people go to stderr so that `ID=$(portfolio frameworks import f.csv)` works.
    sys.stderr.write(f"portfolio: {text}\n")
