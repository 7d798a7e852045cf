"""`portfolio backup` and `portfolio restore`: copies kept beside the file, and getting one back."""

from __future__ import annotations

import argparse
from pathlib import Path

from portfolio.cli.commands._common import ask_passphrase, open_portfolio
from portfolio.cli.output import emit_json, emit_table, emit_text
from portfolio.errors import PassphraseRequiredError, PortfolioError
from portfolio.services import recovery


def register(subparsers: argparse._SubParsersAction) -> None:
    make = subparsers.add_parser(
        "backup",
        help="back up a portfolio now, or list its backups",
        description="Write a consistent copy of the portfolio into the backups folder beside it "
        "(the newest 10 are kept; a protected portfolio's backups are protected too).",
    )
    make.add_argument("file", help="the portfolio file")
    make.add_argument("-o", "--output", help="write the copy here instead of the backups folder")
    make.add_argument("--list", action="store_true", help="list the backups, newest first")
    make.add_argument("--json", action="store_true", help="print JSON")
    make.set_defaults(func=run_backup)

    restore = subparsers.add_parser(
        "restore",
        help="put a backup in place of a portfolio (the current file is kept aside)",
    )
    restore.add_argument("file", help="the portfolio file to restore")
    restore.add_argument(
        "--from",
        dest="source",
        metavar="BACKUP",
        help="the backup to restore (default: the newest good one)",
    )
    restore.set_defaults(func=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if args.list:
        backups = recovery.list_backups(path)
        if args.json:
            emit_json([{"path": str(b), "size": b.stat().st_size} for b in backups])
        elif backups:
            emit_table(["BACKUP", "SIZE"], [(str(b), f"{b.stat().st_size:,}") for b in backups])
        else:
            emit_text(f"No backups of {path.name} yet.")
        return 0
    with open_portfolio(args.file) as pf:
        dest = pf.backup(Path(args.output) if args.output else None)
    if args.json:
        emit_json({"backup": str(dest)})
    else:
        emit_text(f"Backed up {path.name} to {dest}.")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    target = Path(args.file)
    passphrase = None
    chosen = Path(args.source) if args.source else None
    for _ in range(2):
        try:
            if chosen is None:
                chosen = recovery.newest_good_backup(target, passphrase=passphrase)
                if chosen is None:
                    raise PortfolioError(f"There is no usable backup of {target.name}.")
            aside = recovery.restore(chosen, target, passphrase=passphrase)
            break
        except PassphraseRequiredError:
            if passphrase is not None:
                raise
            passphrase = ask_passphrase(f"Passphrase for {target.name}: ")
            chosen = Path(args.source) if args.source else None
    kept = f" The file it replaced is kept as {aside.name}." if aside else ""
    source = chosen.name if chosen else "its backup"
    emit_text(f"Restored {target.name} from {source}.{kept}")
    return 0
