"""Autosave: edits reach the file within about two seconds, and at once on switch or close.

A short debounce saves when the learner pauses; a maximum delay saves during non-stop typing,
so a crash loses at most ``MAX_DELAY_MS`` of work. Values are collected at save time (not
copied on every keystroke). The save runs on the GUI thread: it is one small SQLite
transaction (a few ms, measured in benchmarks/bench_editor.py), and doing it here means the
text saved is exactly the text on screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from portfolio.domain.changes import Changes
from portfolio.ui.controller import PortfolioController
from portfolio.ui.errors import message_for

DEBOUNCE_MS = 700
MAX_DELAY_MS = 2000

Collect = Callable[[set[str]], dict[str, object]]


class Autosave(QObject):
    """Tracks which fields of one entry are dirty and writes them through the entries service."""

    state_changed = Signal(str, str)  # "idle" | "pending" | "saving" | "saved" | "error", message
    entry_saved = Signal(str)  # entry id

    def __init__(
        self,
        controller: PortfolioController,
        collect: Collect,
        *,
        initiator: object,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._collect = collect
        self._initiator = initiator
        self._entry_id: str | None = None
        self._dirty: set[str] = set()
        self.state = "idle"
        self._debounce = self._timer(DEBOUNCE_MS)
        self._deadline = self._timer(MAX_DELAY_MS)
        controller.closing.connect(self.flush)

    def _timer(self, msecs: int) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(msecs)
        timer.timeout.connect(self.flush)
        return timer

    @property
    def entry_id(self) -> str | None:
        return self._entry_id

    @property
    def has_pending(self) -> bool:
        return bool(self._dirty)

    def set_entry(self, entry_id: str | None) -> None:
        """Save what is pending for the previous entry, then follow ``entry_id``."""
        self.flush()
        self._entry_id = entry_id
        self._dirty.clear()
        self._set_state("idle" if entry_id is None else "saved")

    def discard(self) -> None:
        """Forget pending edits (the entry no longer exists)."""
        self._debounce.stop()
        self._deadline.stop()
        self._dirty.clear()
        self._entry_id = None
        self._set_state("idle")

    def mark_dirty(self, field: str) -> None:
        """A field changed; ``field`` is an entry field name or ``section:<key>``."""
        if self._entry_id is None:
            return
        self._dirty.add(field)
        self._debounce.start()  # restarts: save once the learner pauses ...
        if not self._deadline.isActive():
            self._deadline.start()  # ... but never later than MAX_DELAY_MS after the first edit
        if self.state != "pending":
            self._set_state("pending")

    def flush(self) -> bool:
        """Write pending edits now; True when nothing is left unsaved."""
        self._debounce.stop()
        self._deadline.stop()
        if not self._dirty or self._entry_id is None or not self._controller.is_open:
            return not self._dirty
        fields = set(self._dirty)
        self._set_state("saving")
        try:
            values = self._collect(fields)
            self._controller.portfolio.entries.update(entry_id=self._entry_id, **values)
        except Exception as exc:  # keep the edits marked dirty: the next edit retries
            self._set_state("error", message_for(exc))
            return False
        self._dirty -= fields
        self._set_state("saved")
        self.entry_saved.emit(self._entry_id)
        self._controller.notify(
            Changes(entries=True, initiator=self._initiator, entry_ids=(self._entry_id,))
        )
        return True

    def _set_state(self, state: str, message: str = "") -> None:
        self.state = state
        self.state_changed.emit(state, message)
