"""ExportDialog: check the portfolio, choose what goes in the submission PDF, export in the
background, open it.

Entry point for the main window (File > Export PDF...)::

    ExportDialog(controller, parent=window, settings=window.settings).exec()

It opens with the check before export (issue 14 item 7): every problem an export with the
chosen options would carry, each with its fix (``ChecklistPanel``). The check runs on the task
pool and runs again after every fix and every change of options. Personal data the learner has
neither replaced nor kept stops the export (the service refuses it too), and the dialog says
which entries. "Go to entry" closes the dialog and opens the entry in the main window.

The export runs on the task pool (it only reads the portfolio) with a progress bar and a Cancel
button; a cancelled or failed export leaves no file (the core writes atomically).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from portfolio.domain.changes import Changes
from portfolio.export.check import CheckReport
from portfolio.export.options import ExportOptions
from portfolio.ui.controller import PortfolioController
from portfolio.ui.errors import show_error
from portfolio.ui.export.checklist_panel import ChecklistPanel
from portfolio.ui.settings import AppSettings
from portfolio.ui.tasks import Task
from portfolio.ui.theme import SPACING
from portfolio.ui.widgets.collapsible_section import CollapsibleSection


class ExportDialog(QDialog):
    entry_requested = Signal(str)  # "Go to entry" (the dialog closes first)
    checked = Signal()  # a check finished and the checklist shows it

    def __init__(
        self,
        controller: PortfolioController,
        parent: QWidget | None = None,
        settings: AppSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export submission PDF")
        self.setMinimumWidth(560)
        self._controller = controller
        self._task: Task | None = None
        self._check_task: Task | None = None
        self._check_generation = 0
        self.report: CheckReport | None = None
        self.result_path: Path | None = None

        self.checklist = ChecklistPanel(controller, self)
        self.checklist.summary.setText("Checking your portfolio…")
        self.checklist.list.setMinimumHeight(140)  # four lines; it grows with the dialog
        self.checklist.fixed.connect(self.check_now)
        self.checklist.entry_requested.connect(self._on_checklist_entry_requested)
        check_box = QGroupBox("Before you export")
        check_layout = QVBoxLayout(check_box)
        check_layout.addWidget(self.checklist)

        intro = QLabel(
            "Make the PDF you hand in: cover sheet, declarations, mapping grid for each unit, "
            "every entry and its attachments."
        )
        intro.setWordWrap(True)

        self.path_edit = QLineEdit(str(self._default_path()))
        self.path_edit.setObjectName("exportPath")
        self.path_edit.setAccessibleName("Save the PDF as")
        choose = QPushButton("Choose…")
        choose.clicked.connect(self._on_choose_clicked)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(choose)

        self.units = QListWidget()
        self.units.setObjectName("exportUnits")
        self.units.setAccessibleName("Units to include")
        for unit_id, label in controller.portfolio.exporting.unit_choices():
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, unit_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.units.addItem(item)
        self.units.setMaximumHeight(24 * max(2, min(6, self.units.count())) + 8)
        units_box = QGroupBox("Units")
        units_layout = QVBoxLayout(units_box)
        units_layout.addWidget(self.units)

        self.drafts = QCheckBox("Include draft entries")
        self.drafts.setChecked(True)
        self.feedback = QCheckBox("Include reviewer feedback and assessment decisions")
        self.feedback.setChecked(True)
        self.attachments = QCheckBox(
            "Include attachments (images in entries, documents as appendices)"
        )
        self.attachments.setChecked(True)
        self.employer = QCheckBox("Show my employer's name on the cover sheet")
        self.charts = QCheckBox(
            "Add progress charts (criteria over time, off-the-job hours, entries per month)"
        )
        self.charts.setObjectName("includeCharts")
        choices_box = QGroupBox()
        choices_layout = QVBoxLayout(choices_box)
        for box, _short in self._choice_names():
            choices_layout.addWidget(box)
            box.toggled.connect(self._update_choices_summary)
        # Folded by default: most people keep these, and folded they let the dialog fit a
        # 1366x768 laptop without scrolling (the section stays open once a person opens it).
        self.choices = CollapsibleSection("What to &include", choices_box)
        self.choices.setObjectName("exportChoices")
        self._settings = settings or AppSettings(persistent=False)
        self.choices.set_open(self._settings.export_choices_open())
        self.choices.toggled.connect(self._settings.set_export_choices_open)
        self._update_choices_summary()

        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.setVisible(False)
        self.status = QLabel("")
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)

        self.open_button = QPushButton("Open PDF")
        self.open_button.setObjectName("openPdf")
        self.open_button.setVisible(False)
        self.open_button.clicked.connect(self._on_open_clicked)
        self.export_button = QPushButton("Export")
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button = QPushButton("Close")
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING * 2, SPACING * 2, SPACING * 2, SPACING * 2)
        layout.setSpacing(SPACING)
        layout.addWidget(intro)
        layout.addWidget(check_box, 1)
        layout.addWidget(QLabel("Save the PDF as"))
        layout.addLayout(path_row)
        layout.addWidget(units_box)
        layout.addWidget(self.choices)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        for box in (self.drafts, self.feedback, self.attachments):
            box.toggled.connect(self.check_now)
        self.units.itemChanged.connect(self.check_now)
        controller.changed.connect(self._on_controller_changed)
        self.check_now()
        self.checklist.list.setFocus()

    # -- the check before export ---------------------------------------------------------

    def check_now(self) -> None:
        """Check again with the current choices, in the background (a newer check wins)."""
        if not self._controller.is_open:
            return
        options = self.options()
        if options.units == ():
            self._show_report(CheckReport(()))
            return
        self._check_generation += 1
        generation = self._check_generation
        service = self._controller.portfolio.export_check

        def done(report: object) -> None:
            if generation == self._check_generation:
                self._check_task = None
                self._show_report(report)  # type: ignore[arg-type]

        def failed(message: str) -> None:
            if generation == self._check_generation:
                self._check_task = None
                self.checklist.summary.setText(f"The check did not finish: {message}")
                self._update_export_button()
                self.checked.emit()

        self._check_task = self._controller.tasks.start(
            lambda: service.check(options), on_done=done, on_error=failed, pass_progress=False
        )

    @property
    def checking(self) -> bool:
        return self._check_task is not None

    def _show_report(self, report: CheckReport) -> None:
        self.report = report
        self.checklist.set_problems(report.problems)
        self._update_export_button()
        self.checked.emit()

    def blocking_refs(self) -> list[str]:
        """Entries whose personal data stops the export (neither replaced nor kept)."""
        return self.report.blocking_refs() if self.report is not None else []

    def _update_export_button(self) -> None:
        blocked = self.blocking_refs()
        self.export_button.setEnabled(not blocked and not self.running)
        if blocked:
            self.status.setText(
                f"Replace or keep the personal data in {', '.join(blocked)} before exporting."
            )
        elif self.status.text().startswith("Replace or keep"):
            self.status.setText("")

    def _on_controller_changed(self, changes: Changes) -> None:
        if changes.entries or changes.evidence or changes.review or changes.learner:
            self.check_now()

    def _on_checklist_entry_requested(self, entry_id: str) -> None:
        opener = getattr(self.parent(), "open_entry", None)
        self.reject()
        self.entry_requested.emit(entry_id)
        if callable(opener):
            opener(entry_id)

    # -- choices -------------------------------------------------------------------------

    def _choice_names(self) -> tuple[tuple[QCheckBox, str], ...]:
        """Each option with the word the folded section's summary uses for it."""
        return (
            (self.drafts, "drafts"),
            (self.feedback, "feedback"),
            (self.attachments, "attachments"),
            (self.employer, "employer"),
            (self.charts, "charts"),
        )

    def _update_choices_summary(self) -> None:
        chosen = [short for box, short in self._choice_names() if box.isChecked()]
        self.choices.set_summary(", ".join(chosen) if chosen else "nothing extra")

    def options(self) -> ExportOptions:
        """The learner's choices as export options (all units checked means every unit)."""
        items = [self.units.item(i) for i in range(self.units.count())]
        chosen = tuple(
            str(i.data(Qt.ItemDataRole.UserRole))
            for i in items
            if i.checkState() == Qt.CheckState.Checked
        )
        return ExportOptions(
            units=None if len(chosen) == len(items) else chosen,
            include_drafts=self.drafts.isChecked(),
            include_feedback=self.feedback.isChecked(),
            include_attachments=self.attachments.isChecked(),
            show_employer=self.employer.isChecked(),
            include_charts=self.charts.isChecked(),
        )

    @property
    def running(self) -> bool:
        return self._task is not None

    # -- export --------------------------------------------------------------------------

    def start_export(self) -> None:
        path = Path(self.path_edit.text().strip()).expanduser()
        options = self.options()
        if options.units == ():
            self.status.setText("Choose at least one unit to export.")
            return
        blocked = self.blocking_refs()
        if blocked:
            self.status.setText(
                f"Replace or keep the personal data in {', '.join(blocked)} before exporting."
            )
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
            self.path_edit.setText(str(path))
        service = self._controller.portfolio.exporting

        def work(progress, cancel):
            return service.export_pdf(path, options=options, progress=progress, cancel=cancel)

        self._set_running(True)
        self.status.setText("Exporting…")
        self._task = self._controller.tasks.start(
            work,
            on_done=self._on_export_done,
            on_error=self._on_export_failed,
            on_progress=self._on_export_progress,
            on_cancelled=self._on_export_cancelled,
        )

    def _on_export_progress(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if message:
            self.status.setText(message)

    def _on_export_done(self, result: object) -> None:
        self._set_running(False)
        self.result_path = Path(result.path)  # type: ignore[attr-defined]
        pages = result.pages  # type: ignore[attr-defined]
        # what the export report adds: characters shown as "�", why the file is not PDF/A
        notes: list[str] = getattr(result, "report_lines", list)()
        self.status.setText(
            "\n".join(
                [
                    f"Saved {pages} pages to {self.result_path}. Fingerprint {result.fingerprint}.",  # type: ignore[attr-defined]
                    *notes,
                ]
            )
        )
        self.open_button.setVisible(True)
        self.open_button.setFocus()

    def _on_export_failed(self, message: str) -> None:
        self._set_running(False)
        self.status.setText("The export did not finish; no file was written.")
        show_error(self, message)

    def _on_export_cancelled(self) -> None:
        self._set_running(False)
        self.status.setText("Export cancelled; no file was written.")

    def _set_running(self, running: bool) -> None:
        if not running:
            self._task = None
        self.progress.setVisible(running or self.progress.isVisible())
        if running:
            self.progress.setRange(0, 0)
            self.open_button.setVisible(False)
        self.export_button.setEnabled(not running and not self.blocking_refs())
        self.cancel_button.setText("Cancel" if running else "Close")

    # -- buttons -------------------------------------------------------------------------

    def _on_cancel_clicked(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.status.setText("Cancelling…")
        else:
            self.reject()

    def _on_choose_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Save the PDF as", self.path_edit.text(), "PDF files (*.pdf)"
        )
        if path:
            self.path_edit.setText(path)

    def _on_open_clicked(self) -> None:
        if self.result_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result_path)))

    def _default_path(self) -> Path:
        source = self._controller.path
        if source is None:
            return Path.home() / "portfolio.pdf"
        return source.with_name(f"{source.stem}-submission.pdf")

    def reject(self) -> None:
        """Closing while an export runs cancels it and waits, so no thread outlives us."""
        if self._task is not None:
            self._task.cancel()
        if self._task is not None or self._check_task is not None:
            self._controller.tasks.wait()
        self._check_generation += 1  # a check still to report is ignored
        self._check_task = None
        super().reject()
