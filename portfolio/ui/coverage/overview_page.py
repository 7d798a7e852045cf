"""OverviewPage: what the portfolio covers at a glance, and what is left to do.

Per qualification and unit, progress bars (criteria with evidence, criteria judged met); the
evidence matrix (criteria down, entries across); and the gaps list. Clicking a gap about a
criterion asks the host for a new entry tagged to it; clicking a gap about an entry, a matrix
cell or an entry's column heading asks the host to open that entry. The page reloads whenever
``controller.changed`` says coverage may have changed, and when a portfolio is opened.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QResizeEvent
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
from portfolio.ui.coverage.evidence_matrix_model import LEGEND, EvidenceMatrixModel
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


class OverviewPage(QWidget):
    open_entry_requested = Signal(str)  # entry id
    new_entry_for_criterion_requested = Signal(str)  # criterion id

    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._report: CoverageReport | None = None
        self._entries: list[EntrySummary] = []
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
        gaps_box = QWidget(self)
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

    def refresh(self, *, entries: bool = True) -> None:
        """Ask the services for coverage (and, if ``entries``, the entry list) and show them.

        A tag change leaves the entry list as it was, so it is kept: that halves the refresh
        with 1,000 entries. If the report names an entry the list lacks, the list is read anyway.
        """
        if not self._controller.is_open:
            self._report, self._entries = None, []
        else:
            portfolio = self._controller.portfolio
            self._report = portfolio.coverage.report()
            if entries or not self._entries or not _entries_known(self._report, self._entries):
                self._entries = portfolio.entries.list()
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
        if self._report is None:
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
        self.matrix_model.set_coverage(criteria, self._entries, unjustified)
        fitting = _fitting_height(self.matrix_view)
        self.matrix_view.setMaximumHeight(fitting)
        self.matrix_view.setMinimumHeight(min(fitting, _matrix_min_height_cap(self)))
        self._limit_matrix_box()
        self.matrix_caption.setText(
            f"<b>Evidence matrix</b>: {len(criteria)} criteria down, "
            f"{len(self._entries)} entries across. Click a column to open that entry."
        )

    def _limit_matrix_box(self) -> None:
        """The matrix's box is never taller than its caption, legend and rows."""
        box = self._matrix_box
        layout = box.layout()
        spacing = layout.spacing() if layout is not None else 0
        width = max(box.width(), 200)
        height = self.matrix_view.maximumHeight()
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
        if index.isValid():
            self.open_entry_requested.emit(self.matrix_model.entry_id(index.column()))

    def _on_matrix_view_activated(self, index: QModelIndex) -> None:
        if not _activates_on_single_click(self.matrix_view):  # else clicked has handled it
            self._on_matrix_view_clicked(index)

    def _on_matrix_header_section_clicked(self, column: int) -> None:
        if 0 <= column < self.matrix_model.columnCount():
            self.open_entry_requested.emit(self.matrix_model.entry_id(column))

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


def _entries_known(report: CoverageReport, entries: list[EntrySummary]) -> bool:
    known = {entry.id for entry in entries}
    return all(
        entry_id in known for criterion in report.criteria for entry_id in criterion.entries
    ) and all(gap.entry_id in known for gap in report.gaps if gap.entry_id)


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
