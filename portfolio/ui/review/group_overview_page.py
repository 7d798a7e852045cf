"""GroupOverviewPage: a folder of learners' portfolios at a glance, with CSV and PDF export.

The scan runs on the shared pool (it never touches the open portfolio) with progress and cancel;
files that cannot be read are listed under the table with the reason. Double-clicking a learner
(or "Open learner") emits ``open_learner_requested(path)`` for the main window to act on.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from portfolio.domain.review import GroupOverview
from portfolio.errors import PortfolioError
from portfolio.review.group_report import DEFAULT_QUIET_WEEKS, MAX_QUIET_WEEKS
from portfolio.services import reviewing
from portfolio.ui.controller import PortfolioController
from portfolio.ui.errors import show_error, show_exception
from portfolio.ui.review.group_table_model import (
    ATTENTION_ROLE,
    PATH_ROLE,
    SORT_ROLE,
    GroupTableModel,
)
from portfolio.ui.tasks import Task, TaskRunner
from portfolio.ui.theme import SPACING


class GroupOverviewPage(QWidget):
    open_learner_requested = Signal(str)  # path of the learner's .portfolio file
    scan_finished = Signal(object)  # the GroupOverview
    scan_failed = Signal(str)

    def __init__(
        self, controller: PortfolioController | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("groupOverviewPage")
        self._tasks = controller.tasks if controller is not None else TaskRunner(self)
        self._task: Task | None = None
        self._folder: Path | None = None
        self._overview: GroupOverview | None = None

        heading = QLabel("Group overview")
        heading.setObjectName("pageHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        self.folder_label = QLabel("Choose the folder that holds your learners' portfolio files.")
        self.folder_label.setObjectName("groupFolder")
        self.folder_label.setWordWrap(True)
        self.choose_button = QPushButton("Choose folder…")
        self.refresh_button = QPushButton("Refresh")
        self.open_button = QPushButton("Open learner")
        self.csv_button = QPushButton("Export CSV…")
        self.pdf_button = QPushButton("Export PDF…")
        for button, name in (
            (self.choose_button, "chooseFolderButton"),
            (self.refresh_button, "refreshButton"),
            (self.open_button, "openLearnerButton"),
            (self.csv_button, "exportCsvButton"),
            (self.pdf_button, "exportPdfButton"),
        ):
            button.setObjectName(name)

        self.progress = QProgressBar()
        self.progress.setObjectName("groupProgress")
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("cancelScanButton")

        # Who needs attention (issue 21): behind on off-the-job hours, or no new evidence for
        # N weeks; the table can show only them.
        self.quiet_weeks = QSpinBox()
        self.quiet_weeks.setObjectName("quietWeeks")
        self.quiet_weeks.setRange(1, MAX_QUIET_WEEKS)
        self.quiet_weeks.setValue(DEFAULT_QUIET_WEEKS)
        self.quiet_weeks.setSuffix(" weeks")
        self.quiet_weeks.setAccessibleName("Flag learners with no new evidence for this many weeks")
        self.attention_only = QCheckBox("Only learners needing attention")
        self.attention_only.setObjectName("attentionOnly")
        self.attention_only.setToolTip(
            "Learners behind on off-the-job hours, or with no new evidence for the weeks given"
        )

        self.model = GroupTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterRole(ATTENTION_ROLE)
        self.proxy.setFilterKeyColumn(0)
        self.table = QTableView()
        self.table.setObjectName("groupTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName("Learners in the folder")

        self.summary_label = QLabel()
        self.summary_label.setObjectName("groupSummary")
        self.failures_label = QLabel()
        self.failures_label.setObjectName("groupFailuresLabel")
        self.failures = QListWidget()
        self.failures.setObjectName("groupFailures")
        self.failures.setAccessibleName("Files that could not be read")
        self.failures.setWordWrap(True)
        # A few lines each, in lines of the font (a fixed 110 pixels outgrew the learners'
        # table at 200 %): the table keeps room for three learners, the failures scroll.
        lines = self.fontMetrics().lineSpacing()
        self.failures.setMaximumHeight(4 * lines)
        self.table.setMinimumHeight(6 * lines)

        actions = QHBoxLayout()
        actions.addWidget(self.choose_button)
        actions.addWidget(self.refresh_button)
        actions.addStretch(1)
        actions.addWidget(self.open_button)
        actions.addWidget(self.csv_button)
        actions.addWidget(self.pdf_button)
        attention_row = QHBoxLayout()
        quiet_label = QLabel("Flag no new evidence for")
        quiet_label.setBuddy(self.quiet_weeks)
        attention_row.addWidget(quiet_label)
        attention_row.addWidget(self.quiet_weeks)
        attention_row.addSpacing(SPACING)
        attention_row.addWidget(self.attention_only)
        attention_row.addStretch(1)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        layout.setSpacing(SPACING // 2)
        layout.addWidget(heading)
        layout.addWidget(self.folder_label)
        layout.addLayout(actions)
        layout.addLayout(attention_row)
        layout.addLayout(progress_row)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.failures_label)
        layout.addWidget(self.failures)

        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.refresh_button.clicked.connect(self.refresh)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.csv_button.clicked.connect(self._on_csv_button_clicked)
        self.pdf_button.clicked.connect(self._on_pdf_button_clicked)
        self.cancel_button.clicked.connect(self.cancel)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.quiet_weeks.valueChanged.connect(self._on_attention_changed)
        self.attention_only.toggled.connect(self._on_attention_changed)
        self._set_busy(False)

    # -- public -------------------------------------------------------------------------

    @property
    def overview(self) -> GroupOverview | None:
        return self._overview

    @property
    def busy(self) -> bool:
        return self._task is not None

    def set_folder(self, folder: Path | str) -> None:
        """Scan ``folder`` in the background; ``scan_finished`` fires when the table is filled."""
        self._folder = Path(folder)
        self.folder_label.setText(f"Folder: {self._folder}")
        self.refresh()

    def refresh(self) -> None:
        if self._folder is None or self.busy:
            return
        self.progress.setRange(0, 0)
        self.progress.setFormat("Looking for portfolios…")
        self._set_busy(True)
        folder = self._folder
        self._task = self._tasks.start(
            lambda progress, cancel: reviewing.scan_group(folder, progress=progress, cancel=cancel),
            on_done=self._on_scan_done,
            on_error=self._on_scan_error,
            on_progress=self._on_scan_progress,
            on_cancelled=self._on_scan_cancelled,
        )

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def selected_path(self) -> str | None:
        index = self.table.currentIndex()
        return str(index.data(PATH_ROLE)) if index.isValid() else None

    def export_csv(self, path: Path | str) -> Path | None:
        weeks = self.quiet_weeks.value()
        return self._export(lambda o, p: reviewing.export_group_csv(o, p, weeks=weeks), path)

    def export_pdf(self, path: Path | str) -> Path | None:
        weeks = self.quiet_weeks.value()
        return self._export(lambda o, p: reviewing.export_group_pdf(o, p, weeks=weeks), path)

    def needing_attention(self) -> int:
        """How many learners in the table need attention now."""
        return sum(bool(self.model.attention(row)) for row in range(self.model.rowCount()))

    # -- slots --------------------------------------------------------------------------

    def _on_scan_progress(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"{message} ({done} of {total})")

    def _on_scan_done(self, overview: GroupOverview) -> None:
        self._task = None
        self._set_busy(False)
        self._show(overview)
        self.scan_finished.emit(overview)

    def _on_scan_error(self, message: str) -> None:
        self._task = None
        self._set_busy(False)
        show_error(self, message)
        self.scan_failed.emit(message)

    def _on_scan_cancelled(self) -> None:
        self._task = None
        self._set_busy(False)
        self.summary_label.setText("Cancelled; the table shows the last complete scan.")

    def _on_attention_changed(self, *_: object) -> None:
        self.model.set_quiet_weeks(self.quiet_weeks.value())
        self.proxy.setFilterFixedString("true" if self.attention_only.isChecked() else "")
        self.table.resizeRowsToContents()
        if self._overview is not None:
            self._summarise(self._overview)

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        path = index.data(PATH_ROLE)
        if path:
            self.open_learner_requested.emit(str(path))

    def _on_open_button_clicked(self) -> None:
        path = self.selected_path()
        if path:
            self.open_learner_requested.emit(path)

    def _on_choose_button_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Folder of portfolios", str(self._folder or "")
        )
        if folder:
            self.set_folder(folder)

    def _on_csv_button_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export CSV", "group-overview.csv", "CSV (*.csv)"
        )
        if path:
            self.export_csv(path)

    def _on_pdf_button_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export PDF", "group-overview.pdf", "PDF (*.pdf)"
        )
        if path:
            self.export_pdf(path)

    # -- internals ----------------------------------------------------------------------

    def _show(self, overview: GroupOverview) -> None:
        self._overview = overview
        self.model.set_overview(overview)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.model.set_quiet_weeks(self.quiet_weeks.value())
        self.table.resizeRowsToContents()
        self._summarise(overview)
        self.failures.clear()
        for failure in overview.failures:
            name = failure.path.name
            reason = failure.reason
            self.failures.addItem(reason if name in reason else f"{name}: {reason}")
        count = len(overview.failures)
        self.failures_label.setText(
            f"{count} file{'s' if count != 1 else ''} could not be read:" if count else ""
        )
        self.failures_label.setVisible(bool(count))
        self.failures.setVisible(bool(count))
        self._set_busy(False)

    def _summarise(self, overview: GroupOverview) -> None:
        n = len(overview.learners)
        waiting = sum(row.awaiting_review for row in overview.learners)
        needing = self.needing_attention()
        self.summary_label.setText(
            f"{n} learner{'s' if n != 1 else ''}; {waiting} entr{'ies' if waiting != 1 else 'y'} "
            f"awaiting review; {needing} need{'s' if needing == 1 else ''} attention."
            if n
            else "No portfolio files could be read in this folder."
        )

    def _export(
        self, writer: Callable[[GroupOverview, Path], Path], path: Path | str
    ) -> Path | None:
        if self._overview is None:
            show_error(self, "Scan a folder first; there is no table to export yet.")
            return None
        target = Path(path)
        try:
            return writer(self._overview, target)
        except PortfolioError as exc:
            show_exception(self, exc)
        except OSError as exc:
            show_error(self, f"Could not write {target.name}: {exc.strerror or exc}.")
        return None

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.choose_button.setEnabled(not busy)
        self.refresh_button.setEnabled(not busy and self._folder is not None)
        has_table = self._overview is not None and not busy
        self.csv_button.setEnabled(has_table)
        self.pdf_button.setEnabled(has_table)
        self.open_button.setEnabled(has_table and bool(self._overview and self._overview.learners))
        if self._overview is None:
            self.failures_label.setVisible(False)
            self.failures.setVisible(False)
