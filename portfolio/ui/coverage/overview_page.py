"""OverviewPage: what the portfolio covers at a glance, and what is left to do.

Per qualification and unit, progress bars (criteria with evidence, criteria judged met); the
evidence matrix (criteria down, entries across); and the gaps list. Clicking a gap about a
criterion asks the host for a new entry tagged to it; clicking a gap about an entry, a matrix
cell or an entry's column heading asks the host to open that entry. The page reloads whenever
``controller.changed`` says coverage may have changed, and when a portfolio is opened.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QPaintEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from portfolio.domain.changes import Changes
from portfolio.domain.dto import CoverageReport, EntrySummary
from portfolio.ui.coverage.evidence_matrix_model import (
    LEGEND,
    EntryColumns,
    EvidenceMatrixModel,
    Fetch,
)
from portfolio.ui.coverage.gap_list_model import GapListModel, is_about_entry
from portfolio.ui.coverage.progress_panel import CoverageProgressPanel

LEARNER_GAPS_HINT = (
    "Click a gap to fix it: a criterion with no evidence starts a new entry tagged to it; a gap "
    "in an entry opens that entry."
)
REVIEWER_GAPS_HINT = (
    "Click a gap: a gap in an entry opens that entry; a criterion opens on the Qualification "
    "page, where you can judge it."
)
MATRIX_COLUMN_WIDTH = 46
MATRIX_MIN_HEIGHT_CAP = 200  # a long framework scrolls inside the matrix; the gaps stay in view
NORMAL_LINE_HEIGHT = 16  # a line of the normal font; larger fonts shrink the cap above
WORKING = "Working out coverage..."
QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's "no maximum"
SHOWN_FALLBACK_MS = 200  # start anyway if no paint comes after the page is shown


@dataclass(frozen=True)
class _Loaded:
    """What one background read brought: the report and the number of live entries."""

    portfolio: object
    report: CoverageReport
    total: int


class OverviewPage(QWidget):
    open_entry_requested = Signal(str)  # entry id
    new_entry_for_criterion_requested = Signal(str)  # criterion id

    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._report: CoverageReport | None = None
        self._columns: EntryColumns | None = None
        self._wanted = False  # a refresh is owed (started once the page is on screen)
        self._entries_changed = True  # ... and the entry columns must be read again
        self._running = False  # a read is on the task pool
        self._painted = False  # painted since it was last shown
        self.setObjectName("overviewPage")

        self.heading = QLabel("<h2>Coverage</h2>", self)
        self.framework_combo = QComboBox(self)
        self.framework_combo.setAccessibleName("Qualification shown in the evidence matrix")
        self.framework_combo.currentIndexChanged.connect(self._on_framework_combo_changed)
        self.progress_panel = CoverageProgressPanel(self)

        self.matrix_model = EvidenceMatrixModel(self)
        self.matrix_view = _matrix_view(self.matrix_model, self)
        self.matrix_caption = QLabel(self)
        self.matrix_caption.setWordWrap(True)
        legend = QLabel(LEGEND, self)
        legend.setObjectName("matrixLegend")
        legend.setWordWrap(True)

        self.gap_model = GapListModel(self)
        self.gap_view = QListView(self)
        self.gap_view.setModel(self.gap_model)
        self.gap_view.setObjectName("gapList")
        self.gap_view.setAccessibleName("Gaps: what is left to do")
        self.gap_view.setWordWrap(True)
        self.gap_view.setUniformItemSizes(False)
        self.gap_view.setSpacing(3)
        self.gap_view.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        self.gap_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.gap_view.setTabKeyNavigation(False)
        self.gaps_caption = QLabel(self)
        self.gaps_hint = gaps_hint = QLabel(LEARNER_GAPS_HINT, self)
        gaps_hint.setWordWrap(True)
        # A wrapped label inside a splitter is not given the height it needs when the font is
        # large (200%): reserve two lines so the hint is never cut off.
        gaps_hint.setMinimumHeight(2 * gaps_hint.fontMetrics().lineSpacing() + 2)

        self.matrix_view.clicked.connect(self._on_matrix_view_clicked)
        self.matrix_view.activated.connect(self._on_matrix_view_activated)
        self.matrix_view.horizontalHeader().sectionClicked.connect(
            self._on_matrix_header_section_clicked
        )
        self.gap_view.clicked.connect(self._on_gap_view_clicked)
        self.gap_view.activated.connect(self._on_gap_view_activated)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.framework_combo)
        matrix_box = QWidget(self)
        matrix_layout = QVBoxLayout(matrix_box)
        matrix_layout.setContentsMargins(0, 0, 0, 0)
        matrix_layout.addWidget(self.matrix_caption)
        matrix_layout.addWidget(legend)
        matrix_layout.addWidget(self.matrix_view)
        self._matrix_box = matrix_box
        self._gaps_box = gaps_box = QWidget(self)
        gaps_layout = QVBoxLayout(gaps_box)
        gaps_layout.setContentsMargins(0, 0, 0, 0)
        gaps_layout.addWidget(self.gaps_caption)
        gaps_layout.addWidget(gaps_hint)
        gaps_layout.addWidget(self.gap_view, 1)
        # Matrix above the gaps, both full width: more entry columns fit on screen, and long gap
        # messages wrap less. The matrix is never taller than its rows (no empty band above the
        # gaps); the room left goes to the gaps, and both scroll inside when it is short.
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress_panel)
        # While the first report is worked out: one calm line in place of the matrix and gaps.
        self.working_label = QLabel(WORKING, self)
        self.working_label.setObjectName("coverageWorking")
        self.working_label.setVisible(False)
        layout.addWidget(self.working_label)
        layout.addWidget(matrix_box, 3)
        layout.addWidget(gaps_box, 2)
        layout.addStretch(0)  # both at their limits on a tall screen: the space goes below

        controller.opened.connect(self._on_controller_opened)
        controller.closed.connect(self._on_controller_closed)
        controller.changed.connect(self._on_controller_changed)
        self.refresh()

    # -- loading --------------------------------------------------------------------------

    @property
    def report(self) -> CoverageReport | None:
        return self._report

    @property
    def loading(self) -> bool:
        """True while a refresh is owed or running (tests wait on this)."""
        return self._wanted or self._running

    def show_opening(self) -> None:
        """The first frame of a file the window is still opening (ui/main_window.py): the
        calm line, as the page shows it once the file is open, until the report comes."""
        self._show_working()

    def refresh(self, *, entries: bool = True) -> None:
        """Work out coverage again (and, if ``entries``, read the entry columns again).

        The report is read on the task pool once the page is on screen and painted; until it
        comes the page shows the last report, or "Working out coverage..." when it has none. A
        tag change leaves the entry columns as they were; if the number of entries changed they
        are read again anyway.
        """
        if not self._controller.is_open:
            self._wanted, self._entries_changed = False, True
            self._report, self._columns = None, None
            self._show()
            return
        self._wanted = True
        self._entries_changed = self._entries_changed or entries
        if self._report is None:
            self._show_working()
        if self.isVisible() and self._painted:
            self._start()

    def _start(self) -> None:
        """Read the report on the task pool, unless one is running (it starts again after)."""
        if self._running or not self._wanted or not self._controller.is_open:
            return
        if not self.isVisible():
            return  # shown again later: showEvent and paintEvent start it then
        self._wanted = False
        portfolio = self._controller.portfolio
        self._running = True

        def work() -> _Loaded:
            return _Loaded(portfolio, portfolio.coverage.report(), portfolio.entries.count())

        page = self

        def done(loaded: _Loaded) -> None:
            if shiboken6.isValid(page):
                page._on_loaded(loaded)

        def failed(message: str) -> None:
            if shiboken6.isValid(page):
                page._on_failed(message)

        self._controller.tasks.start(work, on_done=done, on_error=failed, pass_progress=False)

    def _on_loaded(self, loaded: _Loaded) -> None:
        self._running = False
        controller = self._controller
        # Another file (or none) may be open now: its own refresh is owed, or done already.
        if controller.is_open and controller.portfolio is loaded.portfolio:
            self._report = loaded.report
            columns = self._columns
            if columns is None or self._entries_changed or columns.total != loaded.total:
                self._entries_changed = False
                self._columns = EntryColumns(loaded.total, self._fetcher())
            self._show()
        if self._wanted:  # something changed while it ran
            self._start()

    def _on_failed(self, message: str) -> None:
        self._running = False
        if self._report is None:
            self._show_working(f"Coverage could not be worked out: {message}")
        if self._wanted:
            self._start()

    def _fetcher(self) -> Fetch:
        """Reads a block of entry columns from the file open now (on the GUI thread, as the
        matrix shows them: a block of 200 takes a few milliseconds)."""
        entries = self._controller.portfolio.entries

        def fetch(offset: int, limit: int) -> Sequence[EntrySummary]:
            try:
                return entries.page(offset=offset, limit=limit, by_ref=True)
            except Exception:  # the file went away under us: the columns show empty
                return []

        return fetch

    def _show_working(self, text: str = WORKING) -> None:
        """The calm state while the first report is worked out (or why it could not be)."""
        self.progress_panel.set_report(None)
        self.framework_combo.setVisible(False)
        self.matrix_model.clear()
        self.gap_model.set_gaps(())
        self.working_label.setText(text)
        self._set_working(True)

    def _set_working(self, working: bool) -> None:
        self.working_label.setVisible(working)
        self._matrix_box.setVisible(not working)
        self._gaps_box.setVisible(not working)

    def _show(self) -> None:
        self._set_working(False)
        self.progress_panel.set_report(self._report)
        self._fill_framework_combo()
        self._show_matrix()
        gaps = self._report.gaps if self._report else ()
        self.gap_model.set_gaps(gaps)
        self.gaps_caption.setText(
            f"<b>Gaps ({len(gaps)})</b>" if gaps else "<b>No gaps</b>: nothing is left to do."
        )
        self._limit_gap_view()

    def _fill_framework_combo(self) -> None:
        frameworks = self._report.frameworks if self._report else ()
        current = self.framework_combo.currentData()
        ids = [self.framework_combo.itemData(i) for i in range(self.framework_combo.count())]
        if ids != [f.id for f in frameworks]:
            self.framework_combo.blockSignals(True)
            self.framework_combo.clear()
            for framework in frameworks:
                self.framework_combo.addItem(framework.label, framework.id)
            found = self.framework_combo.findData(current)
            self.framework_combo.setCurrentIndex(max(found, 0))
            self.framework_combo.blockSignals(False)
        self.framework_combo.setVisible(len(frameworks) > 1)

    def _show_matrix(self) -> None:
        if self._report is None or self._columns is None:
            self.matrix_model.clear()
            self.matrix_caption.setText("<b>Evidence matrix</b>")
            return
        framework_id = self.framework_combo.currentData()
        criteria = [c for c in self._report.criteria if c.framework_id == framework_id]
        # A gap without an entry or a criterion (none should be) marks no cell: never a None id.
        unjustified = {
            (gap.entry_id, gap.criterion_id)
            for gap in self._report.gaps
            if gap.kind == "missing_justification" and gap.entry_id and gap.criterion_id
        }
        self.matrix_model.set_coverage(criteria, self._columns, unjustified)
        fitting = _fitting_height(self.matrix_view)
        self.matrix_view.setMaximumHeight(fitting)
        self.matrix_view.setMinimumHeight(min(fitting, _matrix_min_height_cap(self)))
        self._limit_matrix_box()
        self.matrix_caption.setText(
            f"<b>Evidence matrix</b>: {len(criteria)} criteria down, "
            f"{self._columns.total} entries across. Click a column to open that entry."
        )

    def _limit_matrix_box(self) -> None:
        """The matrix's box is never taller than its caption, legend and rows."""
        box = self._matrix_box
        layout = box.layout()
        spacing = layout.spacing() if layout is not None else 0
        width = max(box.width(), 200)
        height = self.matrix_view.maximumHeight()
        if height >= QWIDGETSIZE_MAX:
            return  # no rows shown yet: nothing to fit
        for label in box.findChildren(QLabel):
            height += label.heightForWidth(width) if label.wordWrap() else label.sizeHint().height()
            height += spacing
        box.setMaximumHeight(height + 2)

    def _limit_gap_view(self) -> None:
        """A short gap list takes only the room its rows need, leaving the rest to the matrix;
        a long one shares the page and scrolls."""
        view = self.gap_view
        rows = self.gap_model.rowCount()
        needed = sum(view.sizeHintForRow(row) + 2 * view.spacing() for row in range(rows))
        line = view.fontMetrics().lineSpacing()
        view.setMaximumHeight(max(needed, 2 * line) + 2 * view.frameWidth() + line)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._painted = False
        if self._wanted:
            QTimer.singleShot(SHOWN_FALLBACK_MS, self._start)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            if self._wanted:  # the first frame is on screen: now the report
                QTimer.singleShot(0, self._start)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._limit_matrix_box()  # the caption wraps onto more lines when narrower
        self._limit_gap_view()

    # -- slots ----------------------------------------------------------------------------

    def _on_controller_opened(self, _portfolio: object) -> None:
        reviewing = self._controller.reviewing
        self.gaps_hint.setText(REVIEWER_GAPS_HINT if reviewing else LEARNER_GAPS_HINT)
        self.refresh()

    def _on_controller_closed(self) -> None:
        self.refresh()

    def _on_controller_changed(self, changes: Changes) -> None:
        if changes.coverage:
            self.refresh(entries=changes.entries)

    def _on_framework_combo_changed(self, _index: int) -> None:
        self._show_matrix()

    def _on_matrix_view_clicked(self, index: QModelIndex) -> None:
        entry_id = self.matrix_model.entry_id(index.column()) if index.isValid() else ""
        if entry_id:
            self.open_entry_requested.emit(entry_id)

    def _on_matrix_view_activated(self, index: QModelIndex) -> None:
        if not _activates_on_single_click(self.matrix_view):  # else clicked has handled it
            self._on_matrix_view_clicked(index)

    def _on_matrix_header_section_clicked(self, column: int) -> None:
        entry_id = self.matrix_model.entry_id(column)
        if entry_id:
            self.open_entry_requested.emit(entry_id)

    def _on_gap_view_clicked(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        gap = self.gap_model.gap(index.row())
        if is_about_entry(gap):
            self.open_entry_requested.emit(gap.entry_id)
        elif gap.criterion_id:
            self.new_entry_for_criterion_requested.emit(gap.criterion_id)

    def _on_gap_view_activated(self, index: QModelIndex) -> None:
        if not _activates_on_single_click(self.gap_view):
            self._on_gap_view_clicked(index)


def _matrix_view(model: EvidenceMatrixModel, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setObjectName("evidenceMatrix")
    view.setAccessibleName("Evidence matrix: criteria down, entries across")
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setWordWrap(False)
    view.setCornerButtonEnabled(False)
    # Tab leaves the matrix in one press (arrow keys move between cells), not one per cell.
    view.setTabKeyNavigation(False)
    view.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
    across = view.horizontalHeader()
    # Fixed widths: resizing 1,000 columns to their contents would measure every cell.
    across.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    across.setDefaultSectionSize(MATRIX_COLUMN_WIDTH)
    across.setSectionsClickable(True)
    down = view.verticalHeader()
    # Fixed heights too: ResizeToContents asks every cell of a row (up to 1,000) for its size
    # hint on each refresh, which took ~300 ms with 1,000 entries (benchmarks/bench_coverage.py).
    down.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    down.setDefaultSectionSize(view.fontMetrics().height() + 8)
    down.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return view


def _fitting_height(view: QTableView) -> int:
    """The height that shows every row, the header and a horizontal scroll bar, no more."""
    rows = view.verticalHeader().length()
    header = view.horizontalHeader().sizeHint().height()
    scroll = view.horizontalScrollBar().sizeHint().height()
    return rows + header + scroll + 2 * view.frameWidth() + 2


def _activates_on_single_click(view: QWidget) -> bool:
    style = view.style() or QApplication.style()
    return bool(style.styleHint(QStyle.StyleHint.SH_ItemView_ActivateItemOnSingleClick, None, view))


def _matrix_min_height_cap(page: QWidget) -> int:
    """The matrix's minimum height: with a large font the headings, bars and gaps above and
    below it grow, so the matrix gives way and the page still fits a 1366x768 screen."""
    line = max(NORMAL_LINE_HEIGHT, page.fontMetrics().height())
    return MATRIX_MIN_HEIGHT_CAP * NORMAL_LINE_HEIGHT // line
