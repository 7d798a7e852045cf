"""The training plan: dates, contracted hours and planned off-the-job hours.

"Propose" works out a figure from the provider's rule and shows it with how it was reached; it
goes into the planned hours only when the learner presses "Use this figure" (never silently).
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from portfolio.domain import otj
from portfolio.ui.qt_dates import python_date
from portfolio.ui.theme import SPACING


def _date_edit(parent: QWidget, name: str, value: date) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setDate(QDate(value.year, value.month, value.day))
    return edit


class PlanDialog(QDialog):
    def __init__(self, plan: otj.OtjPlan | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("otjPlanDialog")
        self.setWindowTitle("Training plan")
        start = plan.start if plan else date.today()
        end = plan.end if plan else date.today() + timedelta(days=365)
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        intro = QLabel(
            "Copy these from your training plan (commitment statement). The planned off-the-job "
            "hours are your provider's figure; Propose only suggests one from a rule.",
            self,
        )
        intro.setWordWrap(True)
        intro.setObjectName("muted")
        layout.addWidget(intro)
        form = QFormLayout()
        self.start = _date_edit(self, "planStart", start)
        self.start.setAccessibleName("Plan start date")
        self.end = _date_edit(self, "planEnd", end)
        self.end.setAccessibleName("Plan end date")
        self.weekly_hours = QDoubleSpinBox(self)
        self.weekly_hours.setObjectName("weeklyHours")
        self.weekly_hours.setRange(0, otj.MAX_WEEKLY_HOURS)
        self.weekly_hours.setDecimals(1)
        self.weekly_hours.setValue(plan.weekly_hours if plan else 30.0)
        self.weekly_hours.setAccessibleName("Contracted hours a week")
        self.planned_hours = QDoubleSpinBox(self)
        self.planned_hours.setObjectName("plannedHours")
        self.planned_hours.setRange(0, 100_000)
        self.planned_hours.setDecimals(0)
        self.planned_hours.setValue(plan.planned_hours if plan else 0)
        self.planned_hours.setAccessibleName("Planned off-the-job hours")
        form.addRow("&Start:", self.start)
        form.addRow("&End:", self.end)
        form.addRow("&Contracted hours a week:", self.weekly_hours)
        form.addRow("&Planned off-the-job hours:", self.planned_hours)
        layout.addLayout(form)

        proposal_row = QHBoxLayout()
        self.rule = QComboBox(self)
        self.rule.setObjectName("planningRule")
        self.rule.setAccessibleName("Provider's rule")
        for rule in otj.PlanningRule:
            self.rule.addItem(otj.RULE_LABELS[rule], rule.value)
        self.propose_button = QPushButton("P&ropose", self)
        self.propose_button.setObjectName("proposeHours")
        proposal_row.addWidget(self.rule, 1)
        proposal_row.addWidget(self.propose_button)
        layout.addLayout(proposal_row)
        self.proposal = QLabel(self)
        self.proposal.setObjectName("planProposal")
        self.proposal.setWordWrap(True)
        self.use_proposal = QPushButton("&Use this figure", self)
        self.use_proposal.setObjectName("useProposal")
        self.use_proposal.setVisible(False)
        layout.addWidget(self.proposal)
        layout.addWidget(self.use_proposal)
        self.problems = QLabel(self)
        self.problems.setObjectName("planProblems")
        self.problems.setWordWrap(True)
        layout.addWidget(self.problems)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout.addWidget(self.buttons)
        self._proposed = 0.0
        self.propose_button.clicked.connect(self._on_propose_button_clicked)
        self.use_proposal.clicked.connect(self._on_use_proposal_clicked)
        self.buttons.accepted.connect(self._on_accepted)
        self.buttons.rejected.connect(self.reject)

    def plan(self) -> otj.OtjPlan:
        return otj.OtjPlan(
            python_date(self.start.date()),
            python_date(self.end.date()),
            self.weekly_hours.value(),
            self.planned_hours.value(),
        )

    def _on_propose_button_clicked(self) -> None:
        plan = self.plan()
        rule = otj.PlanningRule(self.rule.currentData())
        if plan.end <= plan.start or plan.weekly_hours <= 0:
            self.proposal.setText("Give the plan's dates and contracted hours first.")
            self.use_proposal.setVisible(False)
            return
        self._proposed = otj.propose_planned_hours(plan.start, plan.end, plan.weekly_hours, rule)
        weeks = otj.working_weeks(plan.start, plan.end)
        self.proposal.setText(
            f"{otj.RULE_LABELS[rule]} over {weeks:.1f} working weeks (statutory leave taken "
            f"off) comes to {self._proposed:g} hours. Check it against your training plan."
        )
        self.use_proposal.setVisible(True)

    def _on_use_proposal_clicked(self) -> None:
        self.planned_hours.setValue(self._proposed)

    def _on_accepted(self) -> None:
        problems = otj.check_plan(self.plan())
        if problems:
            self.problems.setText(" ".join(problems))
            return
        self.accept()
