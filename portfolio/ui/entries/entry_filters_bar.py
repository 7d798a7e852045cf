"""The search box and filter controls above the entries list.

It only gathers what the learner chose; the Entries page asks the services which entries match.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from portfolio.domain.dto import CoverageReport
from portfolio.domain.enums import EntryStatus, EvidenceMethod
from portfolio.ui.theme import SPACING

SEARCH_DELAY_MS = 150
_CRITERION_TEXT = 70


class EntryFiltersBar(QWidget):
    search_changed = Signal(str)
    filters_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING // 2)
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search all entry text (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search entries")
        self.toggle = QToolButton(self)
        self.toggle.setObjectName("filtersToggle")
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setAccessibleName("Show filters")
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.toggle)
        layout.addLayout(search_row)

        self.panel = QWidget(self)
        self.panel.setObjectName("filtersPanel")
        grid = QGridLayout(self.panel)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(SPACING // 2)
        grid.setVerticalSpacing(SPACING // 2)
        layout.addWidget(self.panel)
        self.panel.hide()
        self.status = self._combo("statusFilter", "Filter by status", "Any status")
        for status in EntryStatus:
            self.status.addItem(status.label, status.value)
        self.method = self._combo("methodFilter", "Filter by evidence method", "Any method")
        for method in EvidenceMethod:
            self.method.addItem(method.label, method.value)
        self.unit = self._combo("unitFilter", "Filter by unit", "Any unit")
        self.criterion = self._combo("criterionFilter", "Filter by criterion", "Any criterion")
        self.untagged = QCheckBox("&Not tagged yet", self)
        self.untagged.setObjectName("untaggedFilter")
        self.untagged.setToolTip("Show only entries not yet linked to any criterion")
        self.clear_button = QPushButton("Clear filters", self)
        self.clear_button.setObjectName("clearFilters")
        for row, (label, widget) in enumerate((("St&atus", self.status), ("Met&hod", self.method))):
            grid.addWidget(self._label(label, widget), 0, row * 2)
            grid.addWidget(widget, 0, row * 2 + 1)
        for row, (label, widget) in enumerate(
            (("&Unit", self.unit), ("Cr&iterion", self.criterion))
        ):
            grid.addWidget(self._label(label, widget), 1, row * 2)
            grid.addWidget(widget, 1, row * 2 + 1)
        grid.addWidget(self.untagged, 2, 0, 1, 3)
        grid.addWidget(self.clear_button, 2, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        self._report: CoverageReport | None = None
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(lambda: self.search_changed.emit(self.search_text()))
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        for combo in (self.status, self.method, self.criterion):
            combo.currentIndexChanged.connect(lambda _: self.filters_changed.emit())
        self.unit.currentIndexChanged.connect(self._on_unit_current_index_changed)
        self.untagged.toggled.connect(lambda _: self.filters_changed.emit())
        self.clear_button.clicked.connect(self.clear)
        self.toggle.toggled.connect(self._on_toggle_toggled)
        self.filters_changed.connect(self._update_toggle)
        self._update_toggle()

    # -- reading the choices ------------------------------------------------------------

    def search_text(self) -> str:
        return self.search.text().strip()

    def chosen(self, combo: QComboBox) -> str | None:
        return combo.currentData() or None

    def set_structure(self, report: CoverageReport | None) -> None:
        """Fill the unit and criterion lists from the enrolled frameworks."""
        self._report = report
        self.unit.blockSignals(True)
        current = self.chosen(self.unit)
        del_items(self.unit)
        for unit in report.units if report else ():
            self.unit.addItem(unit.label, unit.id)
        self.unit.setCurrentIndex(max(0, self.unit.findData(current)) if current else 0)
        self.unit.blockSignals(False)
        self._fill_criteria()

    def clear(self) -> None:
        """Back to every entry (one filters_changed, one search_changed)."""
        widgets = (self.search, self.status, self.method, self.unit, self.criterion, self.untagged)
        for widget in widgets:
            widget.blockSignals(True)
        self.search.clear()
        for combo in (self.status, self.method, self.unit):
            combo.setCurrentIndex(0)
        self._fill_criteria()
        self.criterion.setCurrentIndex(0)
        self.untagged.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)
        self._search_timer.stop()
        self.search_changed.emit("")
        self.filters_changed.emit()

    def active_count(self) -> int:
        chosen = [self.chosen(c) for c in (self.status, self.method, self.unit, self.criterion)]
        return sum(1 for c in chosen if c) + int(self.untagged.isChecked())

    def show_filters(self, visible: bool = True) -> None:
        self.toggle.setChecked(visible)

    # -- internals ----------------------------------------------------------------------

    def _on_toggle_toggled(self, checked: bool) -> None:
        self.panel.setVisible(checked)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if checked else Qt.ArrowType.RightArrow)
        self.toggle.setAccessibleName("Hide filters" if checked else "Show filters")

    def _update_toggle(self) -> None:
        count = self.active_count()
        self.toggle.setText(f"&Filters ({count})" if count else "&Filters")

    def _combo(self, name: str, accessible: str, anything: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        combo.addItem(anything, None)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        return combo

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _fill_criteria(self) -> None:
        unit_id = self.chosen(self.unit)
        current = self.chosen(self.criterion)
        self.criterion.blockSignals(True)
        del_items(self.criterion)
        for criterion in self._report.criteria if self._report else ():
            if unit_id is None or criterion.unit_id == unit_id:
                text = criterion.text
                if len(text) > _CRITERION_TEXT:
                    text = text[: _CRITERION_TEXT - 1].rstrip() + "…"
                self.criterion.addItem(f"{criterion.number} {text}", criterion.id)
                self.criterion.setItemData(
                    self.criterion.count() - 1, criterion.text, Qt.ItemDataRole.ToolTipRole
                )
        index = self.criterion.findData(current) if current else 0
        self.criterion.setCurrentIndex(max(0, index))
        self.criterion.blockSignals(False)

    def _on_unit_current_index_changed(self, _index: int) -> None:
        self._fill_criteria()
        self.filters_changed.emit()


def del_items(combo: QComboBox) -> None:
    """Remove every item but the first ("Any ...")."""
    while combo.count() > 1:
        combo.removeItem(combo.count() - 1)
