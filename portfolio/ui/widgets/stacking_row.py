"""Widgets side by side while there is room, one above the other when there is not.

At 200% scaling the Off-the-job page's two charts shared about 480 px side by side, and their
date and category labels were cut ("27 …", "Nothin…"). ``StackingRow`` lays its widgets out
in a row when it is at least as wide as ``needs()`` says (worked out from the font and what the
widgets show), else in a column, each then as wide as the row.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QWidget

from portfolio.ui.theme import SPACING


class StackingRow(QWidget):
    def __init__(self, needs: Callable[[], int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._needs = needs
        self._stretches: list[int] = []
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(SPACING)

    def add(self, widget: QWidget, stretch: int) -> None:
        """Add ``widget``; ``stretch`` shares the width side by side (stacked, all alike)."""
        self.box.addWidget(widget, stretch)
        self._stretches.append(stretch)

    @property
    def stacked(self) -> bool:
        return self.box.direction() == QBoxLayout.Direction.TopToBottom

    def relayout(self) -> None:
        """Row or column for the width the row has now (and what its widgets need)."""
        stack = self.width() < self._needs()
        if stack == self.stacked:
            return
        self.box.setDirection(
            QBoxLayout.Direction.TopToBottom if stack else QBoxLayout.Direction.LeftToRight
        )
        for index, stretch in enumerate(self._stretches):
            self.box.setStretch(index, 1 if stack else stretch)

    def minimumSizeHint(self) -> QSize:
        """As narrow as the widgets one above the other: a row that gets narrower than it
        needs stacks, so its side-by-side width must not hold the page open."""
        hint = super().minimumSizeHint()
        items = (self.box.itemAt(i) for i in range(self.box.count()))
        widest = max((item.minimumSize().width() for item in items if item), default=0)
        return QSize(min(hint.width(), widest), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.relayout()
