"""The guided editor: an entry's details, its reflective model and that model's sections (STAR's
five by default; Gibbs, Kolb or Driscoll when the learner chooses), saved as the learner types.

Choosing another model saves what is typed, then asks the entry service to convert the entry:
every word is kept, moved to the new model's section for the same purpose, and the boxes are
rebuilt with the new headings and prompts.

It reads and writes only through ``controller.portfolio.entries``. Its own saves come back on
``controller.changed`` with itself as the initiator and are ignored, so autosave never reloads
the text or moves the cursor. In review mode, or when the file is open read-only, every field is
read-only and a note under the title says why (the services refuse such writes too).
"""

from __future__ import annotations

import dataclasses

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from portfolio.domain.changes import Changes, Written
from portfolio.domain.dto import EntryDetail
from portfolio.domain.reflective import MODELS, STAR, ReflectiveModel, stored_model
from portfolio.errors import PortfolioError
from portfolio.frameworks.model import Framework
from portfolio.ui.controller import PortfolioController
from portfolio.ui.editor.autosave import Autosave
from portfolio.ui.editor.entry_details_form import EntryDetailsForm
from portfolio.ui.editor.measured_label import MeasuredLabel
from portfolio.ui.editor.star_section_box import StarSectionBox
from portfolio.ui.operations import WriteOp
from portfolio.ui.theme import SPACING
from portfolio.ui.widgets.save_state_label import SaveStateLabel
from portfolio.writing.guidance import GuidanceItem, section_guidance, units_of
from portfolio.writing.spelling import SpellChecker, british_checker, loaded_checker

PAUSE_MS = 500  # the coach and suggestions run when typing pauses this long


