"""The overview page: progress, the evidence matrix and the gaps list, and what clicks ask for."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from portfolio.domain.changes import Changes
from portfolio.domain.dto import CriterionCoverage, EntrySummary, Gap
from portfolio.domain.entry_input import EntryInput, TagInput
from portfolio.domain.enums import CriterionState
from portfolio.ui.controller import PortfolioController
from portfolio.ui.coverage.evidence_matrix_model import CELL_STATE_ROLE, EvidenceMatrixModel
from portfolio.ui.coverage.gap_list_model import GAP_ROLE, GapListModel
from portfolio.ui.coverage.overview_page import OverviewPage
from portfolio.ui.editor.tagging_panel import TaggingPanel
from tests.ui.helpers.waiting import wait_for_coverage, wait_for_writes


@pytest.fixture
def controller(demo_file):
    controller = PortfolioController()
    controller.open(demo_file)
    yield controller
    controller.close()


@pytest.fixture
def page(qtbot, controller) -> OverviewPage:
    page = OverviewPage(controller)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    wait_for_coverage(qtbot, page)
    return page


def gap_row(page: OverviewPage, kind: str) -> int:
    model = page.gap_model
    return next(r for r in range(model.rowCount()) if model.gap(r).kind == kind)


def click_gap(qtbot, page: OverviewPage, row: int) -> None:
    index = page.gap_model.index(row)
    page.gap_view.scrollTo(index)
    rect = page.gap_view.visualRect(index)
    qtbot.mouseClick(page.gap_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_page_shows_progress_matrix_and_gaps_of_the_open_portfolio(page, controller):
    report = controller.portfolio.coverage.report()
    unit = report.units[0]
    evidenced, met = page.progress_panel.progress_text(unit.id)
    assert evidenced == f"{unit.evidenced} of {unit.total} with evidence"
    assert met == f"{unit.met} of {unit.total} judged met"
    assert page.matrix_model.rowCount() == len(report.criteria)
    assert page.matrix_model.columnCount() == controller.portfolio.entries.count()
    assert page.gap_model.rowCount() == len(report.gaps)
    kinds = {page.gap_model.gap(r).kind for r in range(page.gap_model.rowCount())}
    assert kinds == {"no_evidence", "drafts_only", "missing_justification", "untagged_entry"}


def test_matrix_and_progress_change_when_the_tagging_panel_tags(qtbot, page, controller):
    report = controller.portfolio.coverage.report()
    gap = next(g for g in report.gaps if g.kind == "no_evidence")
    unit = report.units[0]
    entry = controller.portfolio.entries.list()[0]
    row = next(r for r, c in enumerate(report.criteria) if c.id == gap.criterion_id)
    assert page.matrix_model.index(row, 0).data() == ""

    panel = TaggingPanel(controller)
    qtbot.addWidget(panel)
    panel.set_entry(entry.id)
    panel.select_criterion(gap.criterion_id)
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Space)
    wait_for_writes(qtbot)

    cell = page.matrix_model.index(row, 0)
    assert cell.data() == "✔!"  # evidence, no justification yet
    assert cell.data(CELL_STATE_ROLE) == "ready"
    assert page.progress_panel.progress_text(unit.id)[0] == (
        f"{unit.evidenced + 1} of {unit.total} with evidence"
    )
    kinds = [page.gap_model.gap(r) for r in range(page.gap_model.rowCount())]
    assert not any(g.kind == "no_evidence" and g.criterion_id == gap.criterion_id for g in kinds)

    qtbot.keyClicks(panel.justification_edit, "I explained what went wrong.")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    assert page.matrix_model.index(row, 0).data() == "✔"

    qtbot.keyClick(panel.tree, Qt.Key.Key_Space)  # untick
    wait_for_writes(qtbot)
    assert page.matrix_model.index(row, 0).data() == ""


def test_clicking_a_matrix_cell_asks_to_open_that_entry(qtbot, page, controller):
    entries = controller.portfolio.entries.list()
    index = page.matrix_model.index(2, 3)
    rect = page.matrix_view.visualRect(index)
    with qtbot.waitSignal(page.open_entry_requested) as blocker:
        qtbot.mouseClick(page.matrix_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [entries[3].id]


def test_clicking_a_gap_about_an_entry_asks_to_open_it(qtbot, page):
    for kind in ("missing_justification", "untagged_entry"):
        row = gap_row(page, kind)
        gap = page.gap_model.gap(row)
        with qtbot.waitSignal(page.open_entry_requested) as blocker:
            click_gap(qtbot, page, row)
        assert blocker.args == [gap.entry_id]


def test_clicking_a_gap_about_a_criterion_starts_a_pre_tagged_entry(qtbot, page, controller):
    """A test-local host does what the main window does: make the entry and announce it."""
    created: list[str] = []

    def host_new_entry(criterion_id: str) -> None:
        entry = controller.portfolio.entries.add(
            EntryInput(title="New entry", tags=(TagInput(criterion=criterion_id),))
        ).value
        created.append(entry.id)
        controller.notify(Changes(entries=True, evidence=True))

    page.new_entry_for_criterion_requested.connect(host_new_entry)
    row = gap_row(page, "no_evidence")
    gap = page.gap_model.gap(row)
    columns_before = page.matrix_model.columnCount()

    with qtbot.waitSignal(page.new_entry_for_criterion_requested) as blocker:
        click_gap(qtbot, page, row)

    assert blocker.args == [gap.criterion_id]
    (entry_id,) = created
    assert [t.criterion_id for t in controller.portfolio.entries.get(entry_id).tags] == [
        gap.criterion_id
    ]
    wait_for_coverage(qtbot, page)
    # The page refreshed: the gap is gone, and the new entry is a new, marked column.
    gaps = [page.gap_model.gap(r) for r in range(page.gap_model.rowCount())]
    assert not any(g.kind == "no_evidence" and g.criterion_id == gap.criterion_id for g in gaps)
    assert page.matrix_model.columnCount() == columns_before + 1
    criterion_row = next(
        r
        for r in range(page.matrix_model.rowCount())
        if page.matrix_model.criterion_id(r) == gap.criterion_id
    )
    assert page.matrix_model.index(criterion_row, columns_before).data() == "✎!"


def test_clicking_a_drafts_only_gap_asks_for_a_new_entry(qtbot, page):
    row = gap_row(page, "drafts_only")
    gap = page.gap_model.gap(row)
    with qtbot.waitSignal(page.new_entry_for_criterion_requested) as blocker:
        click_gap(qtbot, page, row)
    assert blocker.args == [gap.criterion_id]


def test_page_empties_when_the_portfolio_closes_and_fills_when_one_opens(
    qtbot, page, controller, demo_file
):
    controller.close()
    assert page.matrix_model.rowCount() == 0
    assert page.gap_model.rowCount() == 0
    controller.open(demo_file)
    assert page.working_label.isVisible() and not page.matrix_view.isVisible()
    assert page.working_label.text() == "Working out coverage..."
    wait_for_coverage(qtbot, page)
    assert page.matrix_model.rowCount() > 0


def test_changes_that_cannot_affect_coverage_do_not_reload(page, controller, monkeypatch):
    calls = []
    monkeypatch.setattr(page, "refresh", lambda: calls.append(1))
    controller.notify(Changes(learner=True))
    controller.notify(Changes(attachments=True))
    assert calls == []


def test_matrix_with_a_thousand_entries_has_fixed_width_columns(qtbot):
    criteria = [_criterion(i, entries=[f"e{j}" for j in range(i, 1000, 7)]) for i in range(11)]
    entries = [_entry(j) for j in range(1000)]
    model = EvidenceMatrixModel()
    model.set_coverage(criteria, entries, {("e0", "c0")})
    assert (model.rowCount(), model.columnCount()) == (11, 1000)
    assert model.index(0, 0).data() == "✔!"
    assert model.index(0, 7).data() == "✔"
    assert model.index(1, 0).data() == ""


def test_evidence_matrix_model_passes_the_model_tester(qtmodeltester, controller):
    model = EvidenceMatrixModel()
    report = controller.portfolio.coverage.report()
    unjustified = {(g.entry_id, g.criterion_id) for g in report.gaps if g.entry_id}
    model.set_coverage(report.criteria, controller.portfolio.entries.list(), unjustified)
    qtmodeltester.check(model)


def test_gap_list_model_passes_the_model_tester(qtmodeltester, controller):
    model = GapListModel()
    model.set_gaps(controller.portfolio.coverage.report().gaps)
    assert isinstance(model.index(0).data(GAP_ROLE), Gap)
    qtmodeltester.check(model)


def _criterion(i: int, entries: list[str]) -> CriterionCoverage:
    return CriterionCoverage(
        id=f"c{i}",
        number=f"1.{i}",
        text=f"Criterion {i}",
        unit_id="u",
        outcome_id="o",
        framework_id="f",
        status=CriterionState.CLAIMED if entries else CriterionState.NONE,
        entries=tuple(entries),
        entry_refs=tuple(f"E{e[1:]}" for e in entries),
        draft_only=False,
        judgement=None,
    )


def _entry(j: int) -> EntrySummary:
    return EntrySummary(
        id=f"e{j}",
        ref=f"E{j + 1}",
        title=f"Entry {j}",
        event_date=None,
        method="observation",
        status="ready",
        hours=1.0,
        criteria_count=1,
        updated_at=datetime(2026, 1, 1),
    )


def test_page_shows_a_framework_updated_in_place_without_a_new_version(qtbot, page, controller):
    """Coverage caches the framework tree; an update that keeps the version must still show."""
    import copy

    from portfolio.frameworks import catalog
    from portfolio.frameworks.loader import parse_framework
    from portfolio.services.frameworks_admin import FrameworksAdminService

    rows_before = page.matrix_model.rowCount()
    document = copy.deepcopy(catalog.get_bundled("icq-bwrc-l2").raw)
    third = document["units"][0]["outcomes"][2]["criteria"]
    third.append({"id": "icq-bwrc-l2.u1.lo3.ac9", "number": "3.9", "text": "Something new."})
    pf = controller.portfolio
    FrameworksAdminService(pf.storage, pf.actor).import_framework(parse_framework(document, "test"))
    controller.notify(Changes(frameworks=True))
    wait_for_coverage(qtbot, page)
    assert page.matrix_model.rowCount() == rows_before + 1


def test_a_tag_change_reuses_the_entry_columns(qtbot, page, controller, monkeypatch):
    service = controller.portfolio.entries
    calls = []
    real_page = service.page
    monkeypatch.setattr(service, "page", lambda **kw: calls.append(1) or real_page(**kw))
    columns = page.matrix_model.columns
    entry = service.list()[0]
    gap = next(g for g in page.report.gaps if g.kind == "no_evidence")
    controller.portfolio.tagging.tag(entry_id=entry.id, criterion=gap.criterion_id)
    controller.notify(Changes(evidence=True))
    wait_for_coverage(qtbot, page)
    page.matrix_view.viewport().repaint()
    assert calls == []
    assert page.matrix_model.columns is columns
    assert not any(
        g.kind == "no_evidence" and g.criterion_id == gap.criterion_id for g in page.report.gaps
    )


def test_a_new_entry_announced_only_as_evidence_still_gets_a_column(qtbot, page, controller):
    columns = page.matrix_model.columnCount()
    controller.portfolio.entries.add(EntryInput(title="New", tags=(TagInput(criterion="1.1"),)))
    controller.notify(Changes(evidence=True))  # a host that forgot entries=True
    wait_for_coverage(qtbot, page)
    assert page.matrix_model.columnCount() == columns + 1


def test_matrix_marks_stay_readable_on_their_pale_cells_in_any_theme(qtbot, page, controller):
    """Dark text on the pale ready/draft cells: WCAG AA contrast (4.5:1) whatever the palette."""
    from PySide6.QtCore import Qt

    from portfolio.ui.coverage.evidence_matrix_model import CELL_COLOURS, CELL_TEXT

    def luminance(colour) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(colour.redF())
            + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF())
        )

    for background in CELL_COLOURS.values():
        light, dark = sorted((luminance(background), luminance(CELL_TEXT)), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5
    entry = controller.portfolio.entries.add(title="Draft").value
    controller.portfolio.tagging.tag(entry_id=entry.id, criterion="1.1", justification="j")
    page.refresh()
    wait_for_coverage(qtbot, page)
    model = page.matrix_model
    marked = [
        model.index(r, c)
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        if model.index(r, c).data()
    ]
    assert marked
    assert all(index.data(Qt.ItemDataRole.ForegroundRole) == CELL_TEXT for index in marked)


def test_the_figures_sit_beside_the_bars_not_across_their_fill(page, controller):
    report = controller.portfolio.coverage.report()
    unit = report.units[0]
    row = page.progress_panel._rows[unit.id]
    assert not row.evidenced.isTextVisible() and not row.met.isTextVisible()
    assert row.evidenced_figures.text() == f"{unit.evidenced} of {unit.total}"
    assert row.met_figures.text() == f"{unit.met} of {unit.total}"
    bar, figures = row.evidenced.geometry(), row.evidenced_figures.geometry()
    assert not bar.intersects(figures) and figures.left() >= bar.right()


def test_every_gap_is_in_view_with_no_empty_band_above_the_gaps(make_main_window, demo_file, qtbot):
    window = make_main_window(demo_file, size=(1366, 740))
    page = window.overview
    window.show_page(page)
    qtbot.wait(10)
    view = page.gap_view
    last = view.visualRect(page.gap_model.index(page.gap_model.rowCount() - 1))
    assert view.viewport().rect().contains(last), "the last gap is cut off"
    matrix_bottom = page.matrix_view.mapTo(page, page.matrix_view.rect().bottomLeft()).y()
    caption_top = page.gaps_caption.mapTo(page, page.gaps_caption.rect().topLeft()).y()
    assert caption_top - matrix_bottom < 24, "empty space between the matrix and the gaps"
    assert window.page_area.verticalScrollBar().maximum() == 0, "the page fits at 1366x768"


def test_tab_leaves_the_matrix_in_one_press(make_main_window, demo_file, qtbot):
    window = make_main_window(demo_file)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    page = window.overview
    window.show_page(page)
    page.matrix_view.setFocus()
    page.matrix_view.setCurrentIndex(page.matrix_model.index(0, 0))
    qtbot.keyClick(page.matrix_view, Qt.Key.Key_Right)  # arrows move between cells
    assert page.matrix_view.currentIndex().column() == 1 and page.matrix_view.hasFocus()
    qtbot.keyClick(page.matrix_view, Qt.Key.Key_Tab)
    assert not page.matrix_view.hasFocus()
    assert page.gap_view.hasFocus()
    qtbot.keyClick(page.gap_view, Qt.Key.Key_Tab)
    assert not page.gap_view.hasFocus()
