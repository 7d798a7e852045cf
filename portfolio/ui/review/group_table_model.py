"""GroupTableModel: one row per learner from a GroupOverview, one column per unit.

A thin adapter over the frozen LearnerSummary rows; it never opens a file. Unit cells read
"7 / 11 evidenced, 2 met", then draft-only, insufficient and stale or referred criteria, then the
sign-off ("✓ signed off (...)" or "⚠ void (DATE): reason", never signed when void), so the table is
readable without colour; SORT_ROLE gives numbers so columns sort sensibly. The learner's cell says
why they need attention (behind on off-the-job hours, no new evidence for N weeks: issue 21), and
ATTENTION_ROLE lets the page show only those learners.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from portfolio.domain.review import GroupOverview, LearnerSummary, UnitProgress
from portfolio.review.group_report import (
    DEFAULT_QUIET_WEEKS,
    attention,
    criteria_note,
    evidence_label,
    otj_label,
    signoff_label,
)

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
ATTENTION_ROLE = Qt.ItemDataRole.UserRole + 3

AnyIndex = QModelIndex | QPersistentModelIndex


def unit_text(unit: UnitProgress | None) -> str:
    if unit is None:
        return "not enrolled"
    text = f"{unit.evidenced} / {unit.criteria} evidenced, {unit.met} met"
    note = criteria_note(unit)
    if note:
        text += f"\n{note}"
    if unit.signoff_void:
        text += f"\n⚠ {signoff_label(unit)}"
    elif unit.signed_off:
        text += f"\n✓ {signoff_label(unit)}"
    return text


class GroupTableModel(QAbstractTableModel):
    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: list[LearnerSummary] = []
        self._units: list[tuple[str, str, str]] = []
        self._weeks = DEFAULT_QUIET_WEEKS

    def set_overview(self, overview: GroupOverview | None) -> None:
        self.beginResetModel()
        self._rows = list(overview.learners) if overview else []
        self._units = list(overview.units) if overview else []
        self.endResetModel()

    def learner(self, row: int) -> LearnerSummary:
        return self._rows[row]

    def set_quiet_weeks(self, weeks: int) -> None:
        """Flag learners with no new evidence for ``weeks`` weeks."""
        self.beginResetModel()
        self._weeks = weeks
        self.endResetModel()

    def attention(self, row: int) -> list[str]:
        return attention(self._rows[row], weeks=self._weeks)

    def columns(self) -> list[str]:
        return [
            "Learner",
            *(ref for _, ref, _ in self._units),
            "Off-the-job",
            "Awaiting review",
            "Last activity",
        ]

    # -- QAbstractTableModel ------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._units) + 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns()[section]
        if role == Qt.ItemDataRole.ToolTipRole and 1 <= section <= len(self._units):
            _, ref, title = self._units[section - 1]
            return f"{ref}: {title}"
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        last = len(self._units) + 3
        otj_column = last - 2
        if role == PATH_ROLE:
            return str(row.path)
        if role == ATTENTION_ROLE:
            return bool(self.attention(index.row()))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == 0:
                number = f" ({row.learner_number})" if row.learner_number else ""
                needs = "".join(f"\n⚑ {why}" for why in self.attention(index.row()))
                return f"{row.name}{number}\n{row.path.name}{needs}"
            if column == otj_column:
                return otj_label(row) or "no log"
            if column == last - 1:
                return str(row.awaiting_review)
            if column == last:
                return f"{_when(row)}\n{evidence_label(row)}"
            return unit_text(row.unit(self._units[column - 1][0]))
        if role == SORT_ROLE:
            if column == 0:
                return row.name.lower()
            if column == otj_column:
                return -row.otj.behind_by if row.otj else 1.0
            if column == last - 1:
                return row.awaiting_review
            if column == last:
                return row.last_activity.timestamp() if row.last_activity else 0.0
            unit = row.unit(self._units[column - 1][0])
            return unit.evidenced / unit.criteria if unit and unit.criteria else -1.0
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return str(row.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == last - 1:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


def _when(row: LearnerSummary) -> str:
    if row.last_activity is None:
        return ""
    return row.last_activity.astimezone().strftime("%d %b %Y, %H:%M")
