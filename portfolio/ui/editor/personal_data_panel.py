"""Personal data in the open entry, at the top of the editor's Coach tab: each flagged item
with a one-click replacement ("Mrs Okafor" -> "the customer") and "Keep it" (issue 15 item 4).

It reads what is on screen (the words may be newer than the last save) through
``services.export_check.flags``, so it flags exactly what the export check would, with the
learner's earlier choices applied: kept items are not listed and remembered replacements are
offered first. A replacement first saves what is pending (the editor's autosave, on the same
writer lane), then edits the entry through the one write path; the editor then shows the new
words. The panel is hidden while the entry has nothing flagged, so the coach keeps its room.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from portfolio.domain.changes import Changes
from portfolio.errors import PortfolioError
from portfolio.ui.controller import PortfolioController
from portfolio.ui.editor.star_editor import StarEditor
from portfolio.ui.export.checklist_panel import ChecklistPanel
from portfolio.ui.theme import SPACING

if TYPE_CHECKING:  # types only: the module is imported when first used (issue #17)
    from portfolio.export.check import Problem


class PersonalDataPanel(QWidget):
    count_changed = Signal(int)  # items flagged in the open entry and not yet answered

    def __init__(
        self, controller: PortfolioController, editor: StarEditor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("personalDataPanel")
        self._controller = controller
        self._editor = editor
        self.checklist = ChecklistPanel(
            controller, self, before_write=editor.flush, show_go_to=False
        )
        self.checklist.list.setAccessibleName("Personal data found in this entry")
        self.checklist.fixed.connect(self.refresh)
        self.checklist.list.setMaximumHeight(150)  # the coach's report stays in view below
        # Only as tall as its contents: the coach's report below takes the rest.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        heading = QLabel("<b>Personal data in this entry</b>", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING, SPACING, SPACING, 0)
        layout.addWidget(heading)
        layout.addWidget(self.checklist)
        editor.entry_loaded.connect(lambda _entry: self.refresh())
        editor.text_paused.connect(self.refresh)
        controller.changed.connect(self._on_controller_changed)
        self.refresh()

    def refresh(self) -> None:
        """Flag the open entry's words as they are on screen."""
        entry = self._editor.entry
        if entry is None or not self._controller.is_open:
            self._show([], "Personal data found in an entry is listed here.")
            return
        from portfolio.export.check import TITLE  # with the check itself, not at start-up

        texts = {TITLE: self._editor.details.title.text(), **self._editor.section_texts()}
        try:
            flags = self._controller.portfolio.export_check.flags(entry.id, texts)
        except PortfolioError as exc:  # deleted meanwhile: the editor follows on its own
            self._show([], str(exc))
            return
        if flags:
            count = len(flags)
            summary = (
                f"{count} piece{'s' if count != 1 else ''} of personal data in this entry. "
                "Replace each (the suggestion is filled in; change it if you like) or keep it "
                "on purpose. Exports wait until every one is answered."
            )
        else:
            summary = "No personal data found in this entry."
        self._show(flags, summary)

    def _show(self, flags: list[Problem], summary: str) -> None:
        self.checklist.set_problems(flags, summary=summary)
        self.setVisible(bool(flags))
        self.count_changed.emit(len(flags))

    def _on_controller_changed(self, changes: Changes) -> None:
        entry = self._editor.entry
        if entry is None:
            return
        if changes.initiator is self._editor and not (changes.evidence or changes.learner):
            return  # the editor saved what is on screen: already flagged as it was typed
        if changes.learner or (
            changes.entries and (not changes.entry_ids or entry.id in changes.entry_ids)
        ):
            self.refresh()
