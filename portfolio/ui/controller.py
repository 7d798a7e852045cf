"""PortfolioController: holds the open Portfolio and tells every page when something changed.

Widgets read through ``controller.portfolio`` and change it through ``WriteOp``
(ui/operations.py), which runs the write on the writer lane (``controller.tasks``) and
announces the service's Changes with ``notify``; pages listen to the one ``changed`` signal and
refresh only what they show. ``close()`` lets editors queue their pending edits, waits for the
writer lane, and only then closes the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from portfolio.domain.actor import Actor
from portfolio.domain.changes import Changes
from portfolio.domain.dto import LearnerDetails
from portfolio.services.portfolio import Portfolio
from portfolio.ui.tasks import TaskRunner


class PortfolioController(QObject):
    opened = Signal(object)  # the Portfolio
    closing = Signal()  # flush pending edits now
    closed = Signal()
    changed = Signal(object)  # Changes

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = TaskRunner(self)
        self._portfolio: Portfolio | None = None

    @property
    def portfolio(self) -> Portfolio:
        if self._portfolio is None:
            raise RuntimeError("No portfolio is open.")
        return self._portfolio

    @property
    def is_open(self) -> bool:
        return self._portfolio is not None

    @property
    def path(self) -> Path | None:
        return self._portfolio.path if self._portfolio else None

    @property
    def can_edit_learner_text(self) -> bool:
        """False when the learner's entries and tags cannot change: nothing open, a read-only
        file, or review mode (the services refuse too; this lets widgets say so first)."""
        if self._portfolio is None:
            return False
        return not (self._portfolio.read_only or self._portfolio.actor.is_reviewer)

    @property
    def reviewing(self) -> bool:
        return self._portfolio is not None and self._portfolio.actor.is_reviewer

    def open(
        self,
        path: Path | str,
        *,
        read_only: bool = False,
        actor: Actor | None = None,
        passphrase: str | None = None,
    ) -> None:
        """Open a file (closing the current one first); raises PortfolioError on failure."""
        portfolio = Portfolio.open(
            Path(path), read_only=read_only, actor=actor, passphrase=passphrase
        )
        self.close()
        self.set_portfolio(portfolio)

    def create(
        self, path: Path | str, *, learner: LearnerDetails, frameworks: Sequence[str]
    ) -> None:
        """Create a new portfolio file and open it; raises PortfolioError on failure."""
        portfolio = Portfolio.create(Path(path), learner=learner, frameworks=frameworks)
        self.set_portfolio(portfolio)

    def set_portfolio(self, portfolio: Portfolio) -> None:
        self.close()
        self._portfolio = portfolio
        self.opened.emit(portfolio)

    def close(self) -> None:
        if self._portfolio is None:
            return
        self.closing.emit()  # editors save what is pending while the file is still open
        self.tasks.wait()
        portfolio, self._portfolio = self._portfolio, None
        portfolio.close()  # deleted entries stay in the bin until the learner empties it
        self.closed.emit()

    def flush(self) -> None:
        """Save every pending edit now (the editors listen to ``closing`` for that)."""
        if self._portfolio is not None:
            self.closing.emit()
            self.tasks.wait()

    def notify(self, changes: Changes) -> None:
        self.changed.emit(changes)
