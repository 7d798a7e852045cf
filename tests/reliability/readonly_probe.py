"""Probe what a learner meets when their portfolio sits on a read-only drive or share.

Run as ``python readonly_probe.py PORTFOLIO`` inside a read-only mount; prints one JSON object:
for opening for writing and for opening read-only, whether it opened, the error (class, whether
it is a PortfolioError or a ReadOnlyError, message), the number of entries it could read, and
what happened on an attempt to add an entry.
"""

from __future__ import annotations

import json
import sys
import traceback
from typing import Any

from portfolio.domain.entry_input import entry_input_from_json
from portfolio.errors import PortfolioError, ReadOnlyError
from portfolio.services.portfolio import Portfolio


def outcome(exc: BaseException) -> dict[str, Any]:
    return {
        "error": type(exc).__name__,
        "portfolio_error": isinstance(exc, PortfolioError),
        "read_only_error": isinstance(exc, ReadOnlyError),
        "message": str(exc),
        "traceback": "" if isinstance(exc, PortfolioError) else traceback.format_exc(),
    }


def attempt(path: str, *, read_only: bool) -> dict[str, Any]:
    try:
        pf = Portfolio.open(path, read_only=read_only)
    except Exception as exc:
        return {"opened": False, **outcome(exc)}
    result: dict[str, Any] = {"opened": True, "read_only": pf.read_only}
    try:
        result["entries"] = pf.entries.count()
        try:
            pf.entries.add(entry_input_from_json({"title": "Written on a read-only drive"}))
            result["add"] = {"saved": True}
        except Exception as exc:
            result["add"] = {"saved": False, **outcome(exc)}
    finally:
        try:
            pf.close()
        except Exception as exc:
            result["close"] = outcome(exc)
    return result


def main(path: str) -> int:
    report = {
        "open_for_writing": attempt(path, read_only=False),
        "open_read_only": attempt(path, read_only=True),
    }
    sys.stdout.write(json.dumps(report) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
