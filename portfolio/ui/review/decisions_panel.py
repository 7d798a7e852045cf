"""DecisionsPanel: assessment decisions for the unit or criterion chosen on the Qualification page.

Everyone sees the decisions as the rules judge them (portfolio.domain.assessment): a criterion's
status (draft evidence only, claimed, met), its assessor judgement in force with who, when and
why, whether it is stale ("evidence changed since judged on DATE") or referred by an IQA; and a
unit's sign-off, valid or void with the reason and date. An assessor can judge the criterion and
sign off the unit; an IQA can agree with or refer the assessor's decision. Which buttons show
follows the role given when the review started; the rules themselves live in the reviewing
service, which refuses what the record does not support (the panel shows its one message).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date, datetime

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

from portfolio.domain.assessment import (
    AGREE,
    REFER,
    SIGNATURE_VERIFIED,
    JudgementView,
    is_verified,
    refuse_action,
)
from portfolio.domain.changes import Changes
from portfolio.domain.enums import Judgement
from portfolio.domain.records import JudgementRec, SampleRec, SignOffRec
from portfolio.domain.review import SignOffStatus, role_label
from portfolio.errors import PortfolioError
from portfolio.services.portfolio import Portfolio
from portfolio.ui.controller import PortfolioController
from portfolio.ui.operations import HasChanges, WriteOp
from portfolio.ui.theme import SPACING

UNIT, CRITERION = "unit", "criterion"


def _day(value: date | datetime | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def signoff_text(status: SignOffStatus) -> str:
    """A unit's sign-off in plain sentences (HTML): never "signed" when it is void."""
    view = status.view
    if view is None:
        return "<b>Not signed off yet.</b>"
    who = f"{html.escape(status.reviewer_name)} ({role_label(status.reviewer_role)})"
    when = _day(status.signed_at)
    if view.valid:
        text = f"<b>Signed off</b> by {who} on {when}." + _signature_text(view.record)
    else:
        text = (
            f"<b>Sign-off void</b>: {html.escape(view.reason)}. (Signed off by {who} on "
            f"{when}; it needs signing off again.)"
        )
    return text + _sample_text(view.sample)


def judgement_text(view: JudgementView | None) -> str:
    """The judgement in force (HTML): met / not yet met, who, when, why, and whether it stands."""
    if view is None:
        return "<b>Not judged yet.</b>"
    record = view.record
    label = Judgement.MET.label if view.state == "met" else Judgement.NOT_YET.label
    who = f"{html.escape(record.reviewer_name)} ({role_label(record.reviewer_role)})"
    text = (
        f"<b>{label}</b>, judged by {who} on {_day(record.created_at)}:<br>"
        f"“{html.escape(record.reason)}”"
    )
    if view.stale:
        text += f"<br><b>Stale</b>: {html.escape(view.stale_reason)}; it needs judging again."
    else:
        text += _signature_text(record)
    return text + _sample_text(view.sample)


def _signature_text(record: JudgementRec | SignOffRec) -> str:
    key = html.escape(record.signer_key)
    if not is_verified(record.signature_state, record.signer):
        if record.signature_state == SIGNATURE_VERIFIED:
            return f" <b>Unverified signer</b>: key {key} is not on the centre roster."
        return " (Recorded without a signature.)"
    return f" Signed with key {key}."


