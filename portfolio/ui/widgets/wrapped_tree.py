"""Tree rows that wrap their text onto as many lines as it needs.

QTreeView's word wrap breaks an item's text into lines but sizes every row for one line (it
asks the delegate for a row's height with no width), so in a narrow tree a criterion read
"1.1 …". ``wrap_rows`` gives the tree a delegate that measures each item at the width its
column leaves it after the indentation, and lays the rows out again when that width changes.
``WrappedTreeWidget`` is such a tree that also draws each expand arrow beside the first line of
its row, where a reader looks for it, rather than at the middle of a tall row (Qt's default).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QTreeWidget,
    QWidget,
)

Index = QModelIndex | QPersistentModelIndex
ONE_LINE_WIDTH = 100_000  # wide enough that no item wraps


class WrappedRowsDelegate(QStyledItemDelegate):
    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self._tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        tree = self._tree
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        indent = tree.indentation() * (depth + (1 if tree.rootIsDecorated() else 0))
        width = tree.columnWidth(index.column()) - (indent if index.column() == 0 else 0)
        measured = QStyleOptionViewItem(option)
        measured.rect = QRect(0, 0, max(1, width), 1)  # a valid rect: the style wraps to it
        return super().sizeHint(measured, index)


class _Relayout(QObject):
    """Lays the rows out again when the tree's width changes (and with it the lines)."""

    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self._tree = tree
        self._width = -1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self._tree.viewport():
            width = self._tree.viewport().width()
            if width != self._width:
                self._width = width
                self._tree.doItemsLayout()
        return False


def wrap_rows(tree: QTreeView) -> None:
    """Rows as tall as their wrapped text, in every column, at any width."""
    tree.setWordWrap(True)
    tree.setUniformRowHeights(False)
    tree.setItemDelegate(WrappedRowsDelegate(tree))
    tree.viewport().installEventFilter(_Relayout(tree))


class WrappedTreeWidget(QTreeWidget):
    """A QTreeWidget with wrapped rows whose expand arrows sit beside the first line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        wrap_rows(self)
        self._one_line = QStyledItemDelegate(self)  # measures without wrapping

    def first_line_height(self, index: Index) -> int:
        """The height ``index``'s row would have if its text took one line."""
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        option.rect = QRect(0, 0, ONE_LINE_WIDTH, 1)
        return self._one_line.sizeHint(option, index).height()

    def drawBranches(self, painter: QPainter, rect: QRect, index: Index) -> None:
        # The style centres the arrow in the rect it is given: give it the first line's.
        top = QRect(rect)
        top.setHeight(min(rect.height(), self.first_line_height(index)))
        super().drawBranches(painter, top, index)
