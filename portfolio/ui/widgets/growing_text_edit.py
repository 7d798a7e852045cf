"""A plain-text box that grows with what is typed, so a long section never hides in a tiny frame.

The page around it scrolls instead; Tab moves focus on (keyboard users are never trapped).
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextEdit, QWidget

MIN_LINES = 4


class GrowingTextEdit(QTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setVerticalScrollBarPolicy(self.verticalScrollBarPolicy().ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().contentsChanged.connect(self._fit_height)
        self._fit_height()

    def _min_height(self) -> int:
        return self.fontMetrics().lineSpacing() * MIN_LINES + 16

    def _fit_height(self) -> None:
        doc_height = int(self.document().size().height())
        margins = self.contentsMargins()
        height = max(self._min_height(), doc_height + margins.top() + margins.bottom() + 8)
        if height != self.height():
            self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Re-wrapping at a new width changes how tall the text is.
        self.document().setTextWidth(self.viewport().width())
        self._fit_height()

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.height())
