"""The Bin: deleted entries, kept with their tags and attachments until the learner empties it.

Nothing else removes them: not closing the app, not a crash. "Restore" brings the chosen
entries back; "Empty bin" asks once, then removes the chosen entries (or all) for good.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from portfolio.domain.changes import Changes, combined
from portfolio.services.portfolio import Portfolio
from portfolio.ui.controller import PortfolioController
from portfolio.ui.operations import WriteOp
from portfolio.ui.theme import SPACING

_IdRole = Qt.ItemDataRole.UserRole


class BinDialog(QDialog):
    def __init__(self, controller: PortfolioController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.setObjectName("binDialog")
        self.setWindowTitle("Bin")
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        intro = QLabel(
            "Deleted entries stay here, with their criteria and documents, until you empty the "
            "bin. Restore brings an entry back as it was.",
            self,
        )
        intro.setWordWrap(True)
        intro.setObjectName("muted")
        layout.addWidget(intro)
        self.table = QTreeWidget(self)
        self.table.setObjectName("binTable")
        self.table.setAccessibleName("Entries in the bin")
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels(["Ref", "Title", "Criteria", "Deleted"])
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.empty_state = QLabel("The bin is empty.", self)
        self.empty_state.setObjectName("emptyState")
        layout.addWidget(self.empty_state)
        row = QHBoxLayout()
        self.restore_button = QPushButton("&Restore", self)
        self.restore_button.setObjectName("restoreFromBin")
        self.empty_button = QPushButton("&Empty bin…", self)
        self.empty_button.setObjectName("emptyBin")
        row.addWidget(self.restore_button)
        row.addStretch(1)
        row.addWidget(self.empty_button)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.restore_button.clicked.connect(self.restore_selected)
        self.empty_button.clicked.connect(self.empty_bin)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.resize(640, 380)
        self.reload()

    def reload(self) -> None:
        self.table.clear()
        entries = self._controller.portfolio.entries.list(binned=True)
        for entry in entries:
            deleted = entry.deleted_at.strftime("%d %b %Y %H:%M") if entry.deleted_at else ""
            item = QTreeWidgetItem(
                [entry.ref, entry.title or "(untitled)", str(entry.criteria_count), deleted]
            )
            item.setData(0, _IdRole, entry.id)
            self.table.addTopLevelItem(item)
        self.empty_state.setVisible(not entries)
        self.table.setVisible(bool(entries))
        first = self.table.topLevelItem(0)
        if entries and first is not None:
            self.table.setCurrentItem(first)
        self._update_buttons()

    def selected_ids(self) -> list[str]:
        return [item.data(0, _IdRole) for item in self.table.selectedItems()]

    def _update_buttons(self) -> None:
        writable = self._controller.can_edit_learner_text
        self.restore_button.setEnabled(writable and bool(self.selected_ids()))
        self.empty_button.setEnabled(writable and self.table.topLevelItemCount() > 0)

    def restore_selected(self) -> None:
        ids = self.selected_ids()

        def restore(pf: Portfolio) -> Changes:
            return combined(pf.entries.restore(entry_id) for entry_id in ids)

        WriteOp(self._controller, self, restore).success(self._after).failure(self._after).run(
            initiator=self
        )

    def empty_bin(self) -> None:
        ids = self.selected_ids()
        count = self.table.topLevelItemCount()
        everything = not ids or len(ids) == count
        what = f"all {count} entries" if everything else f"the {len(ids)} chosen entries"
        answer = QMessageBox.question(
            self,
            "Empty bin",
            f"Remove {what} in the bin for good, with their criteria and documents? "
            "This cannot be undone.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        chosen = None if everything else ids
        WriteOp(self._controller, self, lambda pf: pf.entries.empty_bin(chosen)).success(
            self._after
        ).failure(self._after).run(initiator=self)

    def _after(self, _result: object) -> None:
        self.reload()
