"""Helpers shared by command modules: opening a portfolio, reading JSON input."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from portfolio.errors import InvalidInputError, NotFoundError, PassphraseRequiredError
from portfolio.files import open_regular

if TYPE_CHECKING:
    from portfolio.services.portfolio import Portfolio

MAX_JSON_BYTES = 10 * 1024 * 1024


PASSPHRASE_ENV = "PORTFOLIO_PASSPHRASE"


def open_portfolio(path: str, *, read_only: bool = False) -> Portfolio:
    """Open a portfolio for a command; a protected one takes its passphrase from the
    PORTFOLIO_PASSPHRASE environment variable, or asks for it at a terminal."""
    # Imported here: reading a text file (suggest, coach) must not load the storage layer.
    from portfolio.services.portfolio import Portfolio

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


def read_text_input(source: str | None, *, limit: int, what: str) -> tuple[str, str]:
    """UTF-8 text from a file path, or from stdin when ``source`` is '-' or None.

    Returns the text and a name for it in messages. ``what`` says what the text is for
    ("an entry", "ranking") in the size message.
    """
    if source in (None, "-"):
        text = sys.stdin.read(limit + 1)
        name = "standard input"
    else:
        path = Path(source)
        if not path.exists() or path.is_dir():
            raise NotFoundError(f"There is no file at {path}.")
        try:
            with open_regular(path) as handle:  # never blocks on a pipe or device
                raw = handle.read(limit + 1)
        except OSError as exc:
            raise InvalidInputError(f"{path.name} cannot be read: {exc.strerror}.") from None
        if len(raw) > limit:
            raise InvalidInputError(f"{path.name} is too large for {what} ({_size(limit)}).")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InvalidInputError(f"{path.name} is not UTF-8 text.") from None
        name = path.name
    if len(text) > limit:
        raise InvalidInputError(f"The text in {name} is too large for {what} ({_size(limit)}).")
    return text, name


def _size(limit: int) -> str:
    return f"limit {limit // (1024 * 1024)} MB"


def read_json_input(source: str | None) -> Any:
    """JSON from a file path, or from stdin when ``source`` is '-' or None."""
    text, name = read_text_input(source, limit=MAX_JSON_BYTES, what="an entry")
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
