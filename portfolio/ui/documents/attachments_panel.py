"""AttachmentsPanel: the current entry's documents, in the editor, with attach and drag-and-drop.

The editor hosts it and calls ``set_entry(entry_id)`` whenever the learner opens another entry
(``None`` when no entry is open). "Attach document…" or dropping files on the panel opens the
review dialog for each file in turn; nothing is stored until the learner presses Attach there.
A host that keeps the panel in a hidden tab sets ``load_when_shown``: the list is then read when
the tab is shown (or its rows are asked for), not on every switch of entry or autosave.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from portfolio.domain.attachments import AttachmentSummary, human_size
from portfolio.domain.changes import Changes
from portfolio.ui.controller import PortfolioController
from portfolio.ui.documents.attachment_actions import (
    NoteDialog,
    choose_files,
    confirm_remove,
    edit_note,
    review_file,
)
from portfolio.ui.documents.refs import short_refs

if TYPE_CHECKING:
    # The review dialog loads the anonymiser (issue #17): imported when a document is chosen.
    from portfolio.ui.documents.attach_review_dialog import AttachReviewDialog


ID_ROLE = Qt.ItemDataRole.UserRole + 1
NO_NOTE = "No note yet: say how you used it."


LEARNER_HINT = (
    "Attach documents you used (a greeting script, a complaints flowchart). Drop files here or "
    "press Attach. Personal details are removed before anything is stored."
)
READER_HINT = (
    "The documents attached to this entry, as they were stored (personal details were removed "
    "first). The Documents page shows each one."
)


class AttachmentsPanel(QWidget):
    """The documents attached to one entry; files can be dropped on it to attach them."""

    review_opened = Signal(object)  # the AttachReviewDialog, once shown

    def __init__(self, controller: PortfolioController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentsPanel")
        self.setAcceptDrops(True)
        self._controller = controller
        self._entry_id: str | None = None
        self._rows: list[AttachmentSummary] = []
        self._queue: list[Path] = []
        self.load_when_shown = False  # set by a host that hides the panel in a tab
        self._behind = False  # the list is out of date while hidden: read it when shown
        self.review_dialog: AttachReviewDialog | None = None
        title = QLabel("Workplace documents", self)
        title.setObjectName("sectionTitle")
        self.hint = QLabel(LEARNER_HINT, self)
        self.hint.setObjectName("muted")
        self.hint.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("entryAttachments")
        self.list.setAccessibleName("Documents attached to this entry")
        self.list.setWordWrap(True)
        self.attach_button = QPushButton("Attach document…", self)
        self.note_button = QPushButton("Edit note…", self)
        self.remove_button = QPushButton("Remove", self)
        # Attach above the list, note and remove below it: the panel fits a narrow side tab.
        attach_row = QHBoxLayout()
        attach_row.addWidget(self.attach_button)
        attach_row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.note_button)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.hint)
        layout.addLayout(attach_row)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.attach_button.clicked.connect(self._on_attach_clicked)
        self.note_button.clicked.connect(self.edit_selected_note)
        self.remove_button.clicked.connect(self.remove_selected)
        self.list.currentRowChanged.connect(lambda _: self._update_buttons())
        self.list.itemDoubleClicked.connect(lambda _: self.edit_selected_note())
        controller.changed.connect(self._on_controller_changed)
        controller.closed.connect(lambda: self.set_entry(None))
        self.set_entry(None)

    # -- public -----------------------------------------------------------------------------

    def set_entry(self, entry_id: str | None) -> None:
        """Show the documents of ``entry_id`` (None: nothing open, panel disabled)."""
        self._entry_id = entry_id
        self._queue.clear()
        self._reload_when_seen()

    @property
    def entry_id(self) -> str | None:
        return self._entry_id

    def rows(self) -> list[AttachmentSummary]:
        self.catch_up()
        return list(self._rows)

    def catch_up(self) -> None:
        """Read the list if it went out of date while the panel was hidden."""
        if self._behind:
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.catch_up()

    def _reload_when_seen(self) -> None:
        if self.load_when_shown and self.isHidden():
            self._behind = True
            self.list.clear()  # never another entry's documents, even for a moment
            self._rows = []
            self._update_buttons()
        else:
            self.reload()

    def reload(self) -> None:
        self._behind = False
        current = self.selected()
        self.list.clear()
        self._rows = []
        if self._entry_id is not None and self._controller.is_open:
            self._rows = self._controller.portfolio.attachments.list(entry_id=self._entry_id)
        for row in self._rows:
            shared = f" · also in {short_refs(row.also_used_by)}" if row.also_used_by else ""
            item = QListWidgetItem(
                f"{row.filename}  ({row.kind_label}, {human_size(row.size)}{shared})\n"
                f"{row.note or NO_NOTE}"
            )
            item.setData(ID_ROLE, row.id)
            self.list.addItem(item)
            if current is not None and row.id == current.id:
                self.list.setCurrentItem(item)
        if not self._rows and self._entry_id is not None:
            self.list.addItem(QListWidgetItem("No documents attached to this entry yet."))
            self.list.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
        self._update_buttons()

    def selected(self) -> AttachmentSummary | None:
        item = self.list.currentItem()
        wanted = item.data(ID_ROLE) if item is not None else None
        return next((r for r in self._rows if r.id == wanted), None)

    def attach_files(self, paths: list[Path]) -> AttachReviewDialog | None:
        """Review and attach each file in turn; returns the first review dialog."""
        if not self._can_write():
            return None
        self._queue.extend(paths)
        if self.review_dialog is None:
            return self._next_review()
        return self.review_dialog

    def edit_selected_note(self) -> NoteDialog | None:
        summary = self.selected()
        if summary is None or not self._can_write():
            return None
        return edit_note(self._controller, self, summary)

    def remove_selected(self) -> QDialog | None:
        summary = self.selected()
        if summary is None or not self._can_write():
            return None
        return confirm_remove(self._controller, self, summary)

    # -- drag and drop ----------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._can_write() and _local_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = _local_files(event.mimeData())
        if not files or not self._can_write():
            event.ignore()
            return
        event.acceptProposedAction()
        self.attach_files(files)

    # -- internals --------------------------------------------------------------------------

    def _can_write(self) -> bool:
        if self._entry_id is None or not self._controller.is_open:
            return False
        portfolio = self._controller.portfolio
        return not (portfolio.read_only or portfolio.actor.is_reviewer)

    def _update_buttons(self) -> None:
        writable = self._can_write()
        self.setEnabled(self._entry_id is not None)
        # A reviewer or a read-only copy reads the documents: the learner's instructions and
        # buttons that can never be pressed there are left out.
        reading = self._entry_id is not None and not writable
        self.hint.setText(READER_HINT if reading else LEARNER_HINT)
        for button in (self.attach_button, self.note_button, self.remove_button):
            button.setVisible(not reading)
        self.attach_button.setEnabled(writable)
        has_selection = self.selected() is not None
        self.note_button.setEnabled(writable and has_selection)
        self.remove_button.setEnabled(writable and has_selection)

    def _next_review(self) -> AttachReviewDialog | None:
        while self._queue and self._entry_id is not None:
            path = self._queue.pop(0)
            dialog = review_file(self._controller, self, self._entry_id, path)
            if dialog is None:
                continue  # an error box was shown; go on with the next file
            self.review_dialog = dialog
            dialog.finished.connect(self._on_review_finished)
            self.review_opened.emit(dialog)
            return dialog
        return None

    def _on_review_finished(self, _: int) -> None:
        self.review_dialog = None
        self._next_review()

    def _on_attach_clicked(self) -> None:
        choose_files(self, self.attach_files)

    def _on_controller_changed(self, changes: Changes) -> None:
        # An entry's own save (entry_ids named: its text) changes no document or reference.
        if changes.attachments or (changes.entries and not changes.entry_ids):
            self._reload_when_seen()


def _local_files(mime: object) -> list[Path]:
    urls = mime.urls() if mime is not None and mime.hasUrls() else []  # type: ignore[attr-defined]
    return [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
