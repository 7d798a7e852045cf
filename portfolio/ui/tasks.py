"""TaskRunner: long work off the GUI thread, with progress, cancel and errors turned into signals.

Core functions take ``progress`` and ``cancel`` (portfolio.progress); a Task passes a callable that
emits a Qt signal. Writes to the open portfolio go through the one-thread "writer" lane so two
jobs never write at once; work that does not touch the database uses the global pool.

The signals object is created in the Task's constructor, on the GUI thread, so every slot runs on
the GUI thread (STYLE.md section 6.1: created inside run() it would run on the pool thread).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from portfolio.errors import Cancelled
from portfolio.progress import CancelToken
from portfolio.ui.errors import message_for

Work = Callable[..., Any]


class TaskSignals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)  # the sentence to show (ui/errors.py's wording for a bug)
    raised = Signal(object)  # the exception itself, for callers that show its details
    cancelled = Signal()


class Task(QRunnable):
    """One piece of work: ``work(progress=..., cancel=...)`` runs on a pool thread."""

    def __init__(self, work: Work, *, pass_progress: bool = True) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the runner keeps it until its signals have been delivered
        self.signals = TaskSignals()
        self.cancel_token = CancelToken()
        self._work = work
        self._pass_progress = pass_progress

    def cancel(self) -> None:
        self.cancel_token.cancel()

    def run(self) -> None:
        try:
            if self._pass_progress:
                result = self._work(progress=self._emit_progress, cancel=self.cancel_token)
            else:
                result = self._work()
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as exc:  # PortfolioError, or a bug: shown plainly rather than lost
            self.signals.raised.emit(exc)
            self.signals.failed.emit(message_for(exc))
        else:
            self.signals.finished.emit(result)

    def _emit_progress(self, done: int, total: int, message: str = "") -> None:
        self.signals.progress.emit(done, total, message)


# Every runner alive, so the tests' thread-leak check can wait on each writer lane too.
_RUNNERS: weakref.WeakSet[TaskRunner] = weakref.WeakSet()


def live_runners() -> list[TaskRunner]:
    """The TaskRunners whose Qt objects still exist (for the tests' thread-leak fixture)."""
    return [runner for runner in list(_RUNNERS) if shiboken6.isValid(runner._writer)]


class TaskRunner(QObject):
    """Starts Tasks on the writer lane or the shared pool and keeps them alive until done."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)
        self._pool = QThreadPool.globalInstance()
        self._running: set[Task] = set()
        _RUNNERS.add(self)

    def start(
        self,
        work: Work,
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        on_exception: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        writes: bool = False,
        pass_progress: bool = True,
    ) -> Task:
        task = Task(work, pass_progress=pass_progress)
        self._running.add(task)

        def forget(*_: object) -> None:
            self._running.discard(task)

        if on_progress:
            task.signals.progress.connect(on_progress)
        if on_done:
            task.signals.finished.connect(on_done)
        if on_error:
            task.signals.failed.connect(on_error)
        if on_exception:
            task.signals.raised.connect(on_exception)
        if on_cancelled:
            task.signals.cancelled.connect(on_cancelled)
        task.signals.finished.connect(forget)
        task.signals.failed.connect(forget)
        task.signals.cancelled.connect(forget)
        (self._writer if writes else self._pool).start(task)
        return task

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for all work to finish (on close, and in tests)."""
        ok = self._writer.waitForDone(msecs)
        return self._pool.waitForDone(msecs) and ok

    def writer_done(self, msecs: int = 30_000) -> bool:
        """Wait for the writer lane only (its threads finished; callbacks still to come)."""
        return self._writer.waitForDone(msecs)

    @property
    def busy(self) -> bool:
        """True until every started task's result has been delivered on the GUI thread."""
        return bool(self._running)
