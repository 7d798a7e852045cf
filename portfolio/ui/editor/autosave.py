"""Autosave: edits reach the file within about two seconds, and at once on switch or close.

A short debounce saves when the learner pauses; a maximum delay saves during non-stop typing,
so a crash loses at most ``MAX_DELAY_MS`` of work. Values are collected on the GUI thread at
save time (not copied on every keystroke), so the text saved is exactly the text on screen at
that moment; the write itself goes through ``WriteOp`` on the writer lane like every other
write, stamped with the editor as initiator so the editor never reloads (and never moves the
learner's cursor) because of its own save. A failed save puts its fields back as unsaved, so
the next edit (or switch, or close) tries again. A failed save for an entry the learner has
already left is kept ("stranded") and announced, so the editor can say so, show the words, and
put them back when that entry is opened again: a switch never loses what was typed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from portfolio.domain.changes import Written
from portfolio.domain.dto import EntryDetail
from portfolio.ui.controller import PortfolioController
from portfolio.ui.operations import WriteOp

DEBOUNCE_MS = 700
MAX_DELAY_MS = 2000

Collect = Callable[[set[str]], dict[str, object]]


class Autosave(QObject):
    """Tracks which fields of one entry are dirty and writes them through the entries service."""

    state_changed = Signal(str, str)  # "idle" | "pending" | "saving" | "saved" | "error", message
    entry_saved = Signal(str)  # entry id
    stranded = Signal(str, str)  # entry id, message: a save for an entry no longer shown failed

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
        self._stranded: dict[str, dict[str, object]] = {}
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
        """Edits not yet handed to the writer lane."""
        return bool(self._dirty)

    @property
    def save_due_in_ms(self) -> int | None:
        """How long until pending edits are handed to the writer at the latest (None: nothing
        is waiting). Never more than ``MAX_DELAY_MS`` after the first unsaved edit."""
        due = [t.remainingTime() for t in (self._debounce, self._deadline) if t.isActive()]
        return min(due) if due else None

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
        """Hand pending edits to the writer lane now; True when nothing is left unsaved.

        The write is queued before this returns, so a later write, a switch of entry or
        ``controller.close()`` (which waits for the writer lane) always finds it in the file.
        """
        self._debounce.stop()
        self._deadline.stop()
        if not self._dirty or self._entry_id is None or not self._controller.is_open:
            return not self._dirty
        fields = set(self._dirty)
        entry_id = self._entry_id
        values = self._collect(fields)  # on the GUI thread: exactly what is on screen
        self._dirty -= fields
        self._set_state("saving")

        def saved(_result: Written[EntryDetail]) -> None:
            if self._entry_id == entry_id and not self._dirty and self.state == "saving":
                self._set_state("saved")
            self.entry_saved.emit(entry_id)

        def failed(message: str) -> None:
            if self._entry_id == entry_id:
                self._dirty |= fields  # still unsaved: the next edit, switch or close retries
                self._set_state("error", message)
            else:  # the learner has moved on: keep the words until that entry is shown again
                self._strand(entry_id, values)
                self.stranded.emit(entry_id, message)

        WriteOp(
            self._controller, None, lambda pf: pf.entries.update(entry_id=entry_id, **values)
        ).success(saved).failure(failed, quiet=True).run(initiator=self._initiator)
        return True

    def take_stranded(self, entry_id: str) -> dict[str, object] | None:
        """The unsaved values of ``entry_id`` whose save failed after a switch (then forgotten
        here: the caller shows them and marks them dirty, so they are saved again)."""
        return self._stranded.pop(entry_id, None)

    def stranded_values(self, entry_id: str) -> dict[str, object]:
        """What is kept unsaved for ``entry_id`` (empty when nothing is)."""
        return dict(self._stranded.get(entry_id, {}))

    def _strand(self, entry_id: str, values: dict[str, object]) -> None:
        kept = self._stranded.setdefault(entry_id, {})
        for name, value in values.items():
            if name == "sections" and isinstance(value, dict):
                sections = kept.get("sections")
                kept["sections"] = {**(sections if isinstance(sections, dict) else {}), **value}
            else:
                kept[name] = value

    def _set_state(self, state: str, message: str = "") -> None:
        self.state = state
        self.state_changed.emit(state, message)