MODEL_NAME_LEAST = 16  # characters of the reflective model's name the box always shows


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
        self.heading = MeasuredLabel("", self)
        self.heading.setObjectName("pageTitle")
        self.save_state = SaveStateLabel(self)  # under the title: never squeezes it
        self.read_only_note = QLabel(self)
        self.read_only_note.setObjectName("readOnlyNote")
        self.read_only_note.setWordWrap(True)
        self.read_only_note.hide()
        header.addWidget(self.heading)
        header.addWidget(self.save_state)
        header.addWidget(self.read_only_note)
        self.model_note = QLabel(self)  # after a change of model: where the words went
        self.model_note.setObjectName("readOnlyNote")
        self.model_note.setWordWrap(True)
        self.model_note.hide()
        header.addWidget(self.model_note)
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
        model_row = QFormLayout()
        model_row.setContentsMargins(0, 0, 0, 0)
        self.model_choice = QComboBox(body)
        self.model_choice.setObjectName("modelChoice")
        self.model_choice.setAccessibleName("Reflective model")
        # Its longest name set the form's least width (418 px): it may shrink to a few words
        # (it grows with the room, and its list shows every name in full).
        self.model_choice.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.model_choice.setMinimumContentsLength(MODEL_NAME_LEAST)
        for model in MODELS:
            self.model_choice.addItem(model.name, model.id)
            self.model_choice.setItemData(
                self.model_choice.count() - 1, model.summary, Qt.ItemDataRole.ToolTipRole
            )
        model_label = QLabel("Reflective &model:", body)
        model_label.setBuddy(self.model_choice)
        model_row.addRow(model_label, self.model_choice)
        body_layout.addLayout(model_row)
        self._body = body
        self._body_layout = body_layout
        self.model: ReflectiveModel = STAR
        self.read_only = False
        self._frameworks: list[Framework] | None = None  # the enrolled ones, asked once
        # Guidance placed per (tagged units, model): entries share a few unit sets, and
        # placing it reads every guidance text of those units (a third of a switch).
        self._guidance: dict[tuple[frozenset[str], str], dict[str, tuple[GuidanceItem, ...]]]
        self._guidance = {}
        self.spell_checker: SpellChecker | None = loaded_checker()
        self._spelling_loading = False
        self.sections: dict[str, StarSectionBox] = {}
        self._build_sections(STAR)
        body_layout.addStretch(1)
        self.scroll_area.setWidget(body)
        layout.addWidget(self.scroll_area, 1)

        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(PAUSE_MS)
        self._pause.timeout.connect(self.text_paused)
        self.details.field_edited.connect(self._on_details_field_edited)
        self.model_choice.activated.connect(self._on_model_chosen)
        self.autosave.state_changed.connect(self._on_autosave_state_changed)
        self.autosave.stranded.connect(self._on_save_stranded)
        controller.changed.connect(self._on_controller_changed)
        controller.opened.connect(lambda _: self._apply_read_only())
        controller.opened.connect(lambda _: self._forget_frameworks())
        controller.closed.connect(lambda: self.set_entry(None))
        controller.closed.connect(self._forget_frameworks)
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
        self.model_choice.setEnabled(not self.read_only)
        for box in self.sections.values():
            box.edit.setReadOnly(self.read_only)

    def _build_sections(self, model: ReflectiveModel) -> None:
        """The section boxes of ``model`` in place of the current ones (after the model row)."""
        for box in self.sections.values():
            self._body_layout.removeWidget(box)
            box.hide()
            box.deleteLater()
        self.sections = {}
        position = self._body_layout.indexOf(self.details) + 2  # after the model row
        previous: QWidget = self.model_choice
        for offset, section in enumerate(model.sections):
            box = StarSectionBox(section, self._body)
            self.sections[section.key] = box
            self._body_layout.insertWidget(position + offset, box)
            box.show()
            box.text_edited.connect(self._on_section_text_edited)
            box.word_added.connect(self._on_word_added)
            box.set_spell_checker(self.spell_checker)
            box.edit.setReadOnly(self.read_only)
            QWidget.setTabOrder(previous, box.edit)
            previous = box.edit
        self.model = model
        index = self.model_choice.findData(model.id)
        self.model_choice.setCurrentIndex(index)
        self.model_choice.setToolTip(model.summary)

    def load_spelling(self) -> None:
        """Load the British English dictionary off the GUI thread, then underline."""
        if self.spell_checker is not None or self._spelling_loading:
            return
        self._spelling_loading = True
        editor = self

        def loaded(checker: SpellChecker) -> None:
            if shiboken6.isValid(editor):
                editor._on_spelling_loaded(checker)

        # A missing dictionary package only means no underlines: the editor works without.
        self._controller.tasks.start(
            british_checker, on_done=loaded, on_error=lambda _: None, pass_progress=False
        )

    def _on_spelling_loaded(self, checker: SpellChecker) -> None:
        self._spelling_loading = False
        self.spell_checker = checker
        for box in self.sections.values():
            box.set_spell_checker(checker)

    def _on_word_added(self, _word: str) -> None:
        for box in self.sections.values():
            box.rehighlight()

    def _forget_frameworks(self) -> None:
        self._frameworks = None
        self._guidance = {}

    def _show_guidance(self) -> None:
        """Beside each section, what the units of the entry's criteria say about it."""
        entry = self.entry
        unit_ids = {tag.unit_id for tag in entry.tags if tag.unit_id} if entry else set()
        placed: dict[str, tuple[GuidanceItem, ...]] = {}
        if unit_ids and self._controller.is_open:
            if self._frameworks is None:
                self._frameworks = self._controller.portfolio.enrolment.frameworks()
            units = (frozenset(unit_ids), self.model.id)
            cached = self._guidance.get(units)
            if cached is None:
                cached = section_guidance(units_of(self._frameworks, unit_ids), self.model)
                self._guidance[units] = cached
            placed = cached
        for key, box in self.sections.items():
            box.set_guidance(placed.get(key, ()))

    def _on_model_chosen(self, index: int) -> None:
        chosen = stored_model(self.model_choice.itemData(index))
        entry = self.entry
        if entry is None or chosen.id == self.model.id or self.read_only:
            return
        self.autosave.flush()  # what is on screen goes first, on the same writer lane
        previous = self.model.name

        def done(result: Written[EntryDetail]) -> None:
            if self.entry is None or self.entry.id != result.value.id:
                return
            self._show(result.value)
            self.model_note.setText(
                f"Your writing from {previous} is now under the {chosen.name} headings: "
                "nothing was deleted. Read it through and move sentences if they fit better "
                "elsewhere."
            )
            self.model_note.show()

        def failed(_message: str) -> None:
            self.model_choice.setCurrentIndex(self.model_choice.findData(self.model.id))

        WriteOp(
            self._controller,
            self,
            lambda pf: pf.entries.update(entry_id=entry.id, model=chosen.id),
        ).success(done).failure(failed).run(initiator=self)

    def _show(self, entry: EntryDetail | None) -> None:
        restored = self.autosave.take_stranded(entry.id) if entry is not None else None
        if entry is not None and restored:
            entry = _with_values(entry, restored)  # the words a failed save left unsaved
        self.entry = entry
        self.autosave.set_entry(entry.id if entry else None)
        has_entry = entry is not None
        self.scroll_area.setVisible(has_entry)
        self.empty_state.setVisible(not has_entry)
        self.model_note.setText("")
        self.model_note.hide()
        if entry is not None:
            self.details.load(entry)
            model = stored_model(entry.model)
            if model.id != self.model.id:
                self._build_sections(model)
            for key, box in self.sections.items():
                box.set_text(entry.sections.get(key, ""))
            self._show_guidance()
            self.load_spelling()
            self.scroll_area.verticalScrollBar().setValue(0)
        self._update_heading()
        self.entry_loaded.emit(entry)
        for field in _dirty_fields(restored or {}):
            self.autosave.mark_dirty(field)  # saved again, like any edit

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

    def _on_save_stranded(self, entry_id: str, message: str) -> None:
        """A save for an entry the learner has left failed: say so, and show the words."""
        name = "another entry"
        if self._controller.is_open:
            try:
                left = self._controller.portfolio.entries.get(entry_id)
                name = f"{left.ref} “{left.title}”"
            except PortfolioError:
                pass
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Changes not saved",
            f"Your last changes to {name} could not be saved: {message}",
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setInformativeText(
            "They are kept while Portfolio is open: open that entry again and they are put "
            "back and saved. Your words are under Show Details, to copy."
        )
        box.setDetailedText(_words(self.autosave.stranded_values(entry_id)))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # window-modal, does not block the event loop (saves keep running)

    def _on_autosave_state_changed(self, state: str, message: str) -> None:
        self.save_state.set_state(state, message)

    def _on_controller_changed(self, changes: Changes) -> None:
        if changes.frameworks:
            self._forget_frameworks()  # units and their guidance may have changed
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
            self._show_guidance()
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


