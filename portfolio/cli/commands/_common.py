"""Helpers shared by command modules: opening a portfolio, reading JSON input."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from portfolio.errors import InvalidInputError, PassphraseRequiredError, PortfolioError
from portfolio.services.portfolio import Portfolio

MAX_JSON_BYTES = 10 * 1024 * 1024


PASSPHRASE_ENV = "PORTFOLIO_PASSPHRASE"


def open_portfolio(path: str, *, read_only: bool = False) -> Portfolio:
    """Open a portfolio for a command; a protected one takes its passphrase from the
    PORTFOLIO_PASSPHRASE environment variable, or asks for it at a terminal."""
    try:
        return Portfolio.open(Path(path), read_only=read_only)
    except PassphraseRequiredError:
        passphrase = ask_passphrase(f"Passphrase for {Path(path).name}: ")
        return Portfolio.open(Path(path), read_only=read_only, passphrase=passphrase)


def ask_passphrase(prompt: str, *, env: str = PASSPHRASE_ENV) -> str:
    """A passphrase from the environment, or typed at a terminal (never echoed)."""
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        raise PassphraseRequiredError(
            f"This portfolio is protected by a passphrase: set {env} or run the command in a "
            "terminal to type it."
        )
    import getpass

    return getpass.getpass(prompt)


def read_json_input(source: str | None) -> Any:
    """JSON from a file path, or from stdin when ``source`` is '-' or None."""
    if source in (None, "-"):
        text = sys.stdin.read(MAX_JSON_BYTES + 1)
        name = "standard input"
    else:
        path = Path(source)
        if not path.is_file():
            raise PortfolioError(f"There is no file at {path}.")
        if path.stat().st_size > MAX_JSON_BYTES:
            raise InvalidInputError(f"{path.name} is too large for an entry (limit 10 MB).")
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise InvalidInputError(f"{path.name} is not UTF-8 text.") from None
        name = path.name
    if len(text) > MAX_JSON_BYTES:
        raise InvalidInputError(f"The JSON in {name} is too large (limit 10 MB).")
    if not text.strip():
        raise InvalidInputError(f"{name} is empty; expected a JSON object.")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInputError(
            f"{name} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}."
        ) from None
    except RecursionError:
        raise InvalidInputError(
            f"The JSON in {name} is nested too deeply to be an entry."
        ) from None
    except ValueError as exc:  # e.g. an integer longer than Python's 4,300-digit limit
        raise InvalidInputError(
            f"The JSON in {name} has a value that is too large ({exc})."
        ) from None
