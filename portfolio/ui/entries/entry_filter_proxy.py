"""EntryFilterProxy: sorting plus the Entries page's filters (search, unit, criterion, status,
method, "not tagged yet"). The page computes which ids match a search or a criterion through
the services; the proxy only compares each row with those answers."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from portfolio.ui.entries.entry_table_model import EntryTableModel, SortRole


class EntryFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(True)
        self._allowed_ids: frozenset[str] | None = None
        self._status: str | None = None
        self._method: str | None = None
        self._untagged_only = False

    def set_allowed_ids(self, ids: frozenset[str] | None) -> None:
        """Only these entries (None: no restriction), from a search or a unit/criterion."""
        self.beginFilterChange()
        self._allowed_ids = ids
        self.endFilterChange()

    def set_status(self, status: str | None) -> None:
        self.beginFilterChange()
        self._status = status or None
        self.endFilterChange()

    def set_method(self, method: str | None) -> None:
        self.beginFilterChange()
        self._method = method or None
        self.endFilterChange()

    def set_untagged_only(self, untagged: bool) -> None:
        self.beginFilterChange()
        self._untagged_only = untagged
        self.endFilterChange()

    @property
    def is_filtered(self) -> bool:
        return (
            self._allowed_ids is not None
            or self._status is not None
            or self._method is not None
            or self._untagged_only
        )

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        if not isinstance(model, EntryTableModel):
            return True
        entry = model.summary(source_row)
        if self._allowed_ids is not None and entry.id not in self._allowed_ids:
            return False
        if self._status is not None and entry.status != self._status:
            return False
        if self._method is not None and entry.method != self._method:
            return False
        return not (self._untagged_only and entry.criteria_count > 0)