def _with_values(entry: EntryDetail, values: dict[str, object]) -> EntryDetail:
    """``entry`` as the learner left it: the unsaved ``values`` over what the file holds."""
    plain = {k: v for k, v in values.items() if k != "sections"}
    sections = values.get("sections")
    merged = {**entry.sections, **sections} if isinstance(sections, dict) else entry.sections
    return dataclasses.replace(entry, **plain, sections=merged)  # type: ignore[arg-type]


def _dirty_fields(values: dict[str, object]) -> list[str]:
    """Autosave's field names for ``values`` (sections as ``section:<key>``)."""
    fields = [name for name in values if name != "sections"]
    sections = values.get("sections")
    if isinstance(sections, dict):
        fields += [f"section:{key}" for key in sections]
    return fields


def _words(values: dict[str, object]) -> str:
    """The unsaved values as plain text the learner can copy."""
    lines: list[str] = []
    sections = values.get("sections")
    for name, value in values.items():
        if name != "sections":
            if dataclasses.is_dataclass(value) and not isinstance(value, type):  # the witness
                value = ", ".join(str(part) for part in dataclasses.astuple(value) if part)
            lines.append(f"{name.replace('_', ' ').capitalize()}: {value}")
    if isinstance(sections, dict):
        for key, text in sections.items():
            lines += ["", key.replace("_", " ").capitalize(), str(text)]
    return "\n".join(lines).strip()
