"""AttachReviewDialog: check what the anonymiser found, fix it, preview, then store the copy.

The learner sees the document's text with every finding highlighted by category (or its pages
or picture), unticks false findings, adds missed words (they join the term list when the
document is stored), drags boxes over anything on a picture or page, previews the anonymised
result and stores it with a note on how they used it. Scanning and anonymising run on the pool
(they touch no database), storing on the writer lane; the original stays in memory only.

Words on the learner's kept list (not personal, remembered from earlier documents) start
unticked and are marked; storing adds the names unticked here to that list and takes off the
kept words ticked again. A word on the term list (to remove) is never kept: that list wins.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from portfolio.domain import keep_rules
from portfolio.services.attachment_content import DocumentPreview, PreparedDocument
from portfolio.services.attachments import AttachmentService, AttachResult
from portfolio.ui.controller import PortfolioController
from portfolio.ui.documents.findings_panel import FindingsPanel
from portfolio.ui.documents.page_view import PageView
from portfolio.ui.documents.picture_findings_panel import PictureFindingsPanel
from portfolio.ui.documents.result_view import PICTURE_KINDS, ResultView
from portfolio.ui.operations import WriteOp
from portfolio.ui.tasks import Task
from portfolio.ui.theme import SPACING


class AttachReviewDialog(QDialog):
    """Review and store one document on one entry; ``result`` is set once it is stored."""

    stored = Signal(object)  # AttachResult

    def __init__(
        self,
        controller: PortfolioController,
        *,
        entry_id: str,
        filename: str,
        data: bytes,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("attachReviewDialog")
        self.setWindowTitle(f"Attach {filename}")
        self._controller = controller
        self._entry_id = entry_id
        self._filename = filename
        self._data = data
        self._terms = controller.portfolio.attachments.terms()
        self._kept = controller.portfolio.attachments.kept()
        self._new_terms: list[str] = []
        self._kind = ""
        self._task: Task | None = None
        self._generation = 0
        self._prepared: PreparedDocument | None = None
        self._prepared_inputs: object = None
        self._store_after_prepare = False
        self._storing = False
        self.attach_result: AttachResult | None = None
        self.last_progress: tuple[int, int, str] | None = None
        self._build()
        self.resize(1100, 760)
        self._scan()

    # -- layout -----------------------------------------------------------------------------

    def _build(self) -> None:
        intro = QLabel(
            f"<b>Check what will be removed from {self._filename}</b><br>"
            "Only the anonymised copy is kept in your portfolio; your original file is not "
            "changed or copied.",
            self,
        )
        intro.setWordWrap(True)
        self.findings = FindingsPanel(self)
        self.page_view = PageView(self, editable=True)
        self.result_view = ResultView(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.findings.text_view, "Text")
        self.tabs.addTab(self.page_view, "Pages")
        self.tabs.addTab(self.result_view, "Result (what will be stored)")

        self.term_edit = QLineEdit(self)
        self.term_edit.setPlaceholderText("A name or word the app missed")
        self.term_edit.setAccessibleName("Word to remove")
        self.add_term_button = QPushButton("Remove this word too", self)
        self.terms_label = QLabel(self)
        self.terms_label.setWordWrap(True)
        self.terms_label.setObjectName("muted")
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setObjectName("attachmentNote")
        self.note_edit.setPlaceholderText(
            "For example: I followed steps 2 and 3 of this flowchart when a customer complained."
        )
        self.note_edit.setAccessibleName("How you used this document")
        self.note_edit.setFixedHeight(80)
        self.picture_hint = QLabel(
            "<b>This is a picture.</b><br>The app read the words in it and looked for faces: "
            "what it found is boxed below and will be blacked out. Check it yourself and drag "
            "a box over any signature, badge or face it missed. Hidden details saved with the "
            "photo (camera, place, author) are removed for you.",
            self,
        )
        self.picture_hint.setWordWrap(True)
        self.picture_hint.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.picture_hint.setVisible(False)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.picture_hint)
        self.picture_findings = PictureFindingsPanel(side)
        self.picture_findings.setVisible(False)
        side_layout.addWidget(self.picture_findings, 1)
        side_layout.addWidget(self.findings, 1)
        self.text_tools = QWidget(side)
        tools = QVBoxLayout(self.text_tools)
        tools.setContentsMargins(0, 0, 0, 0)
        missed = QLabel("Missed a name or word?", self.text_tools)
        missed.setObjectName("sectionTitle")
        tools.addWidget(missed)
        tools.addWidget(self.term_edit)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.add_term_button)
        tools.addLayout(row)
        tools.addWidget(self.terms_label)
        side_layout.addWidget(self.text_tools)
        side_layout.addWidget(QLabel("How did you use this document at work?", side))
        side_layout.addWidget(self.note_edit)
        splitter = QSplitter(self)
        splitter.addWidget(self.tabs)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([640, 440])

        self.status = QLabel(self)
        self.status.setObjectName("attachStatus")
        self.status.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        self.buttons = QDialogButtonBox(self)
        self.preview_button = self.buttons.addButton(
            "Preview result", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.attach_button = self.buttons.addButton(
            "Attach anonymised copy", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.attach_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)

        self.add_term_button.clicked.connect(self._on_add_term_clicked)
        self.term_edit.returnPressed.connect(self._on_add_term_clicked)
        self.preview_button.clicked.connect(self._on_preview_clicked)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.attach_button.clicked.connect(self._on_attach_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.findings.rejected_changed.connect(self._invalidate)
        self.page_view.regions_changed.connect(self._invalidate)
        self.picture_findings.rejected_changed.connect(self._on_picture_findings_changed)
        self.picture_findings.finding_selected.connect(self._on_picture_finding_selected)
        self._set_busy("Looking for personal data…")

    # -- state ------------------------------------------------------------------------------

    @property
    def is_busy(self) -> bool:
        return self._task is not None

    def _inputs(self) -> object:
        return (
            tuple(self._new_terms),
            tuple(self.findings.rejected()),
            tuple(self.picture_findings.rejected()),
            tuple(self.page_view.regions()),
        )

    def _set_busy(self, message: str) -> None:
        self.status.setText(message)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        for widget in (self.preview_button, self.attach_button, self.add_term_button):
            widget.setEnabled(False)

    def _set_idle(self, message: str = "") -> None:
        self._task = None
        self.progress.setVisible(False)
        self.status.setText(message)
        ready = bool(self._kind)
        self.preview_button.setEnabled(ready)
        self.attach_button.setEnabled(ready)
        self.add_term_button.setEnabled(ready and self._kind not in PICTURE_KINDS)
        self.term_edit.setEnabled(ready and self._kind not in PICTURE_KINDS)

    def _start(self, work: object, on_done: object, *, writes: bool = False) -> None:
        self._generation += 1
        generation = self._generation

        def done(result: object) -> None:
            if generation == self._generation:
                on_done(result)  # type: ignore[operator]

        def failed(message: str) -> None:
            if generation == self._generation:
                self._on_failed(message)

        def cancelled() -> None:
            if generation == self._generation:
                self._set_idle("Stopped. Nothing was stored.")

        self._task = self._controller.tasks.start(
            work,  # type: ignore[arg-type]
            on_done=done,
            on_error=failed,
            on_progress=self._on_progress,
            on_cancelled=cancelled,
            writes=writes,
        )

    # -- scanning ---------------------------------------------------------------------------

    def _scan(self) -> None:
        data, name, terms = self._data, self._filename, [*self._terms, *self._new_terms]

        def work(progress: object = None, cancel: object = None) -> DocumentPreview:
            return AttachmentService.preview(data, filename=name, terms=terms)

        self._start(work, self._on_scanned)

    def _kept_in_force(self) -> list[str]:
        """The kept words this document leaves: a word added to remove here wins too."""
        return keep_rules.in_force(self._kept, [*self._terms, *self._new_terms])

    def _on_scanned(self, preview: DocumentPreview) -> None:
        first = not self._kind
        self._kind = preview.kind
        kept = self._kept_in_force()
        self.findings.set_remembered(kept)
        self.picture_findings.set_remembered(kept)
        self.findings.set_content(preview.text, preview.findings)
        self.picture_findings.set_findings(preview.pictures)
        picture = preview.kind in PICTURE_KINDS
        if first:
            if picture:
                self.page_view.show_image(self._data)
            elif preview.kind == "pdf":
                self.page_view.show_pdf(self._data)
            self.tabs.setTabVisible(0, not picture)
            self.findings.setVisible(not picture)
            self.text_tools.setVisible(not picture)
            self.picture_hint.setVisible(picture)
            self.tabs.setTabVisible(1, picture or preview.kind == "pdf")
            self.tabs.setTabText(1, "Picture" if picture else "Pages")
            self.tabs.setCurrentIndex(1 if picture else 0)
        self.picture_findings.setVisible(picture or bool(preview.pictures))
        self.picture_findings.heading.setText(
            "Found in the picture" if picture else "Found on scanned pages"
        )
        self._show_picture_marks()
        self._invalidate()
        count = len(self.findings.groups()) + (0 if picture else len(preview.pictures))
        if picture:
            faces = sum(1 for p in preview.pictures if p.category == "face")
            found = [_count(faces, "face")] if faces else []
            texts = len(preview.pictures) - faces
            found += [_count(texts, "piece") + " of personal data"] if texts else []
            message = (
                f"Found {' and '.join(found)} in the picture: "
                if found
                else "Nothing personal was found in the picture: "
            ) + "drag boxes over anything else personal, then press Attach."
        elif count:
            message = f"Found {_count(count, 'piece')} of personal data."
            remembered = sum(self.findings.is_remembered(g.key) for g in self.findings.groups())
            if remembered:
                message += (
                    f" {remembered} {'is' if remembered == 1 else 'are'} on your kept list "
                    "(not personal) and left unticked: tick one to remove it, and it leaves "
                    "the list."
                )
        else:
            message = "No personal data found. Check the text, and add any word the app missed."
        self._set_idle(message)

    def _on_add_term_clicked(self) -> None:
        term = " ".join(self.term_edit.text().split())
        if len(term) < 2:
            self.status.setText("Type at least two letters of the word to remove.")
            return
        known = {t.casefold() for t in [*self._terms, *self._new_terms]}
        if term.casefold() not in known:
            self._new_terms.append(term)
        self.term_edit.clear()
        overridden = [k for k in self._kept if k not in self._kept_in_force()]
        self.terms_label.setText(
            "Also removing: "
            + ", ".join(self._new_terms)
            + ". These words are added to your word list when you attach."
            + (
                f" {', '.join(overridden)} {'is' if len(overridden) == 1 else 'are'} on your "
                "kept list too: a word to remove always wins, so it is removed."
                if overridden
                else ""
            )
        )
        self._set_busy("Looking again…")
        self._scan()

    # -- preparing and storing --------------------------------------------------------------

    def _invalidate(self) -> None:
        if self._prepared is not None and self._prepared_inputs != self._inputs():
            self._prepared = None
            self.result_view.notes.setText("Changed since the last preview: press Preview result.")

    def _prepare(self) -> None:
        data, name = self._data, self._filename
        terms = [*self._terms, *self._new_terms]
        rejected = [*self.findings.rejected(), *self.picture_findings.rejected()]
        regions = self.page_view.regions()
        inputs = self._inputs()

        def work(progress: object = None, cancel: object = None) -> tuple[object, object, str]:
            prepared = AttachmentService.prepare(
                data,
                filename=name,
                terms=terms,
                rejected=rejected,
                regions=regions,
                progress=progress,  # type: ignore[arg-type]
                cancel=cancel,  # type: ignore[arg-type]
            )
            text = ""
            if prepared.kind not in (*PICTURE_KINDS, "pdf"):
                text = AttachmentService.preview(prepared.data, filename=prepared.filename).text
            return prepared, inputs, text

        self._set_busy("Removing personal data…")
        self._start(work, self._on_prepared)

    def _on_prepared(self, outcome: tuple[PreparedDocument, object, str]) -> None:
        prepared, inputs, text = outcome
        self._prepared, self._prepared_inputs = prepared, inputs
        self._show_result(prepared, text)
        if self._store_after_prepare:
            self._store()
            return
        self.tabs.setCurrentIndex(2)
        self._set_idle("This is what will be stored. Press Attach when you are happy.")

    def _show_result(self, prepared: PreparedDocument, text: str) -> None:
        report = prepared.report
        removed = f"{report.total} item{'s' if report.total != 1 else ''} removed"
        if prepared.regions:
            removed += (
                f", {prepared.regions} area{'s' if prepared.regions != 1 else ''} blacked out"
            )
        lines = [f"Will be stored as “{prepared.filename}”: {removed}.", *report.notes]
        self.result_view.notes.setText("\n".join(lines))
        self.result_view.show_document(prepared.kind, prepared.data, text, page=self.page_view.page)

    def _store(self) -> None:
        self._store_after_prepare = False
        prepared = self._prepared
        assert prepared is not None
        entry_id = self._entry_id
        note, terms = self.note_edit.toPlainText(), list(self._new_terms)
        keep, forget = self.remembered_changes()
        self._set_busy("Saving the anonymised copy in your portfolio…")
        self._storing = True
        self.cancel_button.setEnabled(False)  # a store is one short transaction: let it finish
        self._generation += 1  # a scan still running can no longer overwrite this
        WriteOp(
            self._controller,
            self,
            lambda pf: pf.attachments.store(
                entry_id=entry_id,
                prepared=prepared,
                note=note,
                new_terms=terms,
                keep=keep,
                forget=forget,
            ),
        ).success(self._on_stored).failure(self._on_failed, quiet=True).run(initiator=self)

    def remembered_changes(self) -> tuple[list[str], list[str]]:
        """(words to add to the kept list, words to take off it) once this document is stored:
        from the text's findings and the picture's (or scanned pages') alike."""
        keep, forget = self.findings.remembered_changes()
        more_keep, more_forget = self.picture_findings.remembered_changes()
        return _distinct([*keep, *more_keep]), _distinct([*forget, *more_forget])

    def _on_stored(self, result: AttachResult) -> None:
        """The helper has announced the Changes; show the result and close."""
        self._storing = False
        self.attach_result = result
        self._set_idle("Attached.")
        self.stored.emit(result)
        self.accept()

    def _show_picture_marks(self) -> None:
        self.page_view.set_marks(self.picture_findings.marks())

    # -- slots ------------------------------------------------------------------------------

    def _on_picture_findings_changed(self) -> None:
        self._show_picture_marks()
        self._invalidate()

    def _on_picture_finding_selected(self, finding: object) -> None:
        page = getattr(finding, "page", 0)
        if self._kind == "pdf" and page != self.page_view.page:
            self.page_view.show_page(page)
        self.tabs.setCurrentWidget(self.page_view)

    def _on_preview_clicked(self) -> None:
        self._prepare()

    def _on_tab_changed(self, index: int) -> None:
        """Opening the Result tab shows the result: it is prepared then, never left blank
        until "Preview result" is pressed."""
        if self.tabs.widget(index) is not self.result_view:
            return
        if self._prepared is not None and self._prepared_inputs == self._inputs():
            return
        if self.preview_button.isEnabled():
            self._prepare()
        else:
            self.result_view.notes.setText("The result appears here once the file is read.")

    def _on_attach_clicked(self) -> None:
        if self._prepared is not None and self._prepared_inputs == self._inputs():
            self._store()
        else:
            self._store_after_prepare = True
            self._prepare()

    def _on_cancel_clicked(self) -> None:
        if self._task is not None:
            self._task.cancel()
            return
        self.reject()

    def _on_progress(self, done: int, total: int, message: str) -> None:
        self.last_progress = (done, total, message)
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        if message:
            self.status.setText(message + "…")

    def _on_failed(self, message: str) -> None:
        self._store_after_prepare = False
        self._storing = False
        self.cancel_button.setEnabled(True)
        self._set_idle("")
        self.status.setText(message)
        self.status.setProperty("error", True)
        if not self._kind:  # the document itself is unusable: nothing to review
            self.preview_button.setEnabled(False)
            self.attach_button.setEnabled(False)
            self.cancel_button.setText("Close")

    def reject(self) -> None:
        if self._storing:
            return  # closing now would hide a change that is about to be saved
        if self._task is not None:
            self._task.cancel()
            self._generation += 1  # whatever it returns now is ignored
            self._task = None
        super().reject()


def _distinct(texts: list[str]) -> list[str]:
    first: dict[str, str] = {}
    for text in texts:
        first.setdefault(keep_rules.key(text), text)
    return list(first.values())


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"
