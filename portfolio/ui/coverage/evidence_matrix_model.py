"""EvidenceMatrixModel: criteria down, entries across; each cell says whether the entry evidences
the criterion, in a symbol and words as well as a colour (readable without colour).

It holds DTOs only (CriterionCoverage rows, and EntrySummary rows for the columns) and, per entry,
the rows it is tagged to. The columns are ``EntryColumns``: the number of entries, and the
entries themselves read a block at a time when the view first asks for one of their cells or
headings (issue #17), so 20,000 entries cost one block of reading until the learner scrolls.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from enum import StrEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from portfolio.domain import assessment
from portfolio.domain.dto import CriterionCoverage, EntrySummary
from portfolio.domain.enums import EntryStatus

Index = QModelIndex | QPersistentModelIndex
Fetch = Callable[[int, int], Sequence[EntrySummary]]  # (offset, limit) -> entries in ref order

BLOCK = 200  # columns read at once: a screenful is about 25

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


class EntryColumns:
    """The matrix's columns: ``total`` entries in reference order, each block of ``BLOCK`` read
    through ``fetch`` the first time one of its columns is asked for, then kept."""

    def __init__(self, total: int, fetch: Fetch) -> None:
        self.total = total
        self._fetch = fetch
        self._blocks: dict[int, Sequence[EntrySummary]] = {}

    @classmethod
    def of(cls, entries: Sequence[EntrySummary]) -> EntryColumns:
        """Columns for entries already read (all of them)."""
        listed = list(entries)
        return cls(len(listed), lambda offset, limit: listed[offset : offset + limit])

    def __len__(self) -> int:
        return self.total

    def get(self, column: int) -> EntrySummary | None:
        """The entry in ``column``; None outside the columns or if it went meanwhile."""
        if not 0 <= column < self.total:
            return None
        number, offset = divmod(column, BLOCK)
        block = self._blocks.get(number)
        if block is None:
            block = self._blocks[number] = tuple(self._fetch(number * BLOCK, BLOCK))
        return block[offset] if offset < len(block) else None

    @property
    def read(self) -> int:
        """How many entries have been read so far (for tests and the memory benchmark)."""
        return sum(len(block) for block in self._blocks.values())


class EvidenceMatrixModel(QAbstractTableModel):
    """Rows are criteria, columns are entries; a cell is marked when the entry is tagged to it."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._criteria: list[CriterionCoverage] = []
        self._columns = EntryColumns(0, lambda _offset, _limit: ())
        # entry id -> {row: tagged without a justification}
        self._marks: dict[str, dict[int, bool]] = {}

    # -- loading --------------------------------------------------------------------------

    def set_coverage(
        self,
        criteria: Sequence[CriterionCoverage],
        entries: Sequence[EntrySummary] | EntryColumns,
        unjustified: Collection[tuple[str, str]] = (),
    ) -> None:
        """Show ``criteria`` against ``entries`` (a list, or columns read as they are shown);
        ``unjustified`` holds (entry id, criterion id) pairs tagged without a justification."""
        columns = entries if isinstance(entries, EntryColumns) else EntryColumns.of(entries)
        # The same criteria and as many entries (the usual case after one tag): the view keeps
        # its scroll position and asks again only for what it shows.
        same_shape = [c.id for c in criteria] == [
            c.id for c in self._criteria
        ] and columns.total == self._columns.total
        if not same_shape:
            self.beginResetModel()
        self._criteria = list(criteria)
        self._columns = columns
        row_of = {criterion.id: row for row, criterion in enumerate(self._criteria)}
        marks: dict[str, dict[int, bool]] = {}
        for row, criterion in enumerate(self._criteria):
            for entry_id in criterion.entries:
                marks.setdefault(entry_id, {})[row] = False
        for entry_id, criterion_id in unjustified:
            rows = marks.get(entry_id)
            found = row_of.get(criterion_id)
            if rows is not None and found is not None and found in rows:
                rows[found] = True
        self._marks = marks
        if not same_shape:
            self.endResetModel()
            return
        if self._criteria and columns.total:
            last = self.index(self.rowCount() - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, self.rowCount() - 1)

    def clear(self) -> None:
        self.set_coverage((), ())

    @property
    def columns(self) -> EntryColumns:
        return self._columns

    # -- lookups --------------------------------------------------------------------------

    def entry_id(self, column: int) -> str:
        """The id of the entry in ``column`` ("" if it has gone since the columns were counted)."""
        entry = self._columns.get(column)
        return entry.id if entry is not None else ""

    def criterion_id(self, row: int) -> str:
        return self._criteria[row].id

    def cell_state(self, row: int, column: int) -> CellState:
        return self._cell(row, column)[0]

    def _cell(self, row: int, column: int) -> tuple[CellState, bool]:
        """The cell's state and whether its tag lacks a justification."""
        entry = self._columns.get(column)
        marked = self._marks.get(entry.id, {}) if entry is not None else {}
        if entry is None or row not in marked:
            return CellState.EMPTY, False
        draft = entry.status == EntryStatus.DRAFT
        return (CellState.DRAFT if draft else CellState.READY), marked[row]

    # -- QAbstractTableModel --------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._criteria)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._columns.total

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == ENTRY_ID_ROLE:
            return self.entry_id(column)
        if role == CRITERION_ID_ROLE:
            return self._criteria[row].id
        state, unjustified = self._cell(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return CELL_SYMBOLS[state] + (UNJUSTIFIED_MARK if unjustified else "")
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._cell_tooltip(row, column, state, unjustified)
        if role == Qt.ItemDataRole.BackgroundRole:
            return CELL_COLOURS.get(state)
        if role == Qt.ItemDataRole.ForegroundRole:
            return CELL_TEXT if state in CELL_COLOURS else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == CELL_STATE_ROLE:
            return state.value
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal:
            entry = self._columns.get(section)
            if entry is None:
                return None
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

    def _cell_tooltip(self, row: int, column: int, state: CellState, unjustified: bool) -> str:
        entry = self._columns.get(column)
        if entry is None:
            return ""
        criterion = self._criteria[row]
        if state is CellState.EMPTY:
            return f"{entry.ref} is not tagged to {criterion.number}. Click to open {entry.ref}."
        kind = "a draft" if state is CellState.DRAFT else "ready for review"
        text = f"{entry.ref} evidences {criterion.number} ({kind})."
        if unjustified:
            text += " It does not yet say how it meets it."
        return f"{text} Click to open {entry.ref}."


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
