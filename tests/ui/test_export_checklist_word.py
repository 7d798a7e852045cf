"""The export dialog's checklist lists each picture of a Word attachment that the PDF cannot
show, naming the document and the picture; each can be acknowledged on its own, and "Go to
entry" opens the entry it is attached to (real widgets, driven by qtbot)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from portfolio.export import wordcheck
from portfolio.ui.controller import PortfolioController
from portfolio.ui.export.export_dialog import ExportDialog
from tests.core.export.test_word_check import _pictures_document, _portfolio
from tests.ui.test_export_checklist import _select, _wait_checked, _Window


@pytest.fixture
def dialog(qtbot, portfolio_file: Path, tmp_path: Path):
    wordcheck._CACHE.clear()
    _portfolio(portfolio_file, {1: [("till.docx", _pictures_document())]})
    controller = PortfolioController()
    controller.open(portfolio_file)
    window = _Window()
    qtbot.addWidget(window)
    dlg = ExportDialog(controller, window)
    dlg.path_edit.setText(str(tmp_path / "submission.pdf"))
    dlg.show()
    _wait_checked(qtbot, dlg)
    yield controller, window, dlg
    controller.tasks.wait()
    dlg.close()
    controller.close()
    wordcheck._CACHE.clear()


def _picture_rows(dlg: ExportDialog) -> list[str]:
    rows = [dlg.checklist.list.item(i).text() for i in range(dlg.checklist.list.count())]
    return [row for row in rows if "Picture left out" in row]


def test_each_problem_picture_is_listed_with_its_document(dialog) -> None:
    _controller, _window, dlg = dialog
    rows = _picture_rows(dlg)
    assert len(rows) == 3
    assert all("the attached 'till.docx'" in row for row in rows)
    assert any("picture 3 (image3.png) is a Windows metafile" in row for row in rows)
    assert dlg.export_button.isEnabled(), "a picture left out does not stop the export"


def test_a_picture_is_acknowledged_on_its_own_and_go_to_entry_opens_it(dialog, qtbot) -> None:
    controller, window, dlg = dialog
    _select(dlg, "picture 1 (image1.png)")
    qtbot.mouseClick(dlg.checklist.keep_button, Qt.MouseButton.LeftButton)
    rows = _picture_rows(dlg)
    assert sum(row.startswith("✓ Acknowledged") for row in rows) == 1
    _select(dlg, "picture 5 (image4.png)")
    qtbot.mouseClick(dlg.checklist.goto_button, Qt.MouseButton.LeftButton)
    assert window.opened == [controller.portfolio.entries.resolve_id("E1")]
