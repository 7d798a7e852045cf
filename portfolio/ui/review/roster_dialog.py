"""RosterDialog: the centre roster in the app (Tools > Centre roster…, issue 13).

Two jobs in one place. Anyone with a portfolio open sees the roster kept in it (the reviewers
whose signed decisions count as verified) and can import the file the centre handed out. The
centre's lead IQA makes that file here: the centre's name and each reviewer's name, role and key
fingerprint (each reviewer reads theirs with ``portfolio roster key`` or from a decision they
signed), saved as a roster file. The rules (what a valid roster is) live in review.roster; this
dialog only collects the rows and shows the one message a refusal gives.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from portfolio.errors import PortfolioError
from portfolio.review import roster
from portfolio.services import roster as roster_service
from portfolio.ui.controller import PortfolioController
from portfolio.ui.errors import show_exception
from portfolio.ui.operations import WriteOp

COLUMNS = ("Name", "Role (tutor, assessor or iqa)", "Key fingerprint")


class RosterDialog(QDialog):
    def __init__(self, controller: PortfolioController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Centre roster")
        self.setObjectName("rosterDialog")
        self._controller = controller
        layout = QVBoxLayout(self)

        kept = QGroupBox("The roster in this portfolio", self)
        kept_layout = QVBoxLayout(kept)
        self.kept_label = QLabel(kept)
        self.kept_label.setWordWrap(True)
        self.kept_table = self._table(kept, editable=False)
        self.import_button = QPushButton("&Import a roster file…", kept)
        self.import_button.setObjectName("importRoster")
        self.import_button.clicked.connect(self.choose_and_import)
        kept_layout.addWidget(self.kept_label)
        kept_layout.addWidget(self.kept_table)
        kept_layout.addWidget(self.import_button)
        layout.addWidget(kept)

        make = QGroupBox("Make the centre's roster (lead IQA)", self)
        form = QFormLayout(make)
        self.centre_edit = QLineEdit(make)
        self.centre_edit.setObjectName("rosterCentre")
        form.addRow("&Centre:", self.centre_edit)
        self.members = self._table(make, editable=True)
        self.members.setObjectName("rosterMembers")
        form.addRow(self.members)
        row_buttons = QHBoxLayout()
        self.add_button = QPushButton("&Add a reviewer", make)
        self.remove_button = QPushButton("&Remove the selected reviewer", make)
        self.save_button = QPushButton("&Save the roster as…", make)
        self.save_button.setObjectName("saveRoster")
        for button in (self.add_button, self.remove_button, self.save_button):
            row_buttons.addWidget(button)
        form.addRow(row_buttons)
        self.add_button.clicked.connect(self.add_member)
        self.remove_button.clicked.connect(self._remove_member)
        self.save_button.clicked.connect(self.choose_and_save)
        layout.addWidget(make)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.refresh()

    # -- the roster kept in the portfolio ------------------------------------------------

    def refresh(self) -> None:
        current = (
            roster_service.current(self._controller.portfolio.storage)
            if self._controller.is_open
            else None
        )
        self.import_button.setEnabled(
            self._controller.is_open and not self._controller.portfolio.read_only
        )
        self.kept_table.setRowCount(0)
        if not self._controller.is_open:
            self.kept_label.setText("Open a portfolio to see or import its roster.")
            return
        if current is None:
            self.kept_label.setText(
                "No roster yet: signed decisions show as signed, but not as on the centre's "
                "roster. Import the file your centre gave you."
            )
            return
        self.kept_label.setText(
            f"{current.centre or 'The centre'}: {len(current.members)} reviewer(s). Decisions "
            "signed with a key not listed here show as “unverified signer”."
        )
        for member in current.members:
            self._append(self.kept_table, (member.name, member.role, member.key))

    def import_file(self, path: Path) -> None:
        """Keep the roster file ``path`` in the open portfolio (replacing an older one)."""
        WriteOp(
            self._controller,
            self,
            lambda pf: roster_service.import_roster(pf.storage, path, actor=pf.actor)[1],
        ).success(lambda _changes: self.refresh()).run(initiator=self)

    def choose_and_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Import a roster", "", "Roster files (*.json);;All files (*)"
        )
        if name:
            self.import_file(Path(name))

    # -- making one ------------------------------------------------------------------------

    def add_member(self, name: str = "", role: str = "", key: str = "") -> None:
        self._append(self.members, (name, role, key))
        self.members.setCurrentCell(self.members.rowCount() - 1, 0)

    def made_roster(self) -> roster.Roster:
        """The roster the rows describe; InvalidInputError names the first problem."""
        rows = [
            {
                "name": self._cell(self.members, r, 0),
                "role": self._cell(self.members, r, 1).lower(),
                "key": self._cell(self.members, r, 2).lower(),
            }
            for r in range(self.members.rowCount())
        ]
        document = {
            "format": roster.FORMAT,
            "version": 1,
            "centre": self.centre_edit.text().strip(),
            "reviewers": rows,
        }
        return roster.parse(json.dumps(document))

    def save(self, out: Path) -> Path | None:
        """Write the roster file; a problem is shown once and nothing is written."""
        try:
            return roster_service.write_roster(self.made_roster(), out)
        except PortfolioError as exc:
            show_exception(self, exc)
        except OSError as exc:
            show_exception(self, PortfolioError(f"Could not write {out.name}: {exc.strerror}."))
        return None

    def choose_and_save(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Save the roster", "centre-roster.json", "Roster files (*.json)"
        )
        if name:
            self.save(Path(name))

    # -- internals -------------------------------------------------------------------------

    def _remove_member(self) -> None:
        row = self.members.currentRow()
        if row >= 0:
            self.members.removeRow(row)

    @staticmethod
    def _table(parent: QWidget, *, editable: bool) -> QTableWidget:
        table = QTableWidget(0, len(COLUMNS), parent)
        table.setHorizontalHeaderLabels(COLUMNS)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setVisible(False)
        if not editable:
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside it
        return table

    @staticmethod
    def _append(table: QTableWidget, values: tuple[str, str, str]) -> None:
        row = table.rowCount()
        table.insertRow(row)
        for column, value in enumerate(values):
            table.setItem(row, column, QTableWidgetItem(value))

    @staticmethod
    def _cell(table: QTableWidget, row: int, column: int) -> str:
        item = table.item(row, column)
        return item.text().strip() if item is not None else ""
