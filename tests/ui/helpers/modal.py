"""Driving modal dialogs from a test: the code under test calls ``exec()`` and waits, so the test
schedules what to do with the dialog before the call, and a timer does it once it is shown."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget


class ModalHandler:
    """Runs ``action(dialog)`` on the next visible modal widget of ``kind`` (within ``timeout``)."""

    def __init__(self, kind: type[QWidget], action: Callable[[QWidget], object], timeout=10.0):
        self.kind = kind
        self.action = action
        self.deadline = time.monotonic() + timeout
        self.seen: list[QWidget] = []
        QTimer.singleShot(0, self._poll)

    @property
    def handled(self) -> bool:
        return bool(self.seen)

    def _poll(self) -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, self.kind) and widget.isVisible():
            self.seen.append(widget)
            self.action(widget)
        elif time.monotonic() < self.deadline:
            QTimer.singleShot(20, self._poll)


def when_modal(kind: type[QWidget], action: Callable[[QWidget], object], timeout=10.0):
    return ModalHandler(kind, action, timeout)
