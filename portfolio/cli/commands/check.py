"""`portfolio check FILE`: integrity check and schema version of a portfolio file."""

from __future__ import annotations

import argparse
from pathlib import Path

from portfolio.cli.output import emit_json, emit_text
from portfolio.errors import ReadOnlyError
from portfolio.storage import migrate
from portfolio.storage.file import PortfolioFile


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "check", help="check a portfolio file for damage and report its schema version"
    )
    parser.add_argument("file", help="the portfolio file")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        # Read-only, so checking a current file never changes it.
        storage = PortfolioFile.open(path, read_only=True)
    except ReadOnlyError:
        storage = PortfolioFile.open(path)  # an older schema: opening it migrates it
    try:
        problems = storage.integrity_problems()
        revision = storage.schema_revision()
    finally:
        storage.close()
    result = {
        "file": str(path),
        "ok": not problems,
        "schema_revision": revision,
        "app_schema_revision": migrate.head_revision(),
        "problems": problems,
    }
    if args.json:
        emit_json(result)
    elif problems:
        emit_text(f"{path.name}: {len(problems)} problem(s) found:")
        for problem in problems:
            emit_text(f"  - {problem}")
    else:
        emit_text(f"{path.name}: OK (schema {revision}).")
    return 0 if not problems else 3
