"""PathLabel: the open file's path in the status bar, cut in the middle when it is too long.

A label cuts a long path at its end, and the end is the part that names the file
("/home/sam/OneDrive - College/Year 2/Portfolios/Sam Lee.portfolio" became ".../Portfolios/Sa").
The whole path is always in the tooltip and the accessible name.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget


class PathLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setMinimumWidth(1)  # a long path is cut, never widens the window
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def set_path(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self.setAccessibleName(f"File: {text}" if text else "")
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        metrics = self.fontMetrics()
        width = max(0, self.contentsRect().width())
        shown = metrics.elidedText(self._full, Qt.TextElideMode.ElideMiddle, width)
        super().setText(shown if width else self._full)
