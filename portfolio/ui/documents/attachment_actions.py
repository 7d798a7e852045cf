"""Actions shared by the Documents page and the editor's attachments panel.

Each opens a non-blocking dialog (``open()``, never ``exec()``) and returns it, so tests can
drive it and nothing waits on it: choose files, review one, edit a note, confirm a removal.
Every change goes through the attachments service and is announced with
``Changes(attachments=True)`` by the widget that started it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from portfolio.domain.attachments import AttachmentSummary
from portfolio.errors import PortfolioError
from portfolio.ui.controller import PortfolioController
from portfolio.ui.errors import show_error
from portfolio.ui.operations import WriteOp

if TYPE_CHECKING:
    # The review dialog loads the anonymiser (issue #17): imported when a document is chosen.
    from portfolio.ui.documents.attach_review_dialog import AttachReviewDialog


FILE_FILTER = "Workplace documents (*.txt *.md *.docx *.pdf *.png *.jpg *.jpeg)"
NOTE_PROMPT = "How did you use this document at work? Say what you did with it, and when."


def choose_files(parent: QWidget, on_chosen: Callable[[list[Path]], object]) -> QFileDialog:
    """A file chooser for documents to attach; ``on_chosen`` gets the chosen paths."""
    dialog = QFileDialog(parent, "Attach workplace documents", "", FILE_FILTER)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.filesSelected.connect(lambda files: on_chosen([Path(f) for f in files]))
    dialog.open()
    return dialog


def review_file(
    controller: PortfolioController, parent: QWidget, entry_id: str, path: Path
) -> AttachReviewDialog | None:
    """Read ``path`` (in memory only) and open the review dialog; None after an error box."""
    try:
        data = controller.portfolio.attachments.read_file(path)
    except PortfolioError as exc:
        show_error(parent, str(exc))
        return None
    from portfolio.ui.documents.attach_review_dialog import AttachReviewDialog

    dialog = AttachReviewDialog(
        controller, entry_id=entry_id, filename=path.name, data=data, parent=parent
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


class NoteDialog(QDialog):
    """Edit the learner's note on how they used one document."""

    def __init__(self, summary: AttachmentSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteDialog")
        self.setWindowTitle(f"Note on {summary.filename}")
        prompt = QLabel(NOTE_PROMPT, self)
        prompt.setWordWrap(True)
        self.editor = QPlainTextEdit(summary.note, self)
        self.editor.setAccessibleName("How you used this document")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.resize(480, 260)


def edit_note(
    controller: PortfolioController, parent: QWidget, summary: AttachmentSummary
) -> NoteDialog:
    """Open the note editor; saving stores the note and announces the change."""
    dialog = NoteDialog(summary, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def save() -> None:
        note = dialog.editor.toPlainText()
        WriteOp(
            controller,
            parent,
            lambda pf: pf.attachments.annotate(attachment_id=summary.id, note=note),
        ).run(initiator=parent)

    dialog.accepted.connect(save)
    dialog.open()
    return dialog


def confirm_remove(
    controller: PortfolioController, parent: QWidget, summary: AttachmentSummary
) -> QMessageBox:
    """Ask before removing; the stored copy goes too when no other entry uses it."""
    shared = summary.also_used_by
    detail = (
        f"{', '.join(shared)} still use{'s' if len(shared) == 1 else ''} it, so it stays there."
        if shared
        else "The anonymised copy is deleted from your portfolio. Your own file is not touched."
    )
    box = QMessageBox(parent)
    box.setObjectName("confirmRemove")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Remove document")
    box.setText(f"Remove “{summary.filename}” from {summary.entry_ref}?")
    box.setInformativeText(detail)
    remove = box.addButton("Remove", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def done() -> None:
        if box.clickedButton() is not remove:
            return
        WriteOp(controller, parent, lambda pf: pf.attachments.remove(attachment_id=summary.id)).run(
            initiator=parent
        )

    box.finished.connect(done)
    box.open()
    return box
