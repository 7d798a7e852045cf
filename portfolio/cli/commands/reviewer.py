"""Opening a portfolio as a reviewer from the command line, with their signing identity
unlocked for decisions: shared by `portfolio review`'s actions (review.py, review_day.py) and
`portfolio roster key`."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from portfolio.domain.actor import Actor
from portfolio.errors import InvalidInputError
from portfolio.review.signing import Identity
from portfolio.services import identity
from portfolio.services.portfolio import Portfolio

PASSPHRASE_VARIABLE = "PORTFOLIO_SIGNING_PASSPHRASE"

__all__ = ["PASSPHRASE_VARIABLE", "_open_as_reviewer", "_open_to_decide", "signing_identity"]


def _open_as_reviewer(args: argparse.Namespace) -> Portfolio:
    return Portfolio.open(Path(args.file), actor=Actor(name=args.reviewer.strip(), role=args.role))


def signing_identity(name: str) -> Identity:
    """The reviewer's signing identity, unlocked (made on first use, services.identity); the
    passphrase comes from PORTFOLIO_SIGNING_PASSPHRASE or, in a terminal, is typed."""
    passphrase = os.environ.get(PASSPHRASE_VARIABLE)
    if passphrase is None:
        if not sys.stdin.isatty():
            raise InvalidInputError(
                f"Decisions are signed: set {PASSPHRASE_VARIABLE} or run this in a terminal to "
                "type your signing passphrase."
            )
        passphrase = getpass.getpass(f"Signing passphrase for {name}: ")
    return identity.unlock(name, passphrase)


def _open_to_decide(args: argparse.Namespace) -> Portfolio:
    """Open as the reviewer, with their signing identity unlocked: decisions are signed."""
    signer = signing_identity(args.reviewer.strip())
    pf = _open_as_reviewer(args)
    try:
        pf.reviewing.sign_with(signer)
    except BaseException:
        pf.close()
        raise
    return pf
