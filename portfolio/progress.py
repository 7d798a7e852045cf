"""Progress reporting and cancellation for long core work, in plain Python (no Qt).

Core functions take ``progress: ProgressFn | None`` and ``cancel: CancelToken | None``; the UI
passes a callable that emits a Qt signal, the CLI passes nothing.
"""

from __future__ import annotations

import threading
from typing import Protocol

from portfolio.errors import Cancelled


class ProgressFn(Protocol):
    def __call__(self, done: int, total: int, message: str = "") -> None: ...


class CancelToken:
    """A thread-safe flag checked by long work between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()


def report(progress: ProgressFn | None, done: int, total: int, message: str = "") -> None:
    """Call ``progress`` if one was given."""
    if progress is not None:
        progress(done, total, message)


def check(cancel: CancelToken | None) -> None:
    """Raise Cancelled if ``cancel`` was set."""
    if cancel is not None:
        cancel.raise_if_cancelled()
