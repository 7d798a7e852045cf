"""The Progress page: how the portfolio has grown, month by month, for the last year.

Entries written per month, and for each unit the criteria with ready evidence and the criteria
judged met, out of all the unit's criteria: what a learner (and their tutor) would rather see
than read.
"""

from __future__ import annotations

from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from portfolio.domain.changes import Changes
from portfolio.ui.charts.charts import entries_per_month_chart, unit_progress_chart
from portfolio.ui.controller import PortfolioController
from portfolio.ui.theme import SPACING
from portfolio.ui.widgets.fill_on_show import FillOnShow

CHART_HEIGHT = 240


class ProgressPage(QWidget):
    def __init__(self, controller: PortfolioController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        title = QLabel("Progress over time", self)
        title.setObjectName("pageTitle")
        intro = QLabel(
            "The last twelve months: entries written, and each unit's criteria evidenced by an "
            "entry marked ready and judged met by the assessor.",
            self,
        )
        intro.setObjectName("muted")
        intro.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(intro)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.body = QWidget(self.scroll_area)
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        self.scroll_area.setWidget(self.body)
        layout.addWidget(self.scroll_area, 1)
        self.charts: list[QChartView] = []
        self._fill = FillOnShow(self, self.reload)
        controller.opened.connect(lambda _: self._fill.fill_when_shown())
        controller.closed.connect(self.reload)
        controller.changed.connect(self._on_controller_changed)
        self.reload()

    def reload(self) -> None:
        for view in self.charts:
            view.setParent(None)
            view.deleteLater()
        self.charts = []
        if not self._controller.is_open:
            return
        history = self._controller.portfolio.history.history()
        self._add(entries_per_month_chart(history), "entriesPerMonthChart")
        for unit in history.units:
            self._add(unit_progress_chart(unit, history.months), f"unitChart_{unit.unit_id}")

    def _add(self, chart: QChart, name: str) -> None:
        view = QChartView(chart, self.body)
        view.setObjectName(name)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumHeight(CHART_HEIGHT)
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.body_layout.addWidget(view)
        self.charts.append(view)

    def _on_controller_changed(self, changes: Changes) -> None:
        if changes.coverage and not self._fill.pending:
            self.reload()
