"""Helpers shared by command modules: opening a portfolio, reading JSON input."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from portfolio.errors import InvalidInputError, PortfolioError
from portfolio.services.portfolio import Portfolio

MAX_JSON_BYTES = 10 * 1024 * 1024


def open_portfolio(path: str, *, read_only: bool = False) -> Portfolio:
    return Portfolio.open(Path(path), read_only=read_only)


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
