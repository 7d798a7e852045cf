"""ReviewQueuePanel: the reviewer's day at a glance (issue 13 item 7).

Every entry with this reviewer's flags ("new since my last review", "learner replied",
"awaiting review"), filtered by one of them; double-clicking an entry asks the window to open it.
Below, the assessors' observation records, each with its date, place, criteria and whether it is
signed. The flags and records come from the reviewing service; nothing is decided here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from portfolio.domain.assessment import SIGNATURE_TAMPERED, SIGNATURE_VERIFIED, day
from portfolio.domain.changes import Changes
from portfolio.domain.enums import ReviewerRole
from portfolio.domain.records import ObservationRec
from portfolio.domain.reviewers_day import FILTERS, FLAG_WORDS, EntryFlags
from portfolio.errors import PortfolioError
from portfolio.ui.controller import PortfolioController
from portfolio.ui.errors import show_exception
from portfolio.ui.review.observation_dialog import ObservationDialog

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
ALL = ""


def observation_text(record: ObservationRec, numbers: dict[str, str]) -> str:
    """One line per observation record, as the app lists it."""
    criteria = ", ".join(numbers.get(c, "?") for c in record.criteria)
    if record.signature_state == SIGNATURE_TAMPERED:
        signed = "CHANGED AFTER SIGNING: not counted"
    elif record.signature_state == SIGNATURE_VERIFIED:
        signed = f"signed, key {record.signer_key}"
    else:
        signed = "not signed"
    return (
        f"{record.ref}  {day(record.observed_on)}, {record.place}: {record.seen} "
        f"(by {record.reviewer_name}; criteria {criteria}; {signed})"
    )


class ReviewQueuePanel(QWidget):
    open_entry_requested = Signal(str)  # entry id

    def __init__(self, controller: PortfolioController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewQueuePanel")
        self._controller = controller
        self._flags: list[EntryFlags] = []
        self.observation_dialog: ObservationDialog | None = None

        self.filter = QComboBox()
        self.filter.setObjectName("reviewFilter")
        self.filter.setAccessibleName("Show entries")
        self.filter.addItem("All entries", ALL)
        for key in FILTERS:
            self.filter.addItem(FLAG_WORDS[key].capitalize(), key)
        self.entries = QListWidget()
        self.entries.setObjectName("reviewQueue")
        self.entries.setAccessibleName("Entries to review")
        self.entries.setWordWrap(True)
        # Each entry is two lines (title, then its flags): alternate shades tell one from the
        # next, which ran together in a narrow dock at 200 %.
        self.entries.setAlternatingRowColors(True)
        self.entries.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.count_label = QLabel()
        self.count_label.setObjectName("reviewQueueCount")
        self.observations_label = QLabel("Observation records")
        self.observations = QListWidget()
        self.observations.setObjectName("observationList")
        self.observations.setAccessibleName("Observation records")
        self.observations.setWordWrap(True)
        self.observations.setAlternatingRowColors(True)
        self.observations.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.observations.setMaximumHeight(140)
        self.observe_button = QPushButton("Record an observation…")
        self.observe_button.setObjectName("queueObserveButton")

        top = QHBoxLayout()
        show = QLabel("Show")
        show.setBuddy(self.filter)
        top.addWidget(show)
        top.addWidget(self.filter, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.count_label)
        layout.addWidget(self.entries, 1)
        layout.addWidget(self.observations_label)
        layout.addWidget(self.observations)
        layout.addWidget(self.observe_button)

        self.filter.currentIndexChanged.connect(self._show)
        self.entries.itemActivated.connect(self._on_item_activated)
        self.entries.itemDoubleClicked.connect(self._on_item_activated)
        self.observe_button.clicked.connect(self.record_observation)
        controller.changed.connect(self._on_controller_changed)
        controller.opened.connect(lambda _pf: self.refresh())
        controller.closed.connect(self.refresh)
        self.refresh()

    # -- public -------------------------------------------------------------------------

    def set_filter(self, key: str) -> None:
        """Show only entries with this flag ("" for all)."""
        self.filter.setCurrentIndex(max(self.filter.findData(key), 0))

    def shown_refs(self) -> list[str]:
        return [self.entries.item(i).text().split()[0] for i in range(self.entries.count())]

    def refresh(self) -> None:
        self._flags = []
        self.observations.clear()
        controller = self._controller
        reviewer = controller.is_open and controller.portfolio.actor.is_reviewer
        if reviewer:
            pf = controller.portfolio
            try:
                self._flags = pf.reviewing.review_flags()
                records = pf.reviewing.observations()
                numbers = {c.id: c.number for c in pf.coverage.report().criteria}
            except PortfolioError as exc:
                show_exception(self, exc)
                records, numbers = [], {}
            for record in records:
                self.observations.addItem(observation_text(record, numbers))
            assessor = pf.actor.role == ReviewerRole.ASSESSOR.value
            self.observe_button.setVisible(assessor)
            self.observe_button.setEnabled(assessor and not pf.read_only)
        else:
            self.observe_button.setVisible(False)
        self.observations_label.setVisible(self.observations.count() > 0)
        self.observations.setVisible(self.observations.count() > 0)
        self._show()

    def record_observation(self) -> ObservationDialog:
        dialog = ObservationDialog(self._controller, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.observation_dialog = dialog
        dialog.open()
        return dialog

    # -- internals ----------------------------------------------------------------------

    def _show(self, *_: object) -> None:
        key = str(self.filter.currentData() or ALL)
        shown = [f for f in self._flags if not key or f.has(key)]
        self.entries.clear()
        for flags in shown:
            words = ", ".join(flags.words) or "reviewed"
            item = QListWidgetItem(f"{flags.ref}  {flags.title or 'Untitled'}\n{words}")
            item.setData(ENTRY_ROLE, flags.entry_id)
            self.entries.addItem(item)
        self.count_label.setText(
            f"{len(shown)} of {len(self._flags)} entries" if key else f"{len(shown)} entries"
        )

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        entry_id = item.data(ENTRY_ROLE)
        if entry_id:
            self.open_entry_requested.emit(str(entry_id))

    def _on_controller_changed(self, changes: Changes) -> None:
        if changes.review or changes.entries or changes.evidence or changes.frameworks:
            self.refresh()
