"""EvidenceMatrixModel: criteria down, entries across; each cell says whether the entry evidences
the criterion, in a symbol and words as well as a colour (readable without colour).

It holds DTOs only (CriterionCoverage and EntrySummary rows) and a sparse dict of marked cells,
so a thousand entries cost nothing until the view paints the few cells on screen.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from enum import StrEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from portfolio.domain import assessment
from portfolio.domain.dto import CriterionCoverage, EntrySummary
from portfolio.domain.enums import EntryStatus

Index = QModelIndex | QPersistentModelIndex

ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
CRITERION_ID_ROLE = Qt.ItemDataRole.UserRole + 2
CELL_STATE_ROLE = Qt.ItemDataRole.UserRole + 3


class CellState(StrEnum):
    EMPTY = ""
    READY = "ready"
    DRAFT = "draft"


CELL_SYMBOLS = {CellState.EMPTY: "", CellState.READY: "✔", CellState.DRAFT: "✎"}
UNJUSTIFIED_MARK = "!"
CELL_COLOURS = {CellState.READY: QColor("#d7ecd9"), CellState.DRAFT: QColor("#fbeccb")}
# The marked cells are pale in every theme, so their marks are always dark: in the dark theme
# the palette's light text vanished on them (✎ drafts could not be seen).
CELL_TEXT = QColor("#1d2330")
STATUS_WORDS = assessment.STATUS_WORDS  # one set of words for every state (domain.assessment)
LEGEND = (
    "✔ evidence in an entry ready for review    ✎ evidence in a draft    "
    "! no justification yet    blank: not tagged"
)


class EvidenceMatrixModel(QAbstractTableModel):
    """Rows are criteria, columns are entries; a cell is marked when the entry is tagged to it."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._criteria: list[CriterionCoverage] = []
        self._entries: list[EntrySummary] = []
        self._cells: dict[tuple[int, int], CellState] = {}
        self._unjustified: set[tuple[int, int]] = set()

    # -- loading --------------------------------------------------------------------------

    def set_coverage(
        self,
        criteria: Sequence[CriterionCoverage],
        entries: Sequence[EntrySummary],
        unjustified: Collection[tuple[str, str]] = (),
    ) -> None:
        """Show ``criteria`` against ``entries``; ``unjustified`` holds (entry id, criterion id)
        pairs tagged without a justification."""
        same_shape = [c.id for c in criteria] == [c.id for c in self._criteria] and [
            e.id for e in entries
        ] == [e.id for e in self._entries]
        if not same_shape:
            self.beginResetModel()
        self._criteria = list(criteria)
        self._entries = list(entries)
        column_of = {entry.id: column for column, entry in enumerate(self._entries)}
        row_of = {criterion.id: row for row, criterion in enumerate(self._criteria)}
        self._cells = {}
        for row, criterion in enumerate(self._criteria):
            for entry_id in criterion.entries:
                column = column_of.get(entry_id)
                if column is None:
                    continue
                draft = self._entries[column].status == EntryStatus.DRAFT
                self._cells[row, column] = CellState.DRAFT if draft else CellState.READY
        self._unjustified = {
            (row_of[criterion_id], column_of[entry_id])
            for entry_id, criterion_id in unjustified
            if criterion_id in row_of and entry_id in column_of
        }
        if not same_shape:
            self.endResetModel()
            return
        # Same rows and columns (the usual case after one tag): keep the view's scroll position.
        if self._criteria and self._entries:
            last = self.index(self.rowCount() - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, self.rowCount() - 1)

    def clear(self) -> None:
        self.set_coverage((), ())

    # -- lookups --------------------------------------------------------------------------

    def entry_id(self, column: int) -> str:
        return self._entries[column].id

    def criterion_id(self, row: int) -> str:
        return self._criteria[row].id

    def cell_state(self, row: int, column: int) -> CellState:
        return self._cells.get((row, column), CellState.EMPTY)

    # -- QAbstractTableModel --------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._criteria)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        state = self._cells.get((row, column), CellState.EMPTY)
        if role == Qt.ItemDataRole.DisplayRole:
            mark = UNJUSTIFIED_MARK if (row, column) in self._unjustified else ""
            return CELL_SYMBOLS[state] + mark
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._cell_tooltip(row, column, state)
        if role == Qt.ItemDataRole.BackgroundRole:
            return CELL_COLOURS.get(state)
        if role == Qt.ItemDataRole.ForegroundRole:
            return CELL_TEXT if state in CELL_COLOURS else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._cell_tooltip(row, column, state)
        if role == ENTRY_ID_ROLE:
            return self._entries[column].id
        if role == CRITERION_ID_ROLE:
            return self._criteria[row].id
        if role == CELL_STATE_ROLE:
            return state.value
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._entries):
                return None
            entry = self._entries[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return entry.ref
            if role == Qt.ItemDataRole.ToolTipRole:
                status = EntryStatus(entry.status).label
                return f"{entry.ref}: {entry.title or 'Untitled'} ({status}). Click to open it."
            return None
        if not 0 <= section < len(self._criteria):
            return None
        criterion = self._criteria[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{criterion.number}  {_short(criterion.text)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            refs = ", ".join(criterion.entry_refs) or "none"
            detail = f"\n{criterion.detail}." if criterion.detail else ""
            return (
                f"{criterion.number} {criterion.text}\n"
                f"Status: {criterion.status_words}. Tagged: {refs}.{detail}"
            )
        return None

    def _cell_tooltip(self, row: int, column: int, state: CellState) -> str:
        entry = self._entries[column]
        criterion = self._criteria[row]
        if state is CellState.EMPTY:
            return f"{entry.ref} is not tagged to {criterion.number}. Click to open {entry.ref}."
        kind = "a draft" if state is CellState.DRAFT else "ready for review"
        text = f"{entry.ref} evidences {criterion.number} ({kind})."
        if (row, column) in self._unjustified:
            text += " It does not yet say how it meets it."
        return f"{text} Click to open {entry.ref}."


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
