"""GroupOverviewPage over a temporary folder: background scan with progress, the table, unreadable
files with reasons, opening a learner, CSV and PDF export."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from portfolio.services import reviewing
from portfolio.ui.controller import PortfolioController
from portfolio.ui.review.group_overview_page import GroupOverviewPage
from portfolio.ui.review.group_table_model import PATH_ROLE, GroupTableModel
from tests.helpers.assessment import make_signed_off


@pytest.fixture
def folder(tmp_path: Path, demo_file: Path, portfolio_file: Path) -> Path:
    group = tmp_path / "group"
    group.mkdir()
    shutil.copy2(demo_file, group / "jordan.portfolio")
    shutil.copy2(portfolio_file, group / "alex.portfolio")
    make_signed_off(group / "jordan.portfolio", "icq-bwrc-l2.u1")
    (group / "damaged.portfolio").write_bytes(demo_file.read_bytes()[:5000])
    (group / "shopping.portfolio").write_text("eggs, milk")
    return group


def test_page_scans_in_the_background_and_lists_failures(qtbot, folder: Path) -> None:
    page = GroupOverviewPage()
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.scan_finished, timeout=20_000) as blocker:
        page.set_folder(folder)
        assert page.busy and page.progress.isVisible() and page.cancel_button.isVisible()
    overview = blocker.args[0]
    assert not page.busy and not page.progress.isVisible()
    assert len(overview.learners) == 2 and page.model.rowCount() == 2
    assert page.model.columns() == [
        "Learner",
        "BWRC",
        "Off-the-job",
        "Awaiting review",
        "Last activity",
    ]
    texts = [page.proxy.index(r, 0).data() for r in range(2)]
    assert texts[0].startswith("Alex Morgan") and texts[1].startswith("Jordan Ellis")
    jordan_unit = page.proxy.index(1, 1).data()
    assert "11 met" in jordan_unit and "✓ signed off (Priya Shah" in jordan_unit
    assert page.failures.count() == 2 and page.failures_label.text() == "2 files could not be read:"
    reasons = [page.failures.item(i).text() for i in range(2)]
    assert reasons[0].startswith("damaged.portfolio") and "damaged" in reasons[0]
    assert "not a portfolio" in reasons[1]
    assert "2 learners" in page.summary_label.text()


def test_sorting_and_open_learner(qtbot, folder: Path) -> None:
    page = GroupOverviewPage()
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.scan_finished, timeout=20_000):
        page.set_folder(folder)
    page.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # most evidence first
    assert page.proxy.index(0, 0).data().startswith("Jordan Ellis")
    index = page.proxy.index(0, 0)
    with qtbot.waitSignal(page.open_learner_requested) as blocker:
        page.table.doubleClicked.emit(index)
    assert blocker.args == [str(folder / "jordan.portfolio")]
    page.table.setCurrentIndex(page.proxy.index(1, 2))
    with qtbot.waitSignal(page.open_learner_requested) as blocker:
        qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [str(folder / "alex.portfolio")]


def test_exports_csv_and_pdf(qtbot, folder: Path, tmp_path: Path) -> None:
    controller = PortfolioController()
    page = GroupOverviewPage(controller)
    qtbot.addWidget(page)
    assert not page.csv_button.isEnabled()
    with qtbot.waitSignal(page.scan_finished, timeout=20_000):
        page.set_folder(folder)
    assert page.csv_button.isEnabled() and page.pdf_button.isEnabled()
    out = page.export_csv(tmp_path / "group.csv")
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert [r["learner"] for r in rows if r["learner"]] == ["Alex Morgan", "Jordan Ellis"]
    pdf = page.export_pdf(tmp_path / "group.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    controller.close()


def test_a_missing_folder_is_reported(qtbot, tmp_path: Path, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        "portfolio.ui.review.group_overview_page.show_error", lambda _p, m, **_: shown.append(m)
    )
    page = GroupOverviewPage()
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.scan_failed, timeout=10_000):
        page.set_folder(tmp_path / "gone")
    assert shown and "not a folder" in shown[0] and not page.busy


def test_cancel_keeps_the_last_table(qtbot, folder: Path, monkeypatch) -> None:
    page = GroupOverviewPage()
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.scan_finished, timeout=20_000):
        page.set_folder(folder)
    real = reviewing.scan_group

    def slow(folder, *, progress=None, cancel=None):
        cancel._event.wait(5)  # until Cancel is pressed
        return real(folder, progress=progress, cancel=cancel)

    monkeypatch.setattr(reviewing, "scan_group", slow)
    page.refresh()
    assert page.busy
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy, timeout=10_000)
    assert "Cancelled" in page.summary_label.text() and page.model.rowCount() == 2


def test_group_table_model_passes_the_model_tester(qtmodeltester, folder: Path) -> None:
    model = GroupTableModel()
    model.set_overview(reviewing.scan_group(folder))
    qtmodeltester.check(model)
    assert model.index(0, 0).data(PATH_ROLE).endswith("alex.portfolio")
    assert model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole).startswith(
        "BWRC:"
    )
