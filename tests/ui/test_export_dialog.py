"""The export dialog: choices, a background export with progress, cancel, and open when done."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from portfolio.ui.controller import PortfolioController
from portfolio.ui.export.export_dialog import ExportDialog


@pytest.fixture
def dialog(qtbot, demo_file: Path, tmp_path: Path):
    controller = PortfolioController()
    controller.open(demo_file)
    dlg = ExportDialog(controller)
    qtbot.addWidget(dlg)
    dlg.path_edit.setText(str(tmp_path / "submission.pdf"))
    yield dlg
    controller.tasks.wait()
    controller.close()


def test_choices_become_export_options(dialog):
    assert dialog.options().units is None, "every unit checked means the whole portfolio"
    dialog.drafts.setChecked(False)
    dialog.feedback.setChecked(False)
    dialog.attachments.setChecked(False)
    dialog.employer.setChecked(True)
    options = dialog.options()
    assert not options.include_drafts and not options.include_feedback
    assert not options.include_attachments and options.show_employer
    dialog.units.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.options().units == ()
    dialog.start_export()
    assert "at least one unit" in dialog.status.text() and not dialog.running


def test_export_runs_in_background_then_offers_to_open(dialog, qtbot, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(
        "portfolio.ui.export.export_dialog.QDesktopServices.openUrl",
        lambda url: opened.append(url.toLocalFile()),
    )
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.running and not dialog.export_button.isEnabled()
    assert dialog.cancel_button.text() == "Cancel"
    qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
    out = tmp_path / "submission.pdf"
    assert out.exists() and dialog.result_path == out
    assert not dialog.open_button.isHidden()
    assert "Saved" in dialog.status.text()
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert opened == [str(out)]
    dialog.grab().save(str(tmp_path.parent / "export-dialog.png"))


def test_cancel_stops_the_export_and_leaves_no_file(dialog, qtbot, tmp_path):
    dialog.start_export()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
    assert "cancelled" in dialog.status.text()
    assert list(tmp_path.glob("submission*")) == []
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".submission")] == []


def test_the_charts_box_adds_the_progress_charts_section(dialog, qtbot, tmp_path):
    assert not dialog.options().include_charts, "off unless the learner asks"
    qtbot.mouseClick(dialog.charts, Qt.MouseButton.LeftButton)
    assert dialog.options().include_charts
    dialog.start_export()
    qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
    from pypdf import PdfReader

    reader = PdfReader(tmp_path / "submission.pdf")
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Progress charts" in top


def test_what_to_include_folds_away_and_stays_open_once_opened(qtbot, make_main_window, demo_file):
    """Folded at first (its summary says what is chosen); opened from the keyboard, its boxes
    follow the toggle in the Tab order, and the next dialog opens with it open."""
    from PySide6.QtWidgets import QApplication

    window = make_main_window(demo_file)
    first = window.show_export_dialog()
    first.activateWindow()
    qtbot.waitUntil(first.isActiveWindow, timeout=2000)
    try:
        assert not first.choices.is_open() and not first.drafts.isVisible()
        assert first.choices.toggle.text() == "What to &include: drafts, feedback, attachments"
        first.choices.toggle.setFocus()
        qtbot.keyClick(first.choices.toggle, Qt.Key.Key_Space)
        assert first.drafts.isVisible() and first.charts.isVisible()
        qtbot.keyClick(first.choices.toggle, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is first.drafts, "Tab goes on to the first box"
        first.employer.setChecked(True)
        qtbot.keyClick(first.choices.toggle, Qt.Key.Key_Space)
        assert "employer" in first.choices.toggle.text() and not first.drafts.isVisible()
        qtbot.keyClick(first.choices.toggle, Qt.Key.Key_Space)
    finally:
        window.controller.tasks.wait()
        first.reject()
    again = window.show_export_dialog()
    try:
        assert again.choices.is_open() and again.drafts.isVisibleTo(again)
    finally:
        window.controller.tasks.wait()
        again.reject()
