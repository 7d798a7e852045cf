"""Tree rows that wrap their text onto as many lines as it needs.

QTreeView's word wrap breaks an item's text into lines but sizes every row for one line (it
asks the delegate for a row's height with no width), so in a narrow tree a criterion read
"1.1 …". ``wrap_rows`` gives the tree a delegate that measures each item at the width its
column leaves it after the indentation, and lays the rows out again when that width changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTreeView


class WrappedRowsDelegate(QStyledItemDelegate):
    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self._tree = tree

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
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
