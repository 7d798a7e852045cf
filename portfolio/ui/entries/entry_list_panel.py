"""The left side of the Entries page: search, filters, the sortable table and its buttons.

Files dragged from the desktop onto an entry's row ask to be attached to that entry
(``files_dropped``); the Entries page opens the entry and its document review.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from portfolio.ui.controller import PortfolioController
from portfolio.ui.entries.entry_filter_proxy import EntryFilterProxy
from portfolio.ui.entries.entry_filters_bar import EntryFiltersBar
from portfolio.ui.entries.entry_table_model import (
    CRITERIA,
    DATE,
    METHOD,
    REF,
    STATUS,
    TITLE,
    EntryIdRole,
    EntryTableModel,
)
from portfolio.ui.theme import SPACING

COLUMN_SAMPLES = {  # the widest value each column shows, for its width from the font
    REF: "E0000",
    DATE: "30 Sep 2026",
    STATUS: "Draft",
    CRITERIA: "Criteria",
    METHOD: "Professional discussion",
}
TITLE_LEAST = "M" * 10  # the title column's least width, in the font
GIVE_WAY = (METHOD, CRITERIA, STATUS)  # hidden first to last when the list is narrow


class EntryListPanel(QWidget):
    entry_selected = Signal(object)  # entry id or None
    files_dropped = Signal(str, list)  # entry id, [Path]: attach these to that entry

    def __init__(self, controller: PortfolioController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING, SPACING, SPACING // 2, SPACING)
        layout.setSpacing(SPACING // 2)

        heading = QHBoxLayout()
        title = QLabel("Entries", self)
        title.setObjectName("pageTitle")
        self.count_label = QLabel(self)
        self.count_label.setObjectName("muted")
        heading.addWidget(title)
        heading.addStretch(1)
        heading.addWidget(self.count_label)
        layout.addLayout(heading)

        buttons = QHBoxLayout()
        self.new_button = QPushButton("&New entry", self)
        self.new_button.setObjectName("primary")
        self.duplicate_button = QPushButton("D&uplicate", self)
        self.duplicate_button.setToolTip("Start a new draft from a copy of the selected entry")
        self.delete_button = QPushButton("De&lete", self)
        for button in (self.new_button, self.duplicate_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.filters = EntryFiltersBar(self)
        layout.addWidget(self.filters)

        self.undo_banner = QFrame(self)
        self.undo_banner.setObjectName("banner")
        banner_layout = QHBoxLayout(self.undo_banner)
        banner_layout.setContentsMargins(SPACING, SPACING // 2, SPACING // 2, SPACING // 2)
        self.undo_label = QLabel(self.undo_banner)
        self.undo_label.setWordWrap(True)
        self.undo_button = QPushButton("&Undo delete", self.undo_banner)
        self.undo_button.setObjectName("undoDelete")
        banner_layout.addWidget(self.undo_label, 1)
        banner_layout.addWidget(self.undo_button)
        self.undo_banner.hide()
        layout.addWidget(self.undo_banner)

        self.model = EntryTableModel(controller, self)
        self.proxy = EntryFilterProxy(self)
        self._sort_before_search: tuple[int, Qt.SortOrder] | None = None
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setObjectName("entriesTable")
        self.table.setAccessibleName("Entries")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(DATE, Qt.SortOrder.DescendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table: keyboard users move on
        self.table.verticalHeader().hide()
        self._size_columns()
        self.table.setMinimumWidth(280)
        self.table.viewport().setAcceptDrops(True)
        self.table.viewport().installEventFilter(self)
        layout.addWidget(self.table, 1)

        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.empty_label)

        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        for signal in (
            self.proxy.modelReset,
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._update_counts)
        self._update_counts()

    def _size_columns(self) -> None:
        """Widths from the font, not ResizeToContents: that mode reads every row of a
        1,000-entry model on each change (measured: ~0.9 s per autosave). The title is what a
        learner reads: it stretches into the room the other columns leave."""
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(40)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        metrics = self.table.fontMetrics()
        pad = 3 * SPACING
        self._title_least = metrics.horizontalAdvance(TITLE_LEAST) + pad
        self._widths = {
            column: metrics.horizontalAdvance(sample) + pad
            for column, sample in COLUMN_SAMPLES.items()
        }
        for column, width in self._widths.items():
            self.table.setColumnWidth(column, width)
        header.sectionResized.connect(self._on_header_section_resized)

    def least_columns_width(self) -> int:
        """The width the columns that never give way need: Ref, the title at its least, Date."""
        return self._widths[REF] + self._title_least + self._widths[DATE]

    def fit_columns(self) -> None:
        """Hide the columns that give way (Method, then Criteria, then Status) while the list
        is too narrow for them and a title still readable; Ref, Title and Date always show, not
        behind a sideways scroll bar (at 1366 wide, beside the editor, Date was)."""
        room = self.table.viewport().width()
        hidden: set[int] = set()
        for column in GIVE_WAY:
            shown = (width for other, width in self._widths.items() if other not in hidden)
            if self._title_least + sum(shown) <= room:
                break
            hidden.add(column)
        for column in GIVE_WAY:
            if self.table.isColumnHidden(column) != (column in hidden):
                self.table.setColumnHidden(column, column in hidden)

    def _on_header_section_resized(self, column: int, _old: int, new: int) -> None:
        if column != TITLE and new > 0:  # a person widened a column: keep it when fitting
            self._widths[column] = new

    # -- selection ----------------------------------------------------------------------

    def current_entry_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(EntryIdRole) if index.isValid() else None

    def select_entry(self, entry_id: str | None) -> bool:
        """Select an entry's row (False if it is hidden by the filters or does not exist)."""
        if entry_id is None:
            self.table.clearSelection()
            return True
        row = self.model.ensure_fetched(entry_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, TITLE))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        self.table.horizontalScrollBar().setValue(0)  # keep the Ref column in view
        return True

    # -- dropping files on an entry ------------------------------------------------------

    def entry_at(self, event: QDropEvent) -> str | None:
        index = self.table.indexAt(event.position().toPoint())
        return index.data(EntryIdRole) if index.isValid() else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        if watched is not self.table.viewport() or not isinstance(event, QDropEvent):
            return super().eventFilter(watched, event)
        files = _local_files(event)
        entry_id = self.entry_at(event)
        if not files or entry_id is None or not self._controller.can_edit_learner_text:
            event.ignore()
            return True
        event.acceptProposedAction()
        if not isinstance(event, QDragMoveEvent):  # DragEnter is a DragMove: only a drop acts
            self.files_dropped.emit(entry_id, files)
        return True

    def _on_table_current_row_changed(self, current, _previous) -> None:
        self._update_counts()
        self.entry_selected.emit(current.data(EntryIdRole) if current.isValid() else None)

    def set_search(self, query: str) -> None:
        """Show only the entries matching ``query`` ("" all), newest first while searching:
        the order the matches come in, a page at a time; the sort before it comes back after."""
        query = query.strip()
        if query == self.model.query:
            return
        was_searching = self.model.searching
        self.model.set_search(query, reload=False)
        if self.model.searching and not was_searching:
            header = self.table.horizontalHeader()
            self._sort_before_search = (header.sortIndicatorSection(), header.sortIndicatorOrder())
            self.table.sortByColumn(*self.model.fetch_order)  # before the rows: sorted once
        self.model.reload(recount=False)
        if was_searching and not self.model.searching and self._sort_before_search:
            self.table.sortByColumn(*self._sort_before_search)
            self._sort_before_search = None

    def _count_text(self) -> str:
        total = self.model.total  # fetched or not (the list fills as it is scrolled)
        matches = self.model.matches
        if matches is not None:  # searching: counted up to a cap ("200+ matches")
            noun = "match" if matches.complete and matches.count == 1 else "matches"
            if self.proxy.filters_rows:
                return f"{self.proxy.rowCount()} shown of {matches.label} {noun}"
            return f"{matches.label} {noun}"
        shown = self.proxy.rowCount() if self.proxy.is_filtered else total
        noun = "entry" if total == 1 else "entries"
        return f"{total} {noun}" if shown == total else f"{shown} of {total} shown"

    def _update_counts(self, *_: object) -> None:
        total = self.model.total
        shown = self.proxy.rowCount() if self.proxy.is_filtered else total
        self.count_label.setText(self._count_text())
        has_selection = self.current_entry_id() is not None
        writable = self._controller.can_edit_learner_text  # not in review mode or read-only
        for button in (self.new_button, self.duplicate_button, self.delete_button):
            button.setVisible(writable)  # a reviewer never adds or deletes entries
        self.new_button.setEnabled(writable)
        self.duplicate_button.setEnabled(writable and has_selection)
        self.delete_button.setEnabled(writable and has_selection)
        if self.model.search_error:
            self.empty_label.setText(self.model.search_error)
        elif total == 0:
            self.empty_label.setText("No entries yet. Press “New entry” to write your first one.")
        elif shown == 0:
            self.empty_label.setText("No entries match. Try other words, or clear the filters.")
        self.empty_label.setVisible(shown == 0)


def _local_files(event: QDropEvent) -> list[Path]:
    mime = event.mimeData()
    urls = mime.urls() if mime is not None and mime.hasUrls() else []
    return [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
