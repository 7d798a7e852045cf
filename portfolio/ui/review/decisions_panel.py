"""DecisionsPanel: assessment decisions for the unit or criterion chosen on the Qualification page.

Everyone sees the decisions in force: a criterion's latest judgement (met / not yet met, the
reason, who and when) and a unit's sign-off, including "evidence changed since sign-off" when
the learner edited that evidence afterwards. A reviewer can also judge the criterion (with a
reason) and sign off the unit, as the name and role given when the review started. The rules
(who may judge, what a sign-off covers) live in the reviewing service; this panel only asks.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from portfolio.domain.changes import Changes, Written
from portfolio.domain.enums import Judgement
from portfolio.domain.review import JudgementRecord, SignOffStatus, role_label
from portfolio.errors import PortfolioError
from portfolio.services.portfolio import Portfolio
from portfolio.ui.controller import PortfolioController
from portfolio.ui.operations import WriteOp
from portfolio.ui.theme import SPACING

R = TypeVar("R", bound=Written[Any])

UNIT, CRITERION = "unit", "criterion"


def _day(value: date | datetime | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def signoff_text(status: SignOffStatus) -> str:
    """A unit's sign-off in one plain sentence (HTML)."""
    if not status.signed:
        return "<b>Not signed off yet.</b>"
    who = f"{html.escape(status.reviewer_name)} ({role_label(status.reviewer_role)})"
    when = _day(status.signed_at)
    if status.evidence_changed:
        return (
            f"<b>Evidence changed since sign-off.</b> Signed off by {who} on {when}; the "
            "learner has changed the evidence for this unit since then, so it needs signing "
            "off again."
        )
    return f"<b>Signed off</b> by {who} on {when}."


def judgement_text(record: JudgementRecord | None) -> str:
    if record is None:
        return "<b>Not judged yet.</b>"
    try:
        label = Judgement(record.judgement).label
    except ValueError:
        label = record.judgement
    who = f"{html.escape(record.reviewer_name)} ({role_label(record.reviewer_role)})"
    return (
        f"<b>{label}</b>, judged by {who} on {_day(record.created_at)}:<br>"
        f"“{html.escape(record.reason)}”"
    )


