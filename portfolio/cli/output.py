"""Text, JSON and CSV printers: the only place in the core that writes to stdout/stderr."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any


def emit_json(data: Any) -> None:
    """Print ``data`` as pretty JSON (UTF-8, keys in the order given)."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str))
    sys.stdout.write("\n")


def emit_text(text: str = "") -> None:
    sys.stdout.write(text)
    sys.stdout.write("\n")


def emit_table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Print a plain aligned text table."""
    materialised = [[str(cell) for cell in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in materialised:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))
    line = "  ".join(h.ljust(widths[i]) for i, h in enumerate(headers))
    emit_text(line.rstrip())
    emit_text("  ".join("-" * w for w in widths))
    for row in materialised:
        emit_text("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())


def emit_csv(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)


def error(message: str) -> None:
    """One line on stderr, for user mistakes (never a traceback)."""
    sys.stderr.write(f"portfolio: error: {message}\n")
