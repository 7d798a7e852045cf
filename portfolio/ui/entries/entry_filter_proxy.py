"""EntryFilterProxy: sorting plus the Entries page's filters (search, unit, criterion, status,
method, "not tagged yet"). The page computes which ids match a search or a criterion through
the services; the proxy only compares each row with those answers.

The source fills as it is scrolled (EntryTableModel.fetchMore) in the list's first order, most
recent event first (newest reference first while searching: the source then holds only the
matches, already in that order, so the proxy leaves them as they come); sorting on anything
else or filtering first fetches every row, so a sort or a filter always sees every entry
(issue #17).

Sorting compares sort values kept per column until the source model changes: Qt's own sort
asks the model for both values on every comparison, two Python calls each time, which was most
of opening a 5,000-entry list (0.56 s; 0.30 s with the kept values; benchmarks/run.py)."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from portfolio.ui.entries.entry_table_model import DATE, EntryTableModel, SortRole

FETCH_ORDER = (DATE, Qt.SortOrder.DescendingOrder)  # the order the source fetches rows in


class EntryFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(True)
        self._allowed_ids: frozenset[str] | None = None
        self._status: str | None = None
        self._method: str | None = None
        self._untagged_only = False
        self._sort_keys: dict[int, list[object]] = {}  # column -> sort value per source row

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        # Connected before Qt's own handlers (which re-sort on these signals), so the kept
        # sort values are current by the time Qt compares them.
        for signal in (
            model.modelReset,
            model.layoutChanged,
            model.rowsInserted,
            model.rowsRemoved,
            model.rowsMoved,
        ):
            signal.connect(self._forget_sort_keys)
        model.dataChanged.connect(self._on_source_data_changed)
        self._sort_keys = {}
        super().setSourceModel(model)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        fetch_order = model.fetch_order if isinstance(model, EntryTableModel) else FETCH_ORDER
        if (column, order) != fetch_order:
            self._fetch_all()
        elif isinstance(model, EntryTableModel) and model.searching:
            # The matches come newest first and a reference never changes, so the source's
            # own order is this order: no comparisons (the header still shows the sort).
            super().sort(-1, Qt.SortOrder.AscendingOrder)  # -1 with Descending reverses it
            return
        super().sort(column, order)

    def _fetch_all(self) -> None:
        model = self.sourceModel()
        if isinstance(model, EntryTableModel):
            model.fetch_all()

    def lessThan(
        self,
        left: QModelIndex | QPersistentModelIndex,
        right: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        column = left.column()
        keys = self._sort_keys.get(column)
        if keys is None or max(left.row(), right.row()) >= len(keys):
            model = self.sourceModel()
            keys = [
                model.data(model.index(row, column), SortRole) for row in range(model.rowCount())
            ]
            self._sort_keys[column] = keys
        return keys[left.row()] < keys[right.row()]  # type: ignore[operator]

    def _forget_sort_keys(self, *_: object) -> None:
        self._sort_keys = {}

    def _on_source_data_changed(
        self, top_left: QModelIndex, bottom_right: QModelIndex, *_: object
    ) -> None:
        model = self.sourceModel()
        for column, keys in self._sort_keys.items():
            for row in range(top_left.row(), min(bottom_right.row() + 1, len(keys))):
                keys[row] = model.data(model.index(row, column), SortRole)

    def set_allowed_ids(self, ids: frozenset[str] | None) -> None:
        """Only these entries (None: no restriction), from a search or a unit/criterion."""
        self.beginFilterChange()
        self._allowed_ids = ids
        self.endFilterChange()
        self._fetch_all_if_filtered()

    def set_status(self, status: str | None) -> None:
        self.beginFilterChange()
        self._status = status or None
        self.endFilterChange()
        self._fetch_all_if_filtered()

    def set_method(self, method: str | None) -> None:
        self.beginFilterChange()
        self._method = method or None
        self.endFilterChange()
        self._fetch_all_if_filtered()

    def set_untagged_only(self, untagged: bool) -> None:
        self.beginFilterChange()
        self._untagged_only = untagged
        self.endFilterChange()
        self._fetch_all_if_filtered()

    def _fetch_all_if_filtered(self) -> None:
        # A filter counts and shows every match ("12 of 20,000 shown"), so it needs every row.
        if self.filters_rows:
            self._fetch_all()

    @property
    def is_filtered(self) -> bool:
        """Some entries are left out: by a search (in the source) or by this proxy's filters."""
        model = self.sourceModel()
        return self.filters_rows or (isinstance(model, EntryTableModel) and model.searching)

    @property
    def filters_rows(self) -> bool:
        """This proxy leaves rows of the source out (ids, status, method, untagged)."""
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
