"""The off-the-job log as a table: date, hours, category, entry, description."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from portfolio.domain.otj import OtjActivity

COLUMNS = ("Date", "Hours", "Category", "Entry", "Description")
ActivityIdRole = Qt.ItemDataRole.UserRole
_Index = QModelIndex | QPersistentModelIndex


class OtjTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[OtjActivity] = []
        self._labels: dict[str, str] = {}

    def set_activities(self, activities: list[OtjActivity], labels: dict[str, str]) -> None:
        self.beginResetModel()
        self._rows = list(reversed(activities))  # newest first: what was just logged is on top
        self._labels = dict(labels)
        self.endResetModel()

    def activity(self, row: int) -> OtjActivity:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = 0):
        if not index.isValid():
            return None
        activity = self._rows[index.row()]
        if role == ActivityIdRole:
            return activity.id
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = (
                activity.day.strftime("%d %b %Y"),
                f"{activity.hours:g}",
                self._labels.get(activity.category, activity.category),
                activity.entry_ref,
                activity.description,
            )
            return values[index.column()]
        return None
