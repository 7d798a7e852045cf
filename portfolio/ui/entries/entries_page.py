"""The Entries page: the list (search, filters) on the left, the STAR editor on the right.

When the page is too narrow for both (large fonts, a small screen) it shows one at a time:
the list, and the editor once an entry is clicked or opened, with "Back to list" above it.

Everything it changes is a ``WriteOp`` (ui/operations.py): the helper announces the services'
Changes, and an entry the page created opens once it is stored. Which entries match a search or
a criterion is asked of the services (SQLite FTS5 search, a page at a time into the list's
model; the coverage report's ids for the proxy to compare).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QMessageBox, QPushButton, QSplitter, QVBoxLayout, QWidget

from portfolio.domain.changes import Changes, Written
from portfolio.domain.dto import EntryDetail
from portfolio.domain.entry_input import EntryInput, TagInput
from portfolio.services.portfolio import Portfolio
from portfolio.ui.controller import PortfolioController
from portfolio.ui.editor.entry_editor_panel import EntryEditorPanel
from portfolio.ui.entries.entry_list_panel import EntryListPanel
from portfolio.ui.entries.entry_table_model import EntryIdRole
from portfolio.ui.operations import WriteOp
from portfolio.ui.theme import SPACING
from portfolio.ui.widgets.fill_on_show import FillOnShow

EDITOR_TEXT_CHARACTERS = 40  # the STAR editor needs about this many characters a line


class EntriesPage(QWidget):
    entry_opened = Signal(object)  # entry id or None

    def __init__(self, controller: PortfolioController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._deleted: list[tuple[str, str]] = []  # (id, title) that "Undo delete" brings back
        self._narrow = False  # list and editor shown one at a time
        self._editor_shown = False  # which of the two a narrow page shows
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.back_button = QPushButton("← &Back to list", self)
        self.back_button.setObjectName("backToList")
        self.back_button.setAccessibleName("Back to the list of entries")
        self.back_button.clicked.connect(self.show_list)
        self.back_button.hide()
        back_row = QVBoxLayout()
        back_row.setContentsMargins(SPACING, SPACING // 2, SPACING, 0)
        back_row.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(back_row)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("entriesSplitter")
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter)
        self.list_panel = EntryListPanel(controller, self.splitter)
        self.editor_panel = EntryEditorPanel(controller, self.splitter)
        self.splitter.addWidget(self.list_panel)
        self.splitter.addWidget(self.editor_panel)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setSizes([430, 870])

        panel = self.list_panel
        self.model = panel.model
        self.model.reload_on_open = False  # _fill_opened loads it when the page is shown
        # Built with a portfolio open (the main window builds this page when first needed):
        # the fill reloads the rows too, into the sorted table, as it does after an open.
        self.model.stale = controller.is_open
        self.proxy = panel.proxy
        self.filters = panel.filters
        self.editor = self.editor_panel.editor
        panel.entry_selected.connect(self._on_list_entry_selected)
        panel.table.clicked.connect(self.show_editor)
        panel.table.activated.connect(self.show_editor)
        panel.files_dropped.connect(self.attach_files)
        panel.new_button.clicked.connect(self.new_entry)
        panel.duplicate_button.clicked.connect(self.duplicate_entry)
        panel.delete_button.clicked.connect(self.delete_entry)
        panel.undo_button.clicked.connect(self.undo_delete)
        self.filters.search_changed.connect(self._apply_filters)
        self.filters.filters_changed.connect(self._apply_filters)
        self.model.modelReset.connect(self._on_model_reset)
        self._fill = FillOnShow(self, self._fill_opened)  # a hidden page fills when shown
        controller.opened.connect(self._on_controller_opened)
        controller.closed.connect(self._on_controller_closed)
        controller.changed.connect(self._on_controller_changed)
        if controller.is_open:
            self._on_controller_opened(controller.portfolio)

    # -- commands (buttons, menus, other pages) -----------------------------------------

    def open_entry(self, entry_id: str) -> None:
        """Show an entry in the editor, clearing filters that would hide it."""
        if not self.list_panel.select_entry(entry_id):
            self.filters.clear()
            if not self.list_panel.select_entry(entry_id):
                self.editor_panel.set_entry(entry_id)
        self.show_editor()

    # -- one at a time when the page is narrow ---------------------------------------------

    @property
    def is_narrow(self) -> bool:
        return self._narrow

    def show_editor(self, *_: object) -> None:
        """Bring the editor into view (a narrow page hides the list for it)."""
        self._editor_shown = True
        self._update_panes()

    def show_list(self) -> None:
        """Bring the list into view (a narrow page hides the editor for it)."""
        self._editor_shown = False
        self._update_panes()
        self.list_panel.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def width_for_both(self) -> int:
        """The width the list and the editor need side by side, from the font: the list's
        Ref, Title and Date columns and buttons, the editor's text and its side tabs."""
        panel = self.list_panel
        table = panel.table
        list_width = max(
            panel.minimumSizeHint().width(),
            panel.least_columns_width()
            + table.verticalScrollBar().sizeHint().width()
            + 3 * SPACING,
        )
        side = self.editor_panel.side_tabs.minimumSizeHint().width()
        text = self.fontMetrics().averageCharWidth() * EDITOR_TEXT_CHARACTERS + 4 * SPACING
        editor_width = max(self.editor_panel.minimumSizeHint().width(), text + side)
        return list_width + editor_width + self.splitter.handleWidth()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        narrow = event.size().width() < self.width_for_both()
        if narrow != self._narrow:
            self._narrow = narrow
            self._update_panes()

    def _update_panes(self) -> None:
        editor = not self._narrow or self._editor_shown
        listing = not self._narrow or not self._editor_shown
        self.back_button.setVisible(self._narrow and self._editor_shown)
        self.editor_panel.setVisible(editor)
        self.list_panel.setVisible(listing)
        if listing:
            self.list_panel.table.horizontalScrollBar().setValue(0)  # the Ref column in view

    def new_entry(self) -> None:
        """A new empty draft dated today, opened in the editor once it is stored."""
        self._create(lambda pf: pf.entries.add(event_date=date.today()))

    def new_entry_for_criterion(self, criterion_id: str) -> None:
        """A new draft already tagged to a criterion (from a gap on the Overview page)."""
        tagged = EntryInput(event_date=date.today(), tags=(TagInput(criterion_id, ""),))
        self._create(lambda pf: pf.entries.add(tagged))

    def duplicate_entry(self) -> bool:
        """A draft copy of the open entry (with its tags); False when no entry is open."""
        source = self.editor.entry_id
        if source is None:
            return False
        self._create(lambda pf: pf.entries.duplicate(source))
        return True

    def delete_entry(self) -> bool:
        entry = self.editor.entry
        if entry is None:
            return False
        title = self.editor.details.title.text().strip() or "Untitled entry"
        if not self.confirm_delete(f"{entry.ref} · {title}"):
            return False
        self.editor.flush()  # "Undo delete" must bring back the latest words (queued first)

        def deleted(_changes: Changes) -> None:
            self._deleted.append((entry.id, title))
            self._show_undo_banner()

        WriteOp(self._controller, self, lambda pf: pf.entries.delete(entry.id)).success(
            deleted
        ).run(initiator=self)
        return True

    def confirm_delete(self, name: str) -> bool:
        answer = QMessageBox.question(
            self,
            "Delete entry",
            f"Delete “{name}”?\n\nYou can undo this until you close Portfolio.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def undo_delete(self) -> str | None:
        """Bring the last deleted entry back from the bin (and open it once restored)."""
        if not self._deleted:
            return None
        entry_id, title = self._deleted.pop()
        self._show_undo_banner()

        def restored(_changes: Changes) -> None:
            self.open_entry(entry_id)

        def refused(_message: str) -> None:
            self._deleted.append((entry_id, title))  # still in the bin: undo stays possible
            self._show_undo_banner()

        WriteOp(self._controller, self, lambda pf: pf.entries.restore(entry_id)).success(
            restored
        ).failure(refused).run(initiator=self)
        return entry_id

    def attach_files(self, entry_id: str, files: list) -> None:
        """Open ``entry_id`` and review ``files`` for attaching to it (dropped on its row)."""
        self.open_entry(entry_id)
        if self.editor.entry_id == entry_id:
            self.editor_panel.show_tab(self.editor_panel.attachments)
            self.editor_panel.attachments.attach_files(list(files))

    @property
    def can_undo_delete(self) -> bool:
        return bool(self._deleted)

    def focus_search(self) -> None:
        self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search.selectAll()

    # -- internals ----------------------------------------------------------------------

    def _create(self, create: Callable[[Portfolio], Written[EntryDetail]]) -> None:
        self.editor.flush()  # the open entry's pending words are queued before the new one

        def created(result: Written[EntryDetail]) -> None:
            self.open_entry(result.value.id)
            self.editor.details.title.setFocus(Qt.FocusReason.OtherFocusReason)

        WriteOp(self._controller, self, create).success(created).run(initiator=self)

    def _show_undo_banner(self) -> None:
        panel = self.list_panel
        if not self._deleted:
            panel.undo_banner.hide()
            return
        _entry_id, title = self._deleted[-1]
        more = len(self._deleted) - 1
        extra = f" ({more} more can be restored)" if more else ""
        panel.undo_label.setText(f"Deleted “{title}”.{extra}")
        panel.undo_banner.show()

    def _apply_filters(self, *_: object) -> None:
        if not self._controller.is_open:
            return
        # The list holds only the matches, a page at a time (entry_table_model.py).
        self.list_panel.set_search(self.filters.search_text())
        criterion = self.filters.chosen(self.filters.criterion)
        unit = self.filters.chosen(self.filters.unit)
        allowed: frozenset[str] | None = None
        if criterion or unit:
            report = self._controller.portfolio.coverage.report()
            allowed = frozenset(
                entry_id
                for c in report.criteria
                if (c.id == criterion if criterion else c.unit_id == unit)
                for entry_id in c.entries
            )
        self.proxy.set_allowed_ids(allowed)
        self.proxy.set_status(self.filters.chosen(self.filters.status))
        self.proxy.set_method(self.filters.chosen(self.filters.method))
        self.proxy.set_untagged_only(self.filters.untagged.isChecked())
        self.list_panel.select_entry(self.editor.entry_id)

    def _on_list_entry_selected(self, entry_id: str | None) -> None:
        if entry_id is not None:
            self.editor_panel.set_entry(entry_id)
            self.entry_opened.emit(entry_id)

    def _on_model_reset(self) -> None:
        self.list_panel.select_entry(self.editor.entry_id)

    def _on_controller_opened(self, _portfolio) -> None:
        self._deleted.clear()
        self._show_undo_banner()
        self._fill.fill_when_shown()

    def _fill_opened(self) -> None:
        """The list, the filters' units and criteria, and the first entry in the editor
        (unless a command opened one while the page was hidden)."""
        if not self._controller.is_open:
            return
        if self.model.stale:
            self.model.reload()
        self.filters.set_structure(self._controller.portfolio.coverage.report())
        self._apply_filters()
        first = self.proxy.index(0, 0)
        if first.isValid() and self.editor.entry_id is None:
            self.list_panel.select_entry(self.proxy.data(first, EntryIdRole))

    def _on_controller_closed(self) -> None:
        self._deleted.clear()
        self._show_undo_banner()
        self.filters.set_structure(None)

    def _on_controller_changed(self, changes: Changes) -> None:
        if self._fill.pending:
            return  # the fill when the page is shown reads what changed
        if changes.frameworks:
            self.filters.set_structure(self._controller.portfolio.coverage.report())
        needs_ids = (
            self.filters.search_text()
            or self.filters.chosen(self.filters.unit)
            or self.filters.chosen(self.filters.criterion)
        )
        if (changes.entries or changes.evidence) and needs_ids and not changes.entry_ids:
            self._apply_filters()  # the set of matching entries may have changed
