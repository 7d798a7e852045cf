"""The entry's details above the STAR sections: title, date, method, hours, status, witness."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from portfolio.domain.dto import EntryDetail, Witness
from portfolio.domain.enums import EntryStatus, EvidenceMethod
from portfolio.ui.theme import SPACING
from portfolio.ui.widgets.date_field import DateField

MAX_TITLE = 300


class EntryDetailsForm(QWidget):
    field_edited = Signal(str)  # "title" | "event_date" | "method" | "hours" | "status" | "witness"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setSpacing(SPACING // 2)
        layout.addLayout(form)

        self.title = QLineEdit(self)
        self.title.setObjectName("title")
        self.title.setMaxLength(MAX_TITLE)
        self.title.setPlaceholderText("A short name for this piece of evidence")
        self.title.setAccessibleName("Title")
        self.event_date = DateField(self)  # typed as people type dates; Tab moves on
        self.event_date.setObjectName("eventDate")
        self.event_date.setAccessibleName("Date of the event")
        self.method = QComboBox(self)
        self.method.setObjectName("method")
        self.method.setAccessibleName("Evidence method")
        for method in EvidenceMethod:
            self.method.addItem(method.label, method.value)
        self.hours = QDoubleSpinBox(self)
        self.hours.setObjectName("hours")
        self.hours.setRange(0.0, 1000.0)
        self.hours.setSingleStep(0.25)
        self.hours.setDecimals(2)
        self.hours.setSuffix(" hours")
        self.hours.setSpecialValueText(" ")  # no hours yet reads as an empty box, not 0.00
        self.hours.setAccessibleName("Hours spent")
        self.status = QComboBox(self)
        self.status.setObjectName("status")
        self.status.setAccessibleName("Status")
        for status in EntryStatus:
            self.status.addItem(status.label, status.value)

        for label, widget in (
            ("&Title", self.title),
            ("&Date of the event", self.event_date),
            ("Evidence &method", self.method),
            ("H&ours", self.hours),
            ("&Status", self.status),
        ):
            form.addRow(label, widget)

        self.witness_box = QGroupBox("Witness", self)
        self.witness_box.setObjectName("witnessBox")
        witness_layout = QFormLayout(self.witness_box)
        note = QLabel(
            "The person who saw you do this and will confirm it. Their details appear only in "
            "your portfolio.",
            self.witness_box,
        )
        note.setObjectName("hint")
        note.setWordWrap(True)
        witness_layout.addRow(note)
        self.witness_name = QLineEdit(self.witness_box)
        self.witness_job = QLineEdit(self.witness_box)
        self.witness_relationship = QLineEdit(self.witness_box)
        self.witness_relationship.setPlaceholderText("For example: my line manager")
        for label, widget, name in (
            ("&Name", self.witness_name, "witnessName"),
            ("&Job title", self.witness_job, "witnessJobTitle"),
            ("&Relationship to you", self.witness_relationship, "witnessRelationship"),
        ):
            widget.setObjectName(name)
            widget.setAccessibleName(f"Witness {label.replace('&', '').lower()}")
            widget.setMaxLength(200)
            witness_layout.addRow(label, widget)
        layout.addWidget(self.witness_box)

        self.title.textEdited.connect(lambda _: self._edited("title"))
        self.event_date.date_changed.connect(lambda _: self._edited("event_date"))
        self.method.currentIndexChanged.connect(self._on_method_current_index_changed)
        self.hours.valueChanged.connect(lambda _: self._edited("hours"))
        self.status.currentIndexChanged.connect(lambda _: self._edited("status"))
        for edit in (self.witness_name, self.witness_job, self.witness_relationship):
            edit.textEdited.connect(lambda _: self._edited("witness"))
        self._show_witness()

    # -- loading and reading ------------------------------------------------------------

    def load(self, entry: EntryDetail) -> None:
        self._loading = True
        try:
            self.title.setText(entry.title)
            self.title.setCursorPosition(0)  # show the start of a long title
            self.event_date.set_date(entry.event_date)
            self.method.setCurrentIndex(max(0, self.method.findData(entry.method)))
            self.hours.setValue(entry.hours)
            self.status.setCurrentIndex(max(0, self.status.findData(entry.status)))
            self.witness_name.setText(entry.witness.name)
            self.witness_job.setText(entry.witness.job_title)
            self.witness_relationship.setText(entry.witness.relationship)
        finally:
            self._loading = False
        self._show_witness()

    def value(self, field: str) -> object:
        """The value of one field, as the entries service takes it."""
        if field == "title":
            return self.title.text()
        if field == "event_date":
            return self.event_date.date()
        if field == "method":
            return self.method.currentData()
        if field == "hours":
            return float(self.hours.value())
        if field == "status":
            return self.status.currentData()
        if field == "witness":
            return Witness(
                self.witness_name.text(),
                self.witness_job.text(),
                self.witness_relationship.text(),
            )
        raise KeyError(field)

    # -- slots ----------------------------------------------------------------------------

    def _edited(self, field: str) -> None:
        if not self._loading:
            self.field_edited.emit(field)

    def _on_method_current_index_changed(self, _index: int) -> None:
        self._show_witness()
        self._edited("method")

    def _show_witness(self) -> None:
        is_witness = self.method.currentData() == EvidenceMethod.WITNESS_TESTIMONY.value
        self.witness_box.setVisible(is_witness)
