"""ObservationDialog: an assessor writes an observation record (issue 13 item 7): when and where
they observed the learner, what they saw, and the criteria it is evidence for. The service signs
it with the assessor's signing identity and refuses what is not a record (no criteria, nothing
seen, no place, a future date); the dialog stays open with the message, nothing is written."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from portfolio.domain.records import ObservationRec
from portfolio.errors import PortfolioError
from portfolio.ui.controller import PortfolioController
from portfolio.ui.errors import show_exception
from portfolio.ui.operations import WriteOp
from portfolio.ui.qt_dates import python_date

CRITERION_ROLE = Qt.ItemDataRole.UserRole + 1


class ObservationDialog(QDialog):
    recorded = Signal(object)  # the ObservationRec

    def __init__(
        self,
        controller: PortfolioController,
        parent: QWidget | None = None,
        *,
        preselect: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("observationDialog")
        self.setWindowTitle("Record an observation")
        self._controller = controller
        self.result_record: ObservationRec | None = None

        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setObjectName("observationDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("d MMMM yyyy")
        self.date_edit.setMaximumDate(QDate.currentDate())
        self.place_edit = QLineEdit()
        self.place_edit.setObjectName("observationPlace")
        self.place_edit.setPlaceholderText("e.g. Shop floor, Brightmart Riverside")
        self.seen_edit = QPlainTextEdit()
        self.seen_edit.setObjectName("observationSeen")
        self.seen_edit.setTabChangesFocus(True)
        self.seen_edit.setPlaceholderText("What you saw the learner do, in your own words")
        self.criteria = QListWidget()
        self.criteria.setObjectName("observationCriteria")
        self.criteria.setAccessibleName("Criteria this observation is evidence for")
        self.message = QLabel()
        self.message.setObjectName("observationMessage")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Record and sign")

        form = QFormLayout()
        for label, widget in (
            ("Date observed", self.date_edit),
            ("Where", self.place_edit),
            ("What was seen", self.seen_edit),
            ("Evidence for", self.criteria),
        ):
            widget.setAccessibleName(label)
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.record)
        self.buttons.rejected.connect(self.reject)
        self._fill_criteria(set(preselect))

    def chosen_criteria(self) -> list[str]:
        return [
            str(self.criteria.item(i).data(CRITERION_ROLE))
            for i in range(self.criteria.count())
            if self.criteria.item(i).checkState() == Qt.CheckState.Checked
        ]

    def record(self) -> None:
        """Ask the service to record (and sign) it; close when stored, else say why."""
        observed_on = python_date(self.date_edit.date())
        place, seen = self.place_edit.text(), self.seen_edit.toPlainText()
        criteria = self.chosen_criteria()
        WriteOp(
            self._controller,
            self,
            lambda pf: pf.reviewing.observe(
                observed_on=observed_on, place=place, seen=seen, criteria=criteria
            ),
        ).success(self._on_recorded).failure(self._on_refused, quiet=True).run(initiator=self)

    def _on_recorded(self, result: object) -> None:
        record = getattr(result, "value", None)
        if isinstance(record, ObservationRec):
            self.result_record = record
            self.recorded.emit(record)
        self.accept()

    def _on_refused(self, message: str) -> None:
        self.message.setText(message)
        self.message.setVisible(True)

    def _fill_criteria(self, preselect: set[str]) -> None:
        try:
            report = self._controller.portfolio.coverage.report()
        except PortfolioError as exc:
            show_exception(self, exc)
            return
        for c in report.criteria:
            item = QListWidgetItem(f"{c.number}  {c.text}")
            item.setData(CRITERION_ROLE, c.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = c.id in preselect
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.criteria.addItem(item)
