"""Shared checks for the hostile-input tests: a portfolio content digest, a hard time limit,
a memory bound, the "clear refusal" assertion that also counts what was tried, and the command
line run in-process with its output captured.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import signal
import sqlite3
import traceback
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from reliability_figures import FIGURES

from portfolio.errors import PortfolioError

T = TypeVar("T")

HOSTILE_EXAMPLES = int(os.environ.get("PORTFOLIO_HOSTILE_EXAMPLES", "0") or 0)
"""Extra hypothesis examples per property (0: the quick default)."""


def run_cli(*args: object) -> tuple[int, str, str]:
    """Run the CLI in-process; returns (exit code, stdout, stderr). Captured by redirecting
    rather than by ``capsys``, which hypothesis's repeated examples cannot share."""
    from portfolio.cli import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def examples(default: int) -> int:
    """How many hypothesis examples a property runs: ``default``, or the env var's number."""
    return max(default, HOSTILE_EXAMPLES)


class Crash(AssertionError):
    """Hostile input escaped as a raw exception instead of a PortfolioError: a bug.

    It carries the original type and the last frames as text, and is raised ``from None``:
    pytest formatting a traceback through pymupdf's 60,000-line generated module takes seconds
    per failure, which made known-bug (xfail) tests dominate the suite's run time.
    """

    def __init__(self, exc: BaseException) -> None:
        frames = traceback.extract_tb(exc.__traceback__)
        ours = [
            f for f in frames if "/portfolio/" in f.filename and "site-packages" not in f.filename
        ]
        shown = [*ours[-4:], *(f for f in frames[-2:] if f not in ours[-4:])]
        where = " -> ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in shown)
        kind = f"{type(exc).__module__}.{type(exc).__qualname__}"
        super().__init__(f"{kind}: {exc} [at {where}]")
        self.original_type = type(exc)


class Hang(BaseException):
    """Raised by ``time_limit`` when the code under test runs too long (a hang)."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block with ``Hang`` after ``seconds`` (SIGALRM: main thread, POSIX only).

    ``Hang`` derives from BaseException so that no ``except Exception`` in the code under test
    can swallow it and carry on.
    """

    def _alarm(_signum: int, _frame: Any) -> None:
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class Peak:
    """The largest Python heap growth seen inside a ``traced_memory`` block, in bytes."""

    bytes: int = 0


@contextlib.contextmanager
def traced_memory() -> Iterator[Peak]:
    """Measure the Python heap's peak growth in the block (tracemalloc; C libraries excluded)."""
    peak = Peak()
    started_here = not tracemalloc.is_tracing()
    if started_here:
        tracemalloc.start()
    tracemalloc.reset_peak()
    before, _ = tracemalloc.get_traced_memory()
    try:
        yield peak
    finally:
        _, top = tracemalloc.get_traced_memory()
        peak.bytes = max(0, top - before)
        if started_here:
            tracemalloc.stop()


def refuses_cleanly(
    call: Callable[[], T],
    *,
    expected: type[PortfolioError] | tuple[type[PortfolioError], ...] = PortfolioError,
    seconds: float = 10.0,
    max_bytes: int | None = None,
) -> PortfolioError | T:
    """Run ``call`` on hostile input: it may succeed, or raise ``expected`` with a one-line,
    non-empty message; anything else fails: another exception (raised as ``Crash``), a hang
    (``Hang``) or runaway memory.

    Returns the error raised, or the call's result. Counts the input in the suite's figures.
    """
    FIGURES.hostile_inputs_tried += 1
    refusal: PortfolioError | None = None
    with traced_memory() if max_bytes else contextlib.nullcontext(Peak()) as peak:
        try:
            with time_limit(seconds):
                result = call()
        except expected as exc:
            refusal = exc
        except Exception as exc:
            raise Crash(exc) from None
    if max_bytes:
        assert peak.bytes <= max_bytes, f"used {peak.bytes:,} bytes of Python heap"
    if refusal is None:
        return result
    message = str(refusal)
    assert message.strip(), f"{type(refusal).__name__} with an empty message"
    assert "\n" not in message, f"message is not one line: {message!r}"
    assert "Traceback" not in message
    FIGURES.hostile_inputs_refused += 1
    return refusal


def portfolio_digest(path: Path) -> str:
    """A SHA-256 over every row of every table (read-only), independent of page layout.

    Two files with the same records have the same digest even if SQLite arranged pages
    differently, so a refused write that only touched the WAL or free pages still compares equal.
    """
    digest = hashlib.sha256()
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        for table in tables:
            columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]
            if not columns:
                continue  # a virtual table's columns are covered by its shadow tables
            order = ", ".join(f'"{c}"' for c in columns)
            digest.update(f"\x00{table}\x00".encode())
            for row in conn.execute(f'SELECT {order} FROM "{table}" ORDER BY {order}'):
                digest.update(repr(row).encode())
    finally:
        conn.close()
    return digest.hexdigest()