class DecisionsPanel(QWidget):
    def __init__(self, controller: PortfolioController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("decisionsPanel")
        self._controller = controller
        self._kind: str | None = None
        self._item_id: str | None = None

        self.title = QLabel("Assessment decisions", self)
        self.title.setObjectName("sectionTitle")
        self.status_label = QLabel(self)
        self.status_label.setObjectName("decisionStatus")
        self.status_label.setWordWrap(True)

        self.met_radio = QRadioButton("&Met", self)
        self.met_radio.setObjectName("judgeMet")
        self.not_yet_radio = QRadioButton("&Not yet met", self)
        self.not_yet_radio.setObjectName("judgeNotYet")
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.met_radio)
        self.choice.addButton(self.not_yet_radio)
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setObjectName("judgeReason")
        self.reason_edit.setAccessibleName("Reason for the judgement")
        self.reason_edit.setPlaceholderText(
            "Why: which evidence shows it, or what is still missing (the learner reads this)."
        )
        self.reason_edit.setFixedHeight(70)
        self.judge_button = QPushButton("Record judgement", self)
        self.judge_button.setObjectName("judgeButton")
        self.signoff_note = QLabel(self)
        self.signoff_note.setObjectName("muted")
        self.signoff_note.setWordWrap(True)
        self.signoff_button = QPushButton("Sign off this unit", self)
        self.signoff_button.setObjectName("signOffButton")

        self.judge_box = QWidget(self)
        judge_layout = QVBoxLayout(self.judge_box)
        judge_layout.setContentsMargins(0, 0, 0, 0)
        radios = QHBoxLayout()
        radios.addWidget(self.met_radio)
        radios.addWidget(self.not_yet_radio)
        radios.addStretch(1)
        radios.addWidget(self.judge_button)
        judge_layout.addLayout(radios)
        judge_layout.addWidget(self.reason_edit)
        self.signoff_box = QWidget(self)
        signoff_layout = QHBoxLayout(self.signoff_box)
        signoff_layout.setContentsMargins(0, 0, 0, 0)
        signoff_layout.addWidget(self.signoff_note, 1)
        signoff_layout.addWidget(self.signoff_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, SPACING // 2, 0, 0)
        layout.setSpacing(SPACING // 2)
        layout.addWidget(self.title)
        layout.addWidget(self.status_label)
        layout.addWidget(self.judge_box)
        layout.addWidget(self.signoff_box)

        self.choice.buttonToggled.connect(lambda *_: self._update_buttons())
        self.reason_edit.textChanged.connect(self._update_buttons)
        self.judge_button.clicked.connect(self.record_judgement)
        self.signoff_button.clicked.connect(self.sign_off)
        controller.changed.connect(self._on_controller_changed)
        controller.closed.connect(lambda: self.set_item(None, None))
        self.set_item(None, None)

    # -- public -------------------------------------------------------------------------

    def set_item(self, kind: str | None, item_id: str | None) -> None:
        """Show the decisions for a unit or criterion (other kinds: a hint)."""
        self._kind, self._item_id = kind, item_id
        self.reason_edit.clear()
        self.choice.setExclusive(False)
        self.met_radio.setChecked(False)
        self.not_yet_radio.setChecked(False)
        self.choice.setExclusive(True)
        self.refresh()

    def refresh(self) -> None:
        reviewer = self._controller.reviewing and not self._controller.portfolio.read_only
        text = "Choose a unit to see its sign-off, or a criterion to see its judgement."
        signed = False
        try:
            if self._kind == UNIT and self._item_id and self._controller.is_open:
                status = self._signoff()
                signed = status.signed and not status.evidence_changed
                text = signoff_text(status)
            elif self._kind == CRITERION and self._item_id and self._controller.is_open:
                text = self._criterion_text()
        except PortfolioError as exc:
            text = html.escape(str(exc))
        self.status_label.setText(text)
        self.judge_box.setVisible(reviewer and self._kind == CRITERION)
        self.signoff_box.setVisible(reviewer and self._kind == UNIT)
        if reviewer and self._kind == UNIT:
            actor = self._controller.portfolio.actor
            self.signoff_button.setText("Sign off again" if signed else "Sign off this unit")
            self.signoff_note.setText(
                f"Signs off the unit as {actor.name} ({role_label(actor.role)}) today, "
                f"{_day(date.today())}, recording the evidence it covers now."
            )
        self._update_buttons()

    def record_judgement(self) -> bool:
        """Record the judgement shown in the form; False when no criterion is chosen."""
        if self._kind != CRITERION or not self._item_id:
            return False
        decision = Judgement.MET if self.met_radio.isChecked() else Judgement.NOT_YET
        criterion, reason = self._item_id, self.reason_edit.toPlainText()
        kind = self._kind

        def recorded(_result: Written[JudgementRecord]) -> None:
            if self._kind == kind and self._item_id == criterion:
                self.set_item(kind, criterion)

        self._write(
            lambda pf: pf.reviewing.judge(criterion=criterion, judgement=decision, reason=reason),
            recorded,
        )
        return True

    def sign_off(self) -> bool:
        """Sign off the chosen unit; False when no unit is chosen."""
        if self._kind != UNIT or not self._item_id:
            return False
        unit = self._item_id
        self._write(lambda pf: pf.reviewing.sign_off(unit=unit), lambda _r: self.refresh())
        return True

    # -- internals ----------------------------------------------------------------------

    def _signoff(self) -> SignOffStatus:
        return self._controller.portfolio.reviewing.signoff_status(unit=self._item_id)[0]

    def _criterion_text(self) -> str:
        portfolio = self._controller.portfolio
        coverage = portfolio.coverage.report().criterion(self._item_id or "")
        refs = ", ".join(coverage.entry_refs)
        evidence = f"Evidence: {refs}." if refs else "No entry is tagged to it yet."
        latest = portfolio.reviewing.judgements(criterion=self._item_id)
        return f"{judgement_text(latest[0] if latest else None)}<br>{evidence}"

    def _write(self, op: Callable[[Portfolio], R], then: Callable[[R], None]) -> None:
        WriteOp(self._controller, self, op).success(then).run(initiator=self)

    def _update_buttons(self) -> None:
        chosen = self.met_radio.isChecked() or self.not_yet_radio.isChecked()
        self.judge_button.setEnabled(chosen and bool(self.reason_edit.toPlainText().strip()))

    def _on_controller_changed(self, changes: Changes) -> None:
        if changes.initiator is not self and (changes.coverage or changes.review):
            self.refresh()
