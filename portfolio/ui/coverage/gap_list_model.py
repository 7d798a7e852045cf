"""GapListModel: what is left to do, one row per gap, each saying what a click will do.

A gap about a criterion (no evidence, only drafts) leads to a new entry tagged to it; a gap
about an entry (a tag with no justification, an entry tagged to nothing) opens that entry.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from portfolio.domain.dto import Gap

Index = QModelIndex | QPersistentModelIndex

GAP_ROLE = Qt.ItemDataRole.UserRole + 1
GAP_KIND_ROLE = Qt.ItemDataRole.UserRole + 2

KIND_LABELS = {
    "no_evidence": "No evidence",
    "drafts_only": "Only drafts",
    "missing_justification": "No justification",
    "untagged_entry": "Not tagged",
}
KIND_SYMBOLS = {
    "no_evidence": "○",
    "drafts_only": "✎",
    "missing_justification": "!",
    "untagged_entry": "?",
}


def is_about_entry(gap: Gap) -> bool:
    """True when clicking the gap should open an entry rather than start a new one."""
    return gap.entry_id is not None


def action_text(gap: Gap) -> str:
    if is_about_entry(gap):
        return f"Open {gap.entry_ref} to fix this."
    return f"Start a new entry tagged to {gap.criterion_number}."


class GapListModel(QAbstractListModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._gaps: list[Gap] = []

    def set_gaps(self, gaps: Sequence[Gap]) -> None:
        self.beginResetModel()
        self._gaps = list(gaps)
        self.endResetModel()

    def gap(self, row: int) -> Gap:
        return self._gaps[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._gaps)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._gaps):
            return None
        gap = self._gaps[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{KIND_SYMBOLS.get(gap.kind, '•')}  {KIND_LABELS.get(gap.kind, gap.kind)}: " + (
                gap.message
            )
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.StatusTipRole):
            return f"{gap.message}\n{action_text(gap)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{KIND_LABELS.get(gap.kind, gap.kind)}: {gap.message} {action_text(gap)}"
        if role == GAP_ROLE:
            return gap
        if role == GAP_KIND_ROLE:
            return gap.kind
        return None
