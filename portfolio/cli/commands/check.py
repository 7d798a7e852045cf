"""`portfolio check FILE`: is the file healthy? If not, which backup to restore."""

from __future__ import annotations

import argparse
from pathlib import Path

from portfolio.cli.commands._common import ask_passphrase
from portfolio.cli.output import emit_json, emit_text
from portfolio.errors import NotAPortfolioError, PassphraseRequiredError
from portfolio.services import recovery


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check a portfolio for damage; name the newest good backup if it is damaged",
    )
    parser.add_argument("file", help="the portfolio file")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    path = Path(args.file)
    passphrase = None
    problems: list[str]
    revision = None
    try:
        try:
            health = recovery.check(path)
        except PassphraseRequiredError:
            passphrase = ask_passphrase(f"Passphrase for {path.name}: ")
            health = recovery.check(path, passphrase=passphrase)
        problems, revision = list(health.problems), health.schema_revision
    except NotAPortfolioError as exc:
        if not path.exists() or not recovery.list_backups(path):
            raise
        problems = [str(exc)]
    good = recovery.newest_good_backup(path, passphrase=passphrase) if problems else None
    result = {
        "file": str(path),
        "ok": not problems,
        "schema_revision": revision,
        "app_schema_revision": recovery.app_schema_revision(),
        "problems": problems,
        "newest_good_backup": str(good) if good else None,
    }
    if args.json:
        emit_json(result)
    elif not problems:
        emit_text(f"{path.name}: OK (schema {revision}).")
    else:
        emit_text(f"{path.name}: {len(problems)} problem(s) found:")
        for problem in problems:
            emit_text(f"  - {problem}")
        if good:
            emit_text(f"The newest good backup is {good}.")
            emit_text(f'Restore it with: portfolio restore "{path}" --from "{good}"')
        else:
            emit_text("No good backup was found beside the file.")
    return 0 if not problems else 3
