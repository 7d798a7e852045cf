"""A word-wrapped label that remembers how tall it is at each width.

Qt asks every wrapped label of the editor for its height at the page's width whenever any box
on the page changes height, and a label answers by laying its text out again (rich text through
a whole text document). Showing another entry changes the height of the five section boxes, so
the ~15 prompts, hints and guidance labels were laid out again on every switch although their
text had not changed: about half of the Qt work of a switch. This label keeps its answer per
width until its text, format, font or style changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QWidget

_RESETS = frozenset(
    {
        QEvent.Type.FontChange,
        QEvent.Type.StyleChange,
        QEvent.Type.LayoutDirectionChange,
        QEvent.Type.ContentsRectChange,
    }
)


class MeasuredLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._heights: dict[int, int] = {}
        self.setWordWrap(True)

    def setText(self, text: str) -> None:
        if text != self.text():
            self._heights.clear()
            super().setText(text)

    def clear(self) -> None:
        self._heights.clear()
        super().clear()

    def setTextFormat(self, format: Qt.TextFormat) -> None:
        self._heights.clear()
        super().setTextFormat(format)

    def setWordWrap(self, on: bool) -> None:
        self._heights.clear()
        super().setWordWrap(on)

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = super().heightForWidth(width)
            if len(self._heights) > 64:  # a window dragged through many widths
                self._heights.clear()
            self._heights[width] = height
        return height

    def event(self, event: QEvent) -> bool:
        if event.type() in _RESETS:
            self._heights.clear()
        return super().event(event)
