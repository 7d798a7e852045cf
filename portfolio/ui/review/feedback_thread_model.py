"""FeedbackThreadModel: the comments on one entry as a tree (replies under what they answer).

A thin adapter over FeedbackItem DTOs from ReviewingService.thread(); it never runs a query.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from portfolio.domain.review import FeedbackItem, role_label

ID_ROLE = Qt.ItemDataRole.UserRole + 1
UNREAD_ROLE = Qt.ItemDataRole.UserRole + 2
_ROOT = -1

AnyIndex = QModelIndex | QPersistentModelIndex


def describe(item: FeedbackItem) -> str:
    when = item.created_at.astimezone().strftime("%d %b %Y, %H:%M")
    new = "  • New" if item.unread else ""
    return f"{item.author_name} ({role_label(item.author_role)}), {when}{new}\n{item.body}"


class FeedbackThreadModel(QAbstractItemModel):
    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._items: list[FeedbackItem] = []
        self._children: dict[int, list[int]] = {_ROOT: []}
        self._parent: dict[int, int] = {}

    # -- data in ------------------------------------------------------------------------

    def set_items(self, items: Sequence[FeedbackItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        position = {item.id: n for n, item in enumerate(self._items)}
        self._children = {_ROOT: []}
        self._parent = {}
        for n, item in enumerate(self._items):
            parent = position.get(item.parent_id or "", _ROOT)
            self._parent[n] = parent
            self._children.setdefault(parent, []).append(n)
            self._children.setdefault(n, [])
        self.endResetModel()

    def items(self) -> list[FeedbackItem]:
        return list(self._items)

    def item(self, index: AnyIndex) -> FeedbackItem | None:
        return self._items[index.internalId()] if index.isValid() else None

    def index_of(self, feedback_id: str) -> QModelIndex:
        for n, item in enumerate(self._items):
            if item.id == feedback_id:
                parent = self._parent[n]
                return self.createIndex(self._children[parent].index(n), 0, n)
        return QModelIndex()

    @property
    def unread_count(self) -> int:
        return sum(1 for item in self._items if item.unread)

    # -- QAbstractItemModel -------------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        key = parent.internalId() if parent.isValid() else _ROOT
        children = self._children.get(key, [])
        if column != 0 or not 0 <= row < len(children):
            return QModelIndex()
        return self.createIndex(row, 0, children[row])

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent = self._parent.get(index.internalId(), _ROOT)
        if parent == _ROOT:
            return QModelIndex()
        grandparent = self._parent[parent]
        return self.createIndex(self._children[grandparent].index(parent), 0, parent)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        key = parent.internalId() if parent.isValid() else _ROOT
        return len(self._children.get(key, []))

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        item = self.item(index)
        if item is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return describe(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "Not read yet" if item.unread else None
        if role == Qt.ItemDataRole.FontRole and item.unread:
            font = QFont()
            font.setBold(True)
            return font
        if role == ID_ROLE:
            return item.id
        if role == UNREAD_ROLE:
            return item.unread
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return "Feedback"
        return None
