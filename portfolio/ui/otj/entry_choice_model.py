"""EntryChoiceModel: the entries the Off-the-job page offers to log, for its combo box.

Two plain lists (ids and labels) behind a QAbstractListModel, where ``QComboBox.addItem`` made a
QStandardItem per entry with its text and id in a map of roles: at 20,000 entries those items
held about 13 MB of Qt memory for a list the learner scrolls a few rows of (issue #17).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

_Index = QModelIndex | QPersistentModelIndex
_TEXT_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.EditRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleTextRole,
)


class EntryChoiceModel(QAbstractListModel):
    """One row per entry: its label to show, its id as ``Qt.UserRole`` (``currentData()``)."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._ids: list[str] = []
        self._labels: list[str] = []

    def set_choices(self, choices: Iterable[tuple[str, str]]) -> None:
        """``(entry id, label)`` pairs, in the order shown."""
        self.beginResetModel()
        self._ids, self._labels = [], []
        for entry_id, label in choices:
            self._ids.append(entry_id)
            self._labels.append(label)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._ids):
            return None
        if role == Qt.ItemDataRole.UserRole:
            return self._ids[row]
        if role in _TEXT_ROLES:
            return self._labels[row]
        return None
