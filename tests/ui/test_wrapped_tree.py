"""A wrapped tree row (a learning outcome on three lines) has its expand arrow beside its first
line, where the eye finds it, not at the middle of the row as Qt draws it by default."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QTreeWidgetItem

from portfolio.ui.widgets.wrapped_tree import WrappedTreeWidget

OUTCOME = (
    "LO1 Understand how a customer's or client's interactions with employees influence "
    "their opinion of the organisation as a whole"
)


def _ink_rows(tree: WrappedTreeWidget, item: QTreeWidgetItem) -> list[int]:
    """The y of every pixel row (within ``item``'s row) where its branch area is drawn on."""
    rect = tree.visualItemRect(item)
    image = tree.viewport().grab().toImage()
    background = QColor(tree.palette().color(QPalette.ColorRole.Base)).rgb()
    left = rect.left() - tree.indentation()
    return [
        y
        for y in range(rect.top(), rect.bottom() + 1)
        if any(image.pixel(x, y) != background for x in range(max(0, left), rect.left()))
    ]


@pytest.mark.parametrize("expanded", [False, True], ids=["closed", "open"])
def test_the_expand_arrow_sits_beside_the_first_line(qtbot, expanded):
    tree = WrappedTreeWidget()
    qtbot.addWidget(tree)
    tree.setHeaderHidden(True)
    outcome = QTreeWidgetItem(tree, [OUTCOME])
    QTreeWidgetItem(outcome, ["1.1 Explain"])
    outcome.setExpanded(expanded)
    tree.resize(260, 300)
    tree.show()
    for _ in range(5):
        QApplication.processEvents()
    rect = tree.visualItemRect(outcome)
    line = tree.first_line_height(tree.indexFromItem(outcome))
    assert rect.height() >= 3 * tree.fontMetrics().height()  # it wraps onto three lines
    ink = _ink_rows(tree, outcome)
    assert ink, "no arrow drawn"
    middle = (ink[0] + ink[-1]) / 2
    assert abs(middle - (rect.top() + line / 2)) <= 2, (ink, rect, line)
