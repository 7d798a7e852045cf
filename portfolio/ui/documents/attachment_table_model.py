"""AttachmentTableModel: a thin table over AttachmentSummary rows (ids and values, no ORM).

The rows are read as they are shown, a block at a time, through a ``source`` the page gives it
(the service's ``live_count``, ``page`` and ``position``): at 20,000 entries there are 8,750
attachment rows, and holding every one as an object was most of what the Documents page's
first visit added to the app's memory (issue #17). A few blocks are kept; the rest are read
again if the learner scrolls back.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from portfolio.domain.attachments import AttachmentSummary, human_size
from portfolio.ui.documents.refs import short_refs

ATTACHMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("Document", "Used in", "How you used it")
NOTE_COLUMN = 2
NO_NOTE = "No note yet"
BLOCK = 100
"""Rows read at a time (a screenful or two)."""
KEPT_BLOCKS = 4
"""Blocks kept in memory, the most recently used."""

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class RowSource:
    """Where the rows come from: how many, a block of them, and where one attachment is."""

    count: int
    read: Callable[[int, int], Sequence[AttachmentSummary]]
    locate: Callable[[str], int]

    @classmethod
    def of(cls, rows: Sequence[AttachmentSummary]) -> RowSource:
        """Rows already in hand (tests, an empty page)."""
        rows = tuple(rows)
        ids = [r.id for r in rows]
        return cls(
            len(rows),
            lambda offset, limit: rows[offset : offset + limit],
            lambda attachment_id: ids.index(attachment_id) if attachment_id in ids else -1,
        )


class AttachmentTableModel(QAbstractTableModel):
    """One row per attachment (a document used by two entries is two rows)."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._source = RowSource.of(())
        self._blocks: OrderedDict[int, Sequence[AttachmentSummary]] = OrderedDict()

    def set_source(self, source: RowSource) -> None:
        self.beginResetModel()
        self._source = source
        self._blocks.clear()
        self.endResetModel()

    def set_rows(self, rows: Sequence[AttachmentSummary]) -> None:
        self.set_source(RowSource.of(rows))

    def row_of(self, attachment_id: str) -> int:
        for number, block in self._blocks.items():
            for i, summary in enumerate(block):
                if summary.id == attachment_id:
                    return number * BLOCK + i
        row = self._source.locate(attachment_id)
        return row if 0 <= row < self._source.count else -1

    def summary(self, row: int) -> AttachmentSummary | None:
        if not 0 <= row < self._source.count:
            return None
        number, i = divmod(row, BLOCK)
        block = self._blocks.get(number)
        if block is None:
            block = self._source.read(number * BLOCK, BLOCK)
            self._blocks[number] = block
            while len(self._blocks) > KEPT_BLOCKS:
                self._blocks.popitem(last=False)
        else:
            self._blocks.move_to_end(number)
        return block[i] if i < len(block) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._source.count

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
        if not index.isValid() or role not in _ROLES:
            return None
        row = self.summary(index.row())
        if row is None:
            return None
        column = index.column()
        if role == ATTACHMENT_ID_ROLE:
            return row.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, column, tooltip=role == Qt.ItemDataRole.ToolTipRole)
        return f"{COLUMNS[column]}: {self._text(row, column, tooltip=True)}"

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


_ROLES = frozenset(
    {
        ATTACHMENT_ID_ROLE,
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
    }
)
