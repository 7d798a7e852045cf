"""The Off-the-job page: the apprentice's training log, the plan, and progress against it.

At the top, where the learner stands (hours logged against the plan's line, on track or
behind, drawn as a chart beside hours by category); below, a form to log an activity or an
entry in one step, and the log itself, newest first.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCharts import QBarCategoryAxis, QChartView
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from portfolio.domain.changes import Changes
from portfolio.domain.otj import MAX_ACTIVITY_HOURS, OtjSummary
from portfolio.services.portfolio import Portfolio
from portfolio.ui.charts.charts import NOTHING_LOGGED, otj_category_chart, otj_progress_chart
from portfolio.ui.controller import PortfolioController
from portfolio.ui.errors import show_error
from portfolio.ui.operations import WriteOp
from portfolio.ui.otj.entry_choice_model import EntryChoiceModel
from portfolio.ui.otj.otj_table_model import ActivityIdRole, OtjTableModel
from portfolio.ui.otj.plan_dialog import PlanDialog
from portfolio.ui.qt_dates import python_date
from portfolio.ui.theme import SPACING
from portfolio.ui.widgets.fill_on_show import FillOnShow
from portfolio.ui.widgets.stacking_row import StackingRow
from portfolio.ui.widgets.wrapped_label import keep_lines

AXIS_SHARE = 0.4  # Qt Charts cuts an axis's labels to this share of the chart's width


def _chart_view(parent: QWidget, name: str) -> QChartView:
    view = QChartView(parent)
    view.setObjectName(name)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(230)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a picture: Tab goes past it
    return view


class OtjPage(QWidget):
    def __init__(self, controller: PortfolioController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        # Wrapped (and the form's date, hours and category row stacks): beside the review
        # queue at 200 % the page is about 330 pixels wide, and it scrolled sideways.
        title = keep_lines(QLabel("Off-the-job training", self))
        title.setObjectName("pageTitle")
        header = QHBoxLayout()
        header.addWidget(title, 1)
        self.plan_button = QPushButton("Training &plan…", self)
        self.plan_button.setObjectName("otjPlanButton")
        header.addWidget(self.plan_button)
        layout.addLayout(header)
        self.summary = QLabel(self)
        self.summary.setObjectName("otjSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        self.charts = charts = StackingRow(self._charts_side_by_side_width, splitter)
        charts.setObjectName("otjCharts")
        self.progress_chart = _chart_view(charts, "otjProgressChart")
        self.category_chart = _chart_view(charts, "otjCategoryChart")
        charts.add(self.progress_chart, 1)
        charts.add(self.category_chart, 1)

        lower = QWidget(splitter)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self._build_form(lower))
        self.table = QTableView(lower)
        self.table.setObjectName("otjTable")
        self.table.setAccessibleName("Off-the-job log")
        self.model = OtjTableModel(self.table)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        lower_layout.addWidget(self.table, 1)
        remove_row = QHBoxLayout()
        remove_row.addStretch(1)
        self.remove_button = QPushButton("&Remove from the log", lower)
        self.remove_button.setObjectName("otjRemove")
        remove_row.addWidget(self.remove_button)
        lower_layout.addLayout(remove_row)
        splitter.addWidget(charts)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)

        self.plan_button.clicked.connect(self.edit_plan)
        self.add_button.clicked.connect(self.add_activity)
        self.log_entry_button.clicked.connect(self.log_entry)
        self.remove_button.clicked.connect(self.remove_selected)
        self._fill = FillOnShow(self, self.reload)
        controller.opened.connect(lambda _: self._fill.fill_when_shown())
        controller.closed.connect(self.reload)
        controller.changed.connect(self._on_controller_changed)
        self.reload()

    def _build_form(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox("Log an activity", parent)
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.day = QDateEdit(box)
        self.day.setObjectName("otjDate")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setDate(QDate.currentDate())
        self.day.setAccessibleName("Date of the activity")
        self.hours = QDoubleSpinBox(box)
        self.hours.setObjectName("otjHours")
        self.hours.setRange(0, MAX_ACTIVITY_HOURS)
        self.hours.setDecimals(2)
        self.hours.setSingleStep(0.5)
        self.hours.setAccessibleName("Hours")
        self.category = QComboBox(box)
        self.category.setObjectName("otjCategory")
        self.category.setAccessibleName("Category")
        # One row on a wide page; stacked beside the review queue at 200 %, where it made the
        # page scroll sideways.
        parts = (self.day, _label("&Hours:", box, self.hours), self.hours, self.category)
        row = StackingRow(lambda: _side_by_side(parts), box)
        row.setObjectName("otjWhenRow")
        for part in parts:
            row.add(part, 1 if part is self.category else 0)
        form.addRow(_label("&Date:", box, self.day), row)
        self.description = QLineEdit(box)
        self.description.setObjectName("otjDescription")
        self.description.setPlaceholderText("What you did and learned, e.g. 'Product training'")
        self.description.setAccessibleName("Description")
        self.add_button = QPushButton("&Add to the log", box)
        self.add_button.setObjectName("otjAdd")
        add_row = QHBoxLayout()
        add_row.addWidget(self.description, 1)
        add_row.addWidget(self.add_button)
        form.addRow(_label("Desc&ription:", box, self.description), add_row)
        self.entry = QComboBox(box)
        self.entry_choices = EntryChoiceModel(self.entry)
        self.entry.setModel(self.entry_choices)
        self.entry.setObjectName("otjEntry")
        self.entry.setAccessibleName("Entry to log as off-the-job training")
        self.log_entry_button = QPushButton("Log &entry", box)
        self.log_entry_button.setObjectName("otjLogEntry")
        entry_row = QHBoxLayout()
        entry_row.addWidget(self.entry, 1)
        entry_row.addWidget(self.log_entry_button)
        form.addRow(_label("Or an en&try:", box, self.entry), entry_row)
        return box

    def _charts_side_by_side_width(self) -> int:
        """The width the two charts need side by side (half each) with no label cut: six date
        labels a tick apart plus the hours axis; the longest category name beside its bar, in
        at most the share of the chart Qt Charts gives an axis."""
        metrics = self.progress_chart.fontMetrics()
        date = max(metrics.horizontalAdvance(text) for text in ("30 Sep", "Sep 26"))
        progress = 7 * (date + SPACING)  # five gaps, the hours axis, the last label's half
        axes = self.category_chart.chart().axes(Qt.Orientation.Vertical)
        names = [
            n for axis in axes if isinstance(axis, QBarCategoryAxis) for n in axis.categories()
        ]
        longest = max(metrics.horizontalAdvance(n) for n in [*names, NOTHING_LOGGED])
        category = max(longest / AXIS_SHARE, longest + 3 * (date + SPACING)) + 2 * SPACING
        return 2 * int(max(progress, category)) + SPACING

    # -- filling ------------------------------------------------------------------------

    def reload(self) -> None:
        c = self._controller
        writable = c.can_edit_learner_text
        for widget in (self.add_button, self.log_entry_button, self.remove_button,
                       self.plan_button):  # fmt: skip
            widget.setEnabled(writable)
        if not c.is_open:
            self.model.set_activities([], {})
            self.summary.clear()
            return
        otj = c.portfolio.otj
        categories = otj.categories()
        labels = {cat.key: cat.label for cat in categories}
        current = self.category.currentData()
        self.category.clear()
        for cat in categories:
            self.category.addItem(cat.label, cat.key)
        if current:
            self.category.setCurrentIndex(max(0, self.category.findData(current)))
        self.entry_choices.set_choices(
            (entry.id, f"{entry.ref}  {entry.title}")
            for entry in c.portfolio.entries.list()
            if entry.event_date is not None
        )
        today = date.today()
        plan = otj.plan()
        summary = otj.summary(today=today)
        self.model.set_activities(otj.activities(), labels)
        self.summary.setText(self._summary_text(summary))
        self.progress_chart.setChart(otj_progress_chart(summary, plan, today))
        self.category_chart.setChart(otj_category_chart(summary.by_category, labels))
        self.charts.relayout()  # the category names it needs room for may have changed

    @staticmethod
    def _summary_text(summary: OtjSummary) -> str:
        if not summary.has_plan:
            return (
                f"{summary.logged_hours:g} hours logged. Add your training plan to see whether "
                "you are on track."
            )
        state = (
            "You are on track."
            if summary.on_track
            else f"You are {summary.behind_by:g} hours behind the plan."
        )
        return (
            f"{summary.logged_hours:g} of {summary.planned_hours:g} planned hours logged; "
            f"{summary.expected_to_date:g} expected by today. {state}"
        )

    def _on_controller_changed(self, changes: Changes) -> None:
        if (changes.otj or changes.entries) and not self._fill.pending:
            self.reload()

    # -- writing ------------------------------------------------------------------------

    def _write(
        self, op: Callable[[Portfolio], Any], then: Callable[[Any], None] | None = None
    ) -> None:
        """One write through WriteOp (errors shown once, Changes announced by the helper)."""
        write = WriteOp(self._controller, self, op)
        if then is not None:
            write.success(then)
        write.run(initiator=self)

    def add_activity(self) -> None:
        day, hours = python_date(self.day.date()), self.hours.value()
        category, description = self.category.currentData() or "", self.description.text()

        def stored(_result: object) -> None:
            self.description.clear()
            self.hours.setValue(0)

        self._write(
            lambda pf: pf.otj.add(day=day, hours=hours, category=category, description=description),
            stored,
        )

    def log_entry(self) -> None:
        entry_id = self.entry.currentData()
        if not entry_id:
            show_error(self, "Choose an entry with a date to log it.")
            return
        category = self.category.currentData() or ""
        self._write(lambda pf: pf.otj.log_entry(entry_id, category=category))

    def remove_selected(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            show_error(self, "Choose an activity in the log to remove.")
            return
        activity_id = index.data(ActivityIdRole)
        self._write(lambda pf: pf.otj.remove(activity_id))

    def edit_plan(self) -> PlanDialog:
        dialog = PlanDialog(self._controller.portfolio.otj.plan(), self)
        dialog.accepted.connect(lambda: self._save_plan(dialog))
        dialog.open()
        return dialog

    def _save_plan(self, dialog: PlanDialog) -> None:
        plan = dialog.plan()
        self._write(
            lambda pf: pf.otj.set_plan(
                start=plan.start,
                end=plan.end,
                weekly_hours=plan.weekly_hours,
                planned_hours=plan.planned_hours,
            )
        )


def _side_by_side(widgets: tuple[QWidget, ...]) -> int:
    """The width ``widgets`` take in a row at their size hints."""
    return sum(w.sizeHint().width() for w in widgets) + SPACING * (len(widgets) - 1)


def _label(text: str, parent: QWidget, buddy: QWidget) -> QLabel:
    """A label whose mnemonic (the & letter) moves focus to ``buddy``."""
    label = QLabel(text, parent)
    label.setBuddy(buddy)
    return label