def _sample_text(sample: SampleRec | None) -> str:
    if sample is None:
        return ""
    who = f"IQA {html.escape(sample.reviewer_name)} on {_day(sample.created_at)}"
    if sample.decision == REFER:
        return (
            f"<br><b>Referred</b> by {who}: “{html.escape(sample.reason)}”. The decision is "
            "reopened for the assessor."
        )
    return f"<br><b>Sampled</b>: agreed by {who}: “{html.escape(sample.reason)}”."


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
        self.agree_radio = QRadioButton("&Agree", self)
        self.agree_radio.setObjectName("sampleAgree")
        self.refer_radio = QRadioButton("&Refer", self)
        self.refer_radio.setObjectName("sampleRefer")
        self.sample_choice = QButtonGroup(self)
        self.sample_choice.addButton(self.agree_radio)
        self.sample_choice.addButton(self.refer_radio)
        self.sample_reason = QPlainTextEdit(self)
        self.sample_reason.setObjectName("sampleReason")
        self.sample_reason.setAccessibleName("Reason for the sample decision")
        self.sample_reason.setPlaceholderText("Why you agree, or what the assessor must revisit.")
        self.sample_reason.setFixedHeight(60)
        self.sample_button = QPushButton("Record sample", self)
        self.sample_button.setObjectName("sampleButton")

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

        self.sample_box = QWidget(self)
        sample_layout = QVBoxLayout(self.sample_box)
        sample_layout.setContentsMargins(0, 0, 0, 0)
        sample_radios = QHBoxLayout()
        sample_radios.addWidget(self.agree_radio)
        sample_radios.addWidget(self.refer_radio)
        sample_radios.addStretch(1)
        sample_radios.addWidget(self.sample_button)
        sample_layout.addLayout(sample_radios)
        sample_layout.addWidget(self.sample_reason)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, SPACING // 2, 0, 0)
        layout.setSpacing(SPACING // 2)
        layout.addWidget(self.title)
        layout.addWidget(self.status_label)
        layout.addWidget(self.judge_box)
        layout.addWidget(self.signoff_box)
        layout.addWidget(self.sample_box)

        self.choice.buttonToggled.connect(lambda *_: self._update_buttons())
        self.reason_edit.textChanged.connect(self._update_buttons)
        self.judge_button.clicked.connect(self.record_judgement)
        self.signoff_button.clicked.connect(self.sign_off)
        self.sample_choice.buttonToggled.connect(lambda *_: self._update_buttons())
        self.sample_reason.textChanged.connect(self._update_buttons)
        self.sample_button.clicked.connect(self.record_sample)
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
        self.sample_reason.clear()
        self.sample_choice.setExclusive(False)
        self.agree_radio.setChecked(False)
        self.refer_radio.setChecked(False)
        self.sample_choice.setExclusive(True)
        self.refresh()

    def refresh(self) -> None:
        reviewer = self._controller.reviewing and not self._controller.portfolio.read_only
        role = self._controller.portfolio.actor.role if self._controller.is_open else ""
        assessor = reviewer and refuse_action(role, "judge") is None
        iqa = reviewer and refuse_action(role, "sample") is None
        text = "Choose a unit to see its sign-off, or a criterion to see its judgement."
        signed = sampleable = False
        try:
            if self._kind == UNIT and self._item_id and self._controller.is_open:
                status = self._signoff()
                signed, sampleable = status.valid, status.signed
                text = signoff_text(status)
            elif self._kind == CRITERION and self._item_id and self._controller.is_open:
                text, sampleable = self._criterion_text()
        except PortfolioError as exc:
            text = html.escape(str(exc))
        self.status_label.setText(text)
        self.judge_box.setVisible(assessor and self._kind == CRITERION)
        self.signoff_box.setVisible(assessor and self._kind == UNIT)
        self.sample_box.setVisible(iqa and sampleable)
        if assessor and self._kind == UNIT:
            actor = self._controller.portfolio.actor
            self.signoff_button.setText("Sign off again" if signed else "Sign off this unit")
            self.signoff_note.setText(
                f"Signs off the unit as {actor.name} ({role_label(actor.role)}) today, "
                f"{_day(date.today())}, recording the evidence it covers now."
            )
        self._update_buttons()

    def record_judgement(self) -> None:
        """Judge the criterion shown; a refusal is shown as the service's one message."""
        if self._kind != CRITERION or not self._item_id:
            return
        decision = Judgement.MET if self.met_radio.isChecked() else Judgement.NOT_YET
        item, reason = self._item_id, self.reason_edit.toPlainText()
        self._write(
            lambda pf: pf.reviewing.judge(criterion=item, judgement=decision, reason=reason),
            lambda: self.set_item(CRITERION, item),
        )

    def sign_off(self) -> None:
        """Sign off the unit; a refusal (criteria not met on current evidence) is shown as the
        service's one message, and nothing changes."""
        if self._kind != UNIT or not self._item_id:
            return
        item = self._item_id
        self._write(lambda pf: pf.reviewing.sign_off(unit=item), self.refresh)

    def record_sample(self) -> None:
        """As an IQA: agree with or refer the decision shown (the judgement or the sign-off)."""
        if not self._item_id:
            return
        kind, target = self._kind, self._item_id
        decision = AGREE if self.agree_radio.isChecked() else REFER
        reason = self.sample_reason.toPlainText()
        self._write(
            lambda pf: pf.reviewing.sample(target=target, decision=decision, reason=reason),
            lambda: self.set_item(kind, target),
        )

    # -- internals ----------------------------------------------------------------------

    def _signoff(self) -> SignOffStatus:
        # From the coverage report every page shares (kept up to date after each write), not a
        # second whole computation of coverage: at 20,000 entries that took 0.76 s CPU (and its
        # memory) on the Qualification page's first visit (issue #17).
        portfolio = self._controller.portfolio
        unit_id = self._item_id or ""
        report = portfolio.coverage.report()
        unit = next((u for u in report.units if u.id == unit_id), None)
        if unit is None:  # not an enrolled unit: the service says so in its own words
            return portfolio.reviewing.signoff_status(unit=unit_id)[0]
        return SignOffStatus(unit_id=unit.id, unit_label=unit.label, view=report.signoff(unit.id))

    def _criterion_text(self) -> tuple[str, bool]:
        """The criterion's status and judgement (HTML), and whether it has one to sample."""
        portfolio = self._controller.portfolio
        coverage = portfolio.coverage.report().criterion(self._item_id or "")
        status = f"Status: <b>{html.escape(coverage.status_words)}</b>."
        ready = ", ".join(coverage.evidence_refs)
        drafts = ", ".join(
            r
            for e, r in zip(coverage.entries, coverage.entry_refs, strict=True)
            if e not in coverage.evidence
        )
        if ready:
            evidence = f"Evidence ready for review: {ready}."
        elif not drafts:
            evidence = "No entry is tagged to it yet."
        else:
            evidence = ""
        if drafts:
            evidence += f" Drafts (not evidence yet): {drafts}."
        if coverage.observations:
            observed = {o.id: o for o in portfolio.reviewing.observations()}
            refs = ", ".join(
                f"{o.ref} ({o.reviewer_name}, {_day(o.observed_on)})"
                for o in (observed.get(i) for i in coverage.observations)
                if o is not None
            )
            evidence += f" Observation records: {html.escape(refs)}."
        text = f"{status}<br>{judgement_text(coverage.judgement)}<br>{evidence.strip()}"
        if coverage.rule:
            text += f"<br>Framework rule: {html.escape(coverage.rule)}."
        if coverage.shortfall:
            text += f"<br><b>{html.escape(coverage.shortfall.capitalize())}.</b>"
        return text, coverage.judgement is not None

    def _write(
        self, op: Callable[[Portfolio], Changes | HasChanges], then: Callable[[], None]
    ) -> None:
        """One decision through the write path; the panel shows it again once it is recorded
        (if the reviewer chose something else meanwhile, that stays shown)."""
        shown = (self._kind, self._item_id)

        def done(_result: object) -> None:
            if (self._kind, self._item_id) == shown:
                then()

        WriteOp(self._controller, self, op).success(done).run(initiator=self)

    def _update_buttons(self) -> None:
        chosen = self.met_radio.isChecked() or self.not_yet_radio.isChecked()
        self.judge_button.setEnabled(chosen and bool(self.reason_edit.toPlainText().strip()))
        sampled = self.agree_radio.isChecked() or self.refer_radio.isChecked()
        self.sample_button.setEnabled(sampled and bool(self.sample_reason.toPlainText().strip()))

    def _on_controller_changed(self, changes: Changes) -> None:
        if changes.initiator is not self and (changes.coverage or changes.review):
            self.refresh()
