"""AttachmentTableModel: a thin table over AttachmentSummary rows (ids and values, no ORM)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from portfolio.domain.attachments import AttachmentSummary, human_size
from portfolio.ui.documents.refs import short_refs

ATTACHMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("Document", "Used in", "How you used it")
NOTE_COLUMN = 2
NO_NOTE = "No note yet"

_Index = QModelIndex | QPersistentModelIndex


class AttachmentTableModel(QAbstractTableModel):
    """One row per attachment (a document used by two entries is two rows)."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: list[AttachmentSummary] = []

    def set_rows(self, rows: Sequence[AttachmentSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_of(self, attachment_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == attachment_id), -1)

    def summary(self, row: int) -> AttachmentSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == ATTACHMENT_ID_ROLE:
            return row.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, column, tooltip=role == Qt.ItemDataRole.ToolTipRole)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{COLUMNS[column]}: {self._text(row, column, tooltip=True)}"
        return None

    @staticmethod
    def _text(row: AttachmentSummary, column: int, *, tooltip: bool) -> str:
        if column == 0:
            if tooltip:
                return f"{row.filename} ({row.kind_label}, {human_size(row.size)})"
            return row.filename
        if column == 1:
            used = f"{row.entry_ref} {row.entry_title or '(untitled)'}"
            if row.also_used_by:
                used += f" (also {short_refs(row.also_used_by)})"
            return used
        note = row.note or NO_NOTE
        return note if tooltip else " ".join(note.split())
