"""WriteOp: the one way a widget changes the open portfolio (anki's CollectionOp).

    WriteOp(controller, parent, lambda pf: pf.tagging.tag(...)).success(after).run(initiator=self)

The operation runs on the writer lane (``TaskRunner``'s one-thread pool), so writes never
overlap and the GUI never waits on the disk. It returns ``Changes`` or a result with a
``changes`` field (every mutating service method does). When it ends, on the GUI thread:

- success: the Changes, stamped with ``initiator``, go out once through ``controller.changed``
  (pages refresh; the initiator skips its own change, so an autosave never moves the cursor),
  then the ``success`` callback gets the result;
- ``PortfolioError``: its one-line message is shown once (``ui/errors.py``), then ``failure``
  gets the message; anything else is a bug, shown as the standard "something went wrong"
  sentence with the details.

If the portfolio was closed (or replaced) while the write ran, nothing is broadcast and no
callback runs: the pages already show the next file. If the widget that started it was deleted
meanwhile, the Changes still go out but its callbacks do not run. ``controller.close()`` waits
for the writer lane, so a write started before closing (an autosave flush) is in the file first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, Generic, Protocol, TypeVar

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from portfolio.domain.changes import Changes
from portfolio.services.portfolio import Portfolio
from portfolio.ui.controller import PortfolioController
from portfolio.ui.errors import message_for, show_exception
from portfolio.ui.tasks import Task


class HasChanges(Protocol):
    @property
    def changes(self) -> Changes: ...


R = TypeVar("R", bound=Changes | HasChanges)


def changes_of(result: Changes | HasChanges) -> Changes:
    """The Changes a write reported, whether it returned them or a result carrying them."""
    return result if isinstance(result, Changes) else result.changes


class WriteOp(Generic[R]):
    """One write: ``op(portfolio)`` on the writer lane; errors shown once; Changes broadcast."""

    def __init__(
        self,
        controller: PortfolioController,
        parent: QWidget | None,
        op: Callable[[Portfolio], R],
    ) -> None:
        self._controller = controller
        self._parent = parent
        self._op = op
        self._success: Callable[[R], None] | None = None
        self._failure: Callable[[str], None] | None = None
        self._quiet = False

    def success(self, callback: Callable[[R], None]) -> WriteOp[R]:
        """Called with the result after the Changes went out."""
        self._success = callback
        return self

    def failure(self, callback: Callable[[str], None], *, quiet: bool = False) -> WriteOp[R]:
        """Called with the message after it was shown (``quiet``: not shown, e.g. when the
        widget shows it in place, as the autosave indicator does)."""
        self._failure = callback
        self._quiet = quiet
        return self

    def run(self, *, initiator: object | None = None) -> Task | None:
        """Start the write; None (and nothing done) when no portfolio is open."""
        if not self._controller.is_open:
            return None
        portfolio = self._controller.portfolio
        op = self._op

        def work() -> Any:
            return op(portfolio)

        def done(result: R) -> None:
            if not self._still_open(portfolio):
                return
            self._controller.notify(replace(changes_of(result), initiator=initiator))
            if self._success is not None and _alive(self._parent) and _alive(initiator):
                self._success(result)

        def failed(exc: BaseException) -> None:
            callers_alive = _alive(self._parent) and _alive(initiator)
            if self._failure is not None and self._still_open(portfolio) and callers_alive:
                self._failure(message_for(exc))
                if self._quiet:
                    return  # the widget shows it in place
            # Shown even for a quiet write when its widget has gone with the file (a save
            # that failed while closing): an error is never lost.
            show_exception(self._live_parent(), exc)

        return self._controller.tasks.start(
            work, on_done=done, on_exception=failed, writes=True, pass_progress=False
        )

    def _still_open(self, portfolio: Portfolio) -> bool:
        controller = self._controller
        return (
            shiboken6.isValid(controller)
            and controller.is_open
            and controller.portfolio is portfolio
        )

    def _live_parent(self) -> QWidget | None:
        parent = self._parent
        if parent is None or not shiboken6.isValid(parent) or not parent.isVisible():
            return None
        return parent


def _alive(obj: object) -> bool:
    """False for a Qt object deleted while the write ran (its callbacks must not run)."""
    return not isinstance(obj, QObject) or shiboken6.isValid(obj)


__all__ = ["HasChanges", "WriteOp", "changes_of"]
