"""EntryReviewBox: the reviewer's side of one entry (issue 13 item 7), under its feedback.

It says whether the entry is new since this reviewer's last review, whether the learner replied
and whether it awaits review; opening the entry records that the reviewer has seen it. For an
assessor it also judges several of the entry's criteria in one step (on the entry's version as
shown: if the learner changed it meanwhile, the service refuses and nothing is recorded) and
opens the observation record dialog. Every rule is the services'; this box only asks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from portfolio.domain.changes import Changes
from portfolio.domain.enums import ReviewerRole
from portfolio.domain.reviewers_day import EntryFlags
from portfolio.errors import PortfolioError
from portfolio.ui.controller import PortfolioController
from portfolio.ui.errors import show_exception
from portfolio.ui.operations import WriteOp
from portfolio.ui.review.observation_dialog import ObservationDialog

if TYPE_CHECKING:  # types only: the module is imported when first used (issue #17)
    from portfolio.services.reviewers_day import SeveralResult

CRITERION_ROLE = Qt.ItemDataRole.UserRole + 1


class EntryReviewBox(QWidget):
    judged = Signal(object)  # the SeveralResult

    def __init__(self, controller: PortfolioController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entryReviewBox")
        self._controller = controller
        self._entry_id: str | None = None
        self._version = ""
        self.flags: EntryFlags | None = None
        self.observation_dialog: ObservationDialog | None = None

        self.flags_label = QLabel()
        self.flags_label.setObjectName("entryFlags")
        self.flags_label.setWordWrap(True)

        self.judge_group = QGroupBox("Judge criteria from this entry")
        self.judge_group.setObjectName("judgeSeveralGroup")
        self.criteria = QListWidget()
        self.criteria.setObjectName("judgeSeveralCriteria")
        self.criteria.setAccessibleName("Criteria this entry is tagged to")
        self.criteria.setMaximumHeight(120)
        self.met_radio = QRadioButton("Met")
        self.not_yet_radio = QRadioButton("Not yet met")
        self.met_radio.setChecked(True)
        choice = QButtonGroup(self)
        choice.addButton(self.met_radio)
        choice.addButton(self.not_yet_radio)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("judgeSeveralReason")
        self.reason_edit.setPlaceholderText("Why (the learner sees this)")
        self.reason_edit.setAccessibleName("Reason for the judgement")
        self.judge_button = QPushButton("Judge selected")
        self.judge_button.setObjectName("judgeSeveralButton")
        self.observe_button = QPushButton("Record an observation…")
        self.observe_button.setObjectName("recordObservationButton")

        verdict = QHBoxLayout()
        verdict.addWidget(self.met_radio)
        verdict.addWidget(self.not_yet_radio)
        verdict.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.observe_button)
        buttons.addStretch(1)
        buttons.addWidget(self.judge_button)
        inner = QVBoxLayout(self.judge_group)
        inner.addWidget(self.criteria)
        inner.addLayout(verdict)
        inner.addWidget(self.reason_edit)
        inner.addLayout(buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.flags_label)
        layout.addWidget(self.judge_group)

        self.judge_button.clicked.connect(self.judge_selected)
        self.observe_button.clicked.connect(self.record_observation)
        self.reason_edit.textChanged.connect(self._update_buttons)
        self.criteria.itemChanged.connect(self._update_buttons)
        controller.changed.connect(self._on_controller_changed)
        self.set_entry(None)

    # -- public -------------------------------------------------------------------------

    @property
    def version(self) -> str:
        """The entry's version as shown (what a judgement from this box is made on)."""
        return self._version

    def set_entry(self, entry_id: str | None) -> None:
        """Show one entry (None: nothing); a reviewer opening it has seen it."""
        self._entry_id = entry_id
        self.reason_edit.clear()
        self.refresh()
        if self._is_reviewer() and self.flags is not None and self.flags.new:
            self._mark_seen()

    def refresh(self) -> None:
        self.flags, self._version = None, ""
        self.criteria.clear()
        reviewer = self._is_reviewer()
        self.setVisible(reviewer and self._entry_id is not None)
        if not reviewer or self._entry_id is None:
            return
        pf = self._controller.portfolio
        try:
            entry = pf.entries.get(self._entry_id)
            self.flags = next(
                (f for f in pf.reviewing.review_flags() if f.entry_id == entry.id), None
            )
            self._version = pf.reviewing.entry_version(entry.id)
        except PortfolioError as exc:
            show_exception(self, exc)
            return
        words = self.flags.words if self.flags else ()
        self.flags_label.setText(
            f"{entry.ref} (version {self._version}): " + (", ".join(words) or "reviewed")
        )
        for tag in entry.tags:
            item = QListWidgetItem(f"{tag.number}  {tag.text}")
            item.setData(CRITERION_ROLE, tag.criterion_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.criteria.addItem(item)
        self._update_buttons()

    def chosen_criteria(self) -> list[str]:
        return [
            str(self.criteria.item(i).data(CRITERION_ROLE))
            for i in range(self.criteria.count())
            if self.criteria.item(i).checkState() == Qt.CheckState.Checked
        ]

    def judge_selected(self) -> None:
        """Judge the ticked criteria in one step, on the version shown."""
        chosen, reason = self.chosen_criteria(), self.reason_edit.text()
        if self._entry_id is None or not chosen or not reason.strip():
            return
        entry_id, version = self._entry_id, self._version
        verdict = "met" if self.met_radio.isChecked() else "not-yet"
        WriteOp(
            self._controller,
            self,
            lambda pf: pf.reviewing.judge_several(
                entry=entry_id, criteria=chosen, judgement=verdict, reason=reason, version=version
            ),
        ).success(self._on_judged).run(initiator=self)

    def record_observation(self) -> ObservationDialog:
        """Open the observation record dialog with this entry's criteria ticked."""
        dialog = ObservationDialog(self._controller, self, preselect=self.chosen_criteria())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.observation_dialog = dialog
        dialog.open()
        return dialog

    # -- internals ----------------------------------------------------------------------

    def _is_reviewer(self) -> bool:
        return self._controller.is_open and self._controller.portfolio.actor.is_reviewer

    def _is_assessor(self) -> bool:
        return (
            self._controller.is_open
            and self._controller.portfolio.actor.role == ReviewerRole.ASSESSOR.value
        )

    def _mark_seen(self) -> None:
        if self._entry_id is None or self._controller.portfolio.read_only:
            return
        entry_id = self._entry_id
        WriteOp(self._controller, self, lambda pf: pf.reviewing.mark_seen([entry_id])).success(
            lambda _r: self.refresh()
        ).run(initiator=self)

    def _on_judged(self, result: SeveralResult) -> None:
        self.reason_edit.clear()
        self.refresh()
        self.judged.emit(result)

    def _update_buttons(self) -> None:
        assessor = self._is_assessor()
        self.judge_group.setVisible(assessor)
        writable = self._controller.is_open and not self._controller.portfolio.read_only
        self.judge_button.setEnabled(
            assessor
            and writable
            and bool(self.chosen_criteria())
            and bool(self.reason_edit.text().strip())
        )
        self.observe_button.setEnabled(assessor and writable)

    def _on_controller_changed(self, changes: Changes) -> None:
        if changes.initiator is self or self._entry_id is None or not self._is_reviewer():
            return
        mine = not changes.entry_ids or self._entry_id in changes.entry_ids
        if changes.review or changes.evidence or changes.frameworks or (changes.entries and mine):
            self.refresh()
