"""`portfolio passphrase FILE (--set | --remove)`: protect a portfolio with a passphrase, or not."""

from __future__ import annotations

import argparse
import os

from portfolio.cli.commands._common import ask_passphrase, open_portfolio
from portfolio.cli.output import emit_text
from portfolio.errors import InvalidInputError

NEW_PASSPHRASE_ENV = "PORTFOLIO_NEW_PASSPHRASE"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "passphrase",
        help="set, change or remove a portfolio's passphrase (whole-file encryption)",
        description="Encrypt the whole portfolio with a passphrase (SQLCipher), change it, or "
        "remove it. The current passphrase comes from PORTFOLIO_PASSPHRASE (or a prompt); the "
        f"new one from {NEW_PASSPHRASE_ENV} (or a prompt, asked twice).",
    )
    parser.add_argument("file", help="the portfolio file")
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--set", action="store_true", help="set or change the passphrase")
    action.add_argument("--remove", action="store_true", help="remove the passphrase")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    new = None
    if args.set:
        new = os.environ.get(NEW_PASSPHRASE_ENV)
        if not new:
            new = ask_passphrase("New passphrase: ", env=NEW_PASSPHRASE_ENV)
            if ask_passphrase("Type it again: ", env=NEW_PASSPHRASE_ENV) != new:
                raise InvalidInputError("The two passphrases were different; nothing changed.")
    with open_portfolio(args.file) as pf:
        pf.change_passphrase(new)
        name = pf.path.name
    if new is None:
        emit_text(f"{name} is no longer protected by a passphrase.")
    else:
        emit_text(
            f"{name} is now protected by a passphrase. Keep it safe: without it the portfolio "
            "cannot be opened, by you or anyone else."
        )
    return 0
