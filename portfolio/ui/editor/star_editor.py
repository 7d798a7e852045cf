"""The guided STAR editor: an entry's details and its five sections, saved as the learner types.

It reads and writes only through ``controller.portfolio.entries``. Its own saves come back on
``controller.changed`` with itself as the initiator and are ignored, so autosave never reloads
the text or moves the cursor. In review mode, or when the file is open read-only, every field is
read-only and a note under the title says why (the services refuse such writes too).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from portfolio.domain.changes import Changes
from portfolio.domain.dto import EntryDetail
from portfolio.domain.star import SECTIONS
from portfolio.errors import PortfolioError
from portfolio.ui.controller import PortfolioController
from portfolio.ui.editor.autosave import Autosave
from portfolio.ui.editor.entry_details_form import EntryDetailsForm
from portfolio.ui.editor.star_section_box import StarSectionBox
from portfolio.ui.theme import SPACING
from portfolio.ui.widgets.save_state_label import SaveStateLabel

PAUSE_MS = 500  # the coach and suggestions run when typing pauses this long


class StarEditor(QWidget):
    entry_loaded = Signal(object)  # EntryDetail | None
    tags_changed = Signal(object)  # EntryDetail: someone tagged or untagged the open entry
    text_paused = Signal()  # the learner stopped typing: time to re-check the text

    def __init__(self, controller: PortfolioController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.entry: EntryDetail | None = None
        self.autosave = Autosave(controller, self._collect, initiator=self, parent=self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        header = QVBoxLayout()
        header.setContentsMargins(SPACING, SPACING // 2, SPACING, SPACING // 2)
        header.setSpacing(0)
        self.heading = QLabel(self)
        self.heading.setObjectName("pageTitle")
        self.heading.setWordWrap(True)
        self.save_state = SaveStateLabel(self)  # under the title: never squeezes it
        self.read_only_note = QLabel(self)
        self.read_only_note.setObjectName("readOnlyNote")
        self.read_only_note.setWordWrap(True)
        self.read_only_note.hide()
        header.addWidget(self.heading)
        header.addWidget(self.save_state)
        header.addWidget(self.read_only_note)
        layout.addLayout(header)

        self.empty_state = QLabel(
            "Choose an entry from the list, or press “New entry” to start writing one.", self
        )
        self.empty_state.setObjectName("emptyState")
        self.empty_state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_state.setWordWrap(True)
        layout.addWidget(self.empty_state, 1)

        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("editorScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget(self.scroll_area)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(SPACING, 0, SPACING, SPACING)
        body_layout.setSpacing(SPACING)
        self.details = EntryDetailsForm(body)
        body_layout.addWidget(self.details)
        self.sections: dict[str, StarSectionBox] = {}
        for section in SECTIONS:
            box = StarSectionBox(section, body)
            self.sections[section.key] = box
            body_layout.addWidget(box)
            box.text_edited.connect(self._on_section_text_edited)
        body_layout.addStretch(1)
        self.scroll_area.setWidget(body)
        layout.addWidget(self.scroll_area, 1)

        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(PAUSE_MS)
        self._pause.timeout.connect(self.text_paused)
        self.details.field_edited.connect(self._on_details_field_edited)
        self.autosave.state_changed.connect(self._on_autosave_state_changed)
        controller.changed.connect(self._on_controller_changed)
        controller.opened.connect(lambda _: self._apply_read_only())
        controller.closed.connect(lambda: self.set_entry(None))
        self.read_only = False
        self._show(None)
        self._apply_read_only()

    # -- public API ---------------------------------------------------------------------

    @property
    def entry_id(self) -> str | None:
        return self.entry.id if self.entry else None

    def set_entry(self, entry_id: str | None) -> None:
        """Save the current entry, then show ``entry_id`` (None shows the empty state)."""
        if entry_id is not None and entry_id == self.entry_id:
            return
        self.autosave.flush()
        entry = None
        if entry_id is not None and self._controller.is_open:
            try:
                entry = self._controller.portfolio.entries.get(entry_id)
            except PortfolioError:
                entry = None
        self._show(entry)

    def section_texts(self) -> dict[str, str]:
        return {key: box.text() for key, box in self.sections.items()}

    def full_text(self) -> str:
        """Title and every section, as one text (for suggestions)."""
        parts = [self.details.title.text(), *self.section_texts().values()]
        return "\n\n".join(p for p in parts if p)

    def flush(self) -> bool:
        return self.autosave.flush()

    def focus_section(self, key: str, span: tuple[int, int] | None = None) -> None:
        box = self.sections[key]
        self.scroll_area.ensureWidgetVisible(box)
        box.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        if span:
            cursor = box.edit.textCursor()
            cursor.setPosition(span[0])
            cursor.setPosition(span[1], cursor.MoveMode.KeepAnchor)
            box.edit.setTextCursor(cursor)

    # -- internals ----------------------------------------------------------------------

    def _apply_read_only(self) -> None:
        """Lock every field when the learner's text cannot change here, and say why."""
        controller = self._controller
        self.read_only = controller.is_open and not controller.can_edit_learner_text
        if not self.read_only:
            note = ""
        elif controller.reviewing:
            note = (
                "You are reviewing: the learner's writing is shown exactly as they wrote it and "
                "cannot be changed. Comment on it in the Feedback tab."
            )
        else:
            note = "This portfolio is open read-only, so this entry cannot be changed here."
        self.read_only_note.setText(note)
        self.read_only_note.setVisible(bool(note))
        self.save_state.setVisible(not self.read_only)
        d = self.details
        for line in (d.title, d.witness_name, d.witness_job, d.witness_relationship):
            line.setReadOnly(self.read_only)
        d.event_date.setReadOnly(self.read_only)
        d.hours.setReadOnly(self.read_only)
        d.method.setEnabled(not self.read_only)
        d.status.setEnabled(not self.read_only)
        for box in self.sections.values():
            box.edit.setReadOnly(self.read_only)

    def _show(self, entry: EntryDetail | None) -> None:
        self.entry = entry
        self.autosave.set_entry(entry.id if entry else None)
        has_entry = entry is not None
        self.scroll_area.setVisible(has_entry)
        self.empty_state.setVisible(not has_entry)
        if entry is not None:
            self.details.load(entry)
            for key, box in self.sections.items():
                box.set_text(entry.sections.get(key, ""))
            self.scroll_area.verticalScrollBar().setValue(0)
        self._update_heading()
        self.entry_loaded.emit(entry)

    def _update_heading(self) -> None:
        if self.entry is None:
            self.heading.setText("")
            return
        title = self.details.title.text().strip() or "Untitled entry"
        self.heading.setText(f"{self.entry.ref} · {title}")

    def _collect(self, fields: set[str]) -> dict[str, object]:
        values: dict[str, object] = {}
        sections = {}
        for field in fields:
            if field.startswith("section:"):
                key = field.removeprefix("section:")
                sections[key] = self.sections[key].text()
            else:
                values[field] = self.details.value(field)
        if sections:
            values["sections"] = sections
        return values

    def _on_section_text_edited(self, key: str) -> None:
        self.autosave.mark_dirty(f"section:{key}")
        self._pause.start()

    def _on_details_field_edited(self, field: str) -> None:
        self.autosave.mark_dirty(field)
        if field == "title":
            self._update_heading()
            self._pause.start()

    def _on_autosave_state_changed(self, state: str, message: str) -> None:
        self.save_state.set_state(state, message)

    def _on_controller_changed(self, changes: Changes) -> None:
        if changes.initiator is self or self.entry is None:
            return  # our own autosave: never reload what the learner is typing
        if changes.entries and (not changes.entry_ids or self.entry.id in changes.entry_ids):
            try:
                latest = self._controller.portfolio.entries.get(self.entry.id)
            except PortfolioError:
                latest = None
            if latest is None or latest.deleted:
                self.autosave.discard()  # it was deleted: nothing left to save into
                self._show(None)
            else:
                self._show_words_changed_elsewhere(latest)
                self.entry = latest
                self._update_heading()
        elif changes.evidence:
            try:
                self.entry = self._controller.portfolio.entries.get(self.entry.id)
            except PortfolioError:
                return
            self.tags_changed.emit(self.entry)

    def _show_words_changed_elsewhere(self, latest: EntryDetail) -> None:
        """Words replaced outside the editor (the export check's one-click replacement) are
        shown, so the next autosave cannot put the old words back. Edits still waiting to be
        saved win: they are the learner's latest words."""
        if self.entry is None or self.autosave.has_pending:
            return
        if latest.title != self.entry.title and self.details.title.text() == self.entry.title:
            self.details.title.setText(latest.title)
        for key, box in self.sections.items():
            new = latest.sections.get(key, "")
            if new != self.entry.sections.get(key, "") and box.text() != new:
                box.set_text(new)
