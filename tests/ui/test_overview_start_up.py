"""The Overview at start-up (issue #17): nothing the learner cannot see yet holds up the first
frame. The report is worked out on the task pool once the page is on screen, with a calm
"Working out coverage..." until it comes; the matrix reads its entry columns a block at a time
as they are shown; the page still works by keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from portfolio.demo import create_demo
from portfolio.domain.changes import Changes
from portfolio.ui.controller import PortfolioController
from portfolio.ui.coverage.evidence_matrix_model import (
    BLOCK,
    CELL_STATE_ROLE,
    ENTRY_ID_ROLE,
    EvidenceMatrixModel,
)
from portfolio.ui.coverage.overview_page import WORKING, OverviewPage
from tests.ui.helpers.waiting import wait_for_coverage

MANY = 4 * BLOCK + 150  # five blocks of columns


@pytest.fixture(scope="module")
def many_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("many") / "many.portfolio"
    create_demo(path, entries=MANY).close()
    return path


@pytest.fixture
def controller(demo_file):
    controller = PortfolioController()
    controller.open(demo_file)
    yield controller
    controller.close()


def _page(qtbot, controller) -> OverviewPage:
    page = OverviewPage(controller)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    return page


def test_the_report_is_not_worked_out_before_the_page_is_on_screen(qtbot, controller, monkeypatch):
    calls = []
    service = controller.portfolio.coverage
    real = service.report
    monkeypatch.setattr(service, "report", lambda: calls.append(1) or real())
    page = _page(qtbot, controller)
    qtbot.wait(50)
    assert calls == [] and page.report is None and page.loading
    assert page.working_label.text() == WORKING
    page.show()
    assert page.working_label.isVisible() and not page.gap_view.isVisible()
    shot = page.grab()  # the first frame: the calm line, no matrix yet
    assert not shot.isNull()
    wait_for_coverage(qtbot, page)
    assert calls == [1]
    assert not page.working_label.isVisible() and page.gap_view.isVisible()
    assert page.gap_model.rowCount() == len(page.report.gaps) > 0
    assert page.matrix_model.columnCount() == controller.portfolio.entries.count()


def test_a_change_made_while_the_page_is_hidden_shows_when_it_comes_back(qtbot, controller):
    page = _page(qtbot, controller)
    page.show()
    wait_for_coverage(qtbot, page)
    before = len(page.report.gaps)
    page.hide()
    entry = controller.portfolio.entries.list()[0]
    gap = next(g for g in page.report.gaps if g.kind == "no_evidence")
    controller.portfolio.tagging.tag(entry_id=entry.id, criterion=gap.criterion_id)
    controller.notify(Changes(evidence=True))
    qtbot.wait(50)
    assert page.loading and len(page.report.gaps) == before  # nothing read while hidden
    page.show()
    wait_for_coverage(qtbot, page)
    assert not any(
        g.kind == "no_evidence" and g.criterion_id == gap.criterion_id for g in page.report.gaps
    )


def test_a_failed_report_is_said_in_one_calm_line(qtbot, controller, monkeypatch):
    from portfolio.errors import PortfolioError

    def broken():
        raise PortfolioError("The file could not be read.")

    monkeypatch.setattr(controller.portfolio.coverage, "report", broken)
    page = _page(qtbot, controller)
    page.show()
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    assert page.report is None
    assert page.working_label.text() == (
        "Coverage could not be worked out: The file could not be read."
    )


def test_the_matrix_reads_its_columns_as_they_are_scrolled_into_view(
    qtbot, many_template, tmp_path
):
    path = tmp_path / "many.portfolio"
    path.write_bytes(many_template.read_bytes())
    controller = PortfolioController()
    controller.open(path)
    try:
        page = _page(qtbot, controller)
        page.show()
        wait_for_coverage(qtbot, page)
        model, view = page.matrix_model, page.matrix_view
        assert model.columnCount() == MANY
        assert f"{MANY} entries across" in page.matrix_caption.text()
        # The first block, and the last (the heading's height is sampled from the last columns).
        assert model.columns.read <= 2 * BLOCK
        read_first = model.columns.read

        bar = view.horizontalScrollBar()
        bar.setValue(bar.maximum() // 2)
        qtbot.wait(20)
        view.viewport().repaint()
        middle = view.columnAt(view.viewport().width() // 2)
        assert 2 * BLOCK <= middle < 3 * BLOCK
        assert model.columns.read > read_first

        # Every column read shows exactly what the whole list and report say.
        every = controller.portfolio.entries.list()
        whole = EvidenceMatrixModel()
        report = page.report
        framework = page.framework_combo.currentData()
        criteria = [c for c in report.criteria if c.framework_id == framework]
        unjustified = {
            (g.entry_id, g.criterion_id)
            for g in report.gaps
            if g.kind == "missing_justification" and g.entry_id and g.criterion_id
        }
        whole.set_coverage(criteria, every, unjustified)
        for column in (0, middle, MANY - 1):
            assert model.entry_id(column) == every[column].id
            assert model.headerData(column, Qt.Orientation.Horizontal) == every[column].ref
            for row in range(model.rowCount()):
                cell = model.index(row, column)
                assert cell.data() == whole.index(row, column).data()
                assert cell.data(CELL_STATE_ROLE) == whole.index(row, column).data(CELL_STATE_ROLE)
                assert cell.data(ENTRY_ID_ROLE) == every[column].id

        # Keyboard: arrows walk across the block boundary, Enter opens the entry there.
        view.setFocus()
        view.setCurrentIndex(model.index(0, BLOCK - 1))
        qtbot.keyClick(view, Qt.Key.Key_Right)
        assert view.currentIndex().column() == BLOCK
        with qtbot.waitSignal(page.open_entry_requested) as opened:
            page._on_matrix_view_activated(view.currentIndex())
        assert opened.args == [every[BLOCK].id]
        qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        assert view.currentIndex().column() == MANY - 1
    finally:
        controller.close()


def test_the_matrix_model_reading_as_shown_passes_the_model_tester(
    qtmodeltester, many_template, tmp_path
):
    path = tmp_path / "many.portfolio"
    path.write_bytes(many_template.read_bytes())
    controller = PortfolioController()
    controller.open(path)
    try:
        from portfolio.ui.coverage.evidence_matrix_model import EntryColumns

        entries = controller.portfolio.entries
        model = EvidenceMatrixModel()
        columns = EntryColumns(
            entries.count(),
            lambda offset, limit: entries.page(offset=offset, limit=limit, by_ref=True),
        )
        model.set_coverage(controller.portfolio.coverage.report().criteria, columns)
        qtmodeltester.check(model)
    finally:
        controller.close()
