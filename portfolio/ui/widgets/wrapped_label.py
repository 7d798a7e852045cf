"""Word-wrapped labels that keep the height their lines need.

A layout may give a wrapped label less height than its lines take when the page is short (a
scroll area shows the page at its minimum size at 200% scaling): the last lines are then cut
off. ``keep_lines`` makes the label's minimum height follow its height for its current width,
so the page grows (and scrolls) instead.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel


class _KeepLines(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange) and isinstance(
            watched, QLabel
        ):
            needed = watched.heightForWidth(watched.width())
            if needed > 0 and needed != watched.minimumHeight():
                watched.setMinimumHeight(needed)
        return False


_KEEP = _KeepLines()


def keep_lines(label: QLabel) -> QLabel:
    label.setWordWrap(True)
    label.installEventFilter(_KEEP)
    return label
