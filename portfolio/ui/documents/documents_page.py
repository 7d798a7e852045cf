"""The Documents page: every attached (anonymised) document, the entries using it, the notes.

The learner can preview a document here, open it in the system's viewer (through a temporary
copy that is deleted when the portfolio closes), save a copy, change the note on how they used
it, or remove it. Attaching happens from an entry (the editor's AttachmentsPanel), because every
document is evidence for an entry.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from portfolio.domain.attachments import AttachmentSummary, human_size
from portfolio.domain.changes import Changes
from portfolio.errors import PortfolioError
from portfolio.ui.controller import PortfolioController
from portfolio.ui.documents.attachment_actions import NoteDialog, confirm_remove, edit_note
from portfolio.ui.documents.attachment_table_model import (
    NOTE_COLUMN,
    AttachmentTableModel,
    RowSource,
)
from portfolio.ui.documents.result_view import ResultView
from portfolio.ui.documents.temp_documents import TempDocuments
from portfolio.ui.errors import show_error
from portfolio.ui.theme import SPACING
from portfolio.ui.widgets.fill_on_show import FillOnShow

INTRO = "Only anonymised copies are kept in your portfolio."
CHOOSE = " Select a document to see it."  # said only when there is one to select
EMPTY_TEXT = (
    "No documents attached yet.\n\nWorkplace documents such as greeting scripts or complaint "
    "flowcharts, anonymised and annotated with how you used them, make strong evidence. "
    "Open an entry and press “Attach document…”, or drop a file on it."
)


class DocumentsPage(QWidget):
    def __init__(self, controller: PortfolioController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.temp_documents = TempDocuments(self)
        title = QLabel("Documents", self)
        title.setObjectName("pageTitle")
        self.intro = intro = QLabel(INTRO, self)
        intro.setObjectName("muted")
        intro.setWordWrap(True)  # large fonts: the line wraps instead of widening the window
        self.model = AttachmentTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("documentsTable")
        self.table.setAccessibleName("Attached documents")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(NOTE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        self.table.setColumnWidth(0, 180)
        self.table.setColumnWidth(1, 210)
        self.empty_state = QLabel(EMPTY_TEXT, self)
        self.empty_state.setObjectName("emptyState")
        self.empty_state.setWordWrap(True)
        self.empty_state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.open_button = QPushButton("Open", self)
        self.save_button = QPushButton("Save a copy…", self)
        self.note_button = QPushButton("Edit note…", self)
        self.remove_button = QPushButton("Remove", self)
        self.note_label = QLabel(self)
        self.note_label.setObjectName("documentNote")
        self.note_label.setWordWrap(True)
        self.preview = ResultView(self)
        preview_box = QWidget(self)
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(self.note_label)
        preview_layout.addWidget(self.preview, 1)
        self.splitter = QSplitter(self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(preview_box)
        self.splitter.setSizes([640, 420])
        # The row's actions act on the chosen document: hidden while there is none to choose
        # (disabled, they still read as buttons), so Tab does not stop on them either.
        self.action_row = QWidget(self)
        self.action_row.setObjectName("documentActions")
        buttons = QHBoxLayout(self.action_row)
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.open_button, self.save_button, self.note_button, self.remove_button):
            button.setParent(self.action_row)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.action_row)
        # Tab goes from the list to the actions on its chosen document, as before they moved
        # into a row of their own.
        chain = (self.table, self.open_button, self.save_button, self.note_button)
        for first, second in zip(chain, (*chain[1:], self.remove_button), strict=True):
            QWidget.setTabOrder(first, second)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.empty_state, 1)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.doubleClicked.connect(lambda _: self.open_selected())
        self.open_button.clicked.connect(self.open_selected)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.note_button.clicked.connect(self.edit_selected_note)
        self.remove_button.clicked.connect(self.remove_selected)
        self._fill = FillOnShow(self, self.reload)  # a hidden page fills when first shown
        controller.opened.connect(lambda _: self._fill.fill_when_shown())
        controller.closed.connect(self._on_controller_closed)
        controller.changed.connect(self._on_controller_changed)
        self.reload()

    # -- public -----------------------------------------------------------------------------

    def reload(self) -> None:
        selected = self.selected()
        if self._controller.is_open:
            service = self._controller.portfolio.attachments
            # Read as shown (the model asks for a block of rows at a time), not every row.
            self.model.set_source(RowSource(service.live_count(), service.page, service.position))
        else:
            self.model.set_source(RowSource.of(()))
        rows = self.model.rowCount()
        self.splitter.setVisible(bool(rows))
        self.action_row.setVisible(bool(rows))
        self.intro.setText(INTRO + (CHOOSE if rows else ""))
        self.empty_state.setVisible(not rows)
        row = self.model.row_of(selected.id) if selected else -1
        if row < 0 and rows:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        else:
            self._show(None)

    def selected(self) -> AttachmentSummary | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.summary(rows[0].row()) if rows else None

    def select(self, attachment_id: str) -> None:
        self._fill.flush()
        row = self.model.row_of(attachment_id)
        if row >= 0:
            self.table.selectRow(row)

    def open_selected(self) -> None:
        """Open the anonymised copy in the system's viewer (a temporary copy)."""
        summary = self.selected()
        if summary is None:
            return
        try:
            data = self._controller.portfolio.attachments.read(summary.id)
            self.temp_documents.open(data, summary.filename)
        except (PortfolioError, OSError) as exc:
            show_error(self, f"The document could not be opened: {exc}")

    def save_copy(self, destination: str) -> None:
        summary = self.selected()
        if summary is None or not destination:
            return
        try:
            self._controller.portfolio.attachments.save_copy(summary.id, destination)
        except PortfolioError as exc:
            show_error(self, str(exc))

    def edit_selected_note(self) -> NoteDialog | None:
        summary = self.selected()
        if summary is None or not self._writable():
            return None
        return edit_note(self._controller, self, summary)

    def remove_selected(self) -> QWidget | None:
        summary = self.selected()
        if summary is None or not self._writable():
            return None
        return confirm_remove(self._controller, self, summary)

    # -- internals --------------------------------------------------------------------------

    def _writable(self) -> bool:
        if not self._controller.is_open:
            return False
        portfolio = self._controller.portfolio
        return not (portfolio.read_only or portfolio.actor.is_reviewer)

    def _show(self, summary: AttachmentSummary | None) -> None:
        for button in (self.open_button, self.save_button):
            button.setEnabled(summary is not None)
        for button in (self.note_button, self.remove_button):
            button.setEnabled(summary is not None and self._writable())
        if summary is None:
            self.note_label.clear()
            self.preview.clear()
            return
        used = f"Used in {summary.entry_ref} “{summary.entry_title or 'untitled'}”"
        if summary.also_used_by:
            used += f" and in {', '.join(summary.also_used_by)}"
        note = summary.note or "No note yet: press “Edit note…” and say how you used it."
        kind = f"{summary.kind_label}, {human_size(summary.size)}"
        heading = f"<b>{_escape(summary.filename)}</b> ({kind})"
        self.note_label.setText(
            f"{heading}<br>{_escape(used)}.<br><i>How you used it:</i> {_escape(note)}"
        )
        try:
            service = self._controller.portfolio.attachments
            data = service.read(summary.id)
            kind = _kind(summary.media_type)
            text = "" if kind in ("pdf", "png", "jpeg") else service.preview(
                data, filename=summary.filename
            ).text  # fmt: skip
        except PortfolioError as exc:
            self.preview.clear()
            self.preview.notes.setText(str(exc))
            self.preview.notes.setVisible(True)
            return
        self.preview.notes.clear()
        self.preview.notes.setVisible(False)
        self.preview.show_document(kind, data, text)

    def _on_selection_changed(self, *_: QItemSelection) -> None:
        self._show(self.selected())

    def _on_save_clicked(self) -> None:
        summary = self.selected()
        if summary is None:
            return
        dialog = QFileDialog(self, "Save a copy", summary.filename)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.save_copy)
        dialog.open()

    def _on_controller_closed(self) -> None:
        self.temp_documents.cleanup()  # nothing of the learner's stays on the machine
        self.reload()

    def _on_controller_changed(self, changes: Changes) -> None:
        if (changes.attachments or changes.entries) and not self._fill.pending:
            self.reload()


_KINDS = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpeg",
    "text/markdown": "markdown",
    "text/plain": "text",
}


def _kind(media_type: str) -> str:
    return _KINDS.get(media_type, "docx")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
