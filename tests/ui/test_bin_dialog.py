"""The Bin dialog: deleted entries listed, restored with their tags, emptied only on request."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from portfolio.domain.entry_input import entry_input_from_json
from portfolio.ui.entries.bin_dialog import BinDialog
from tests.ui.helpers.waiting import wait_for_writes


@pytest.fixture
def binned(controller):
    entries = controller.portfolio.entries
    kept = entries.add(entry_input_from_json({"title": "Kept"})).value
    gone = entries.add(
        entry_input_from_json(
            {"title": "Gone", "tags": [{"criterion_id": "1.1", "justification": "how"}]}
        )
    ).value
    entries.delete(gone.id)
    return kept, gone


def test_the_bin_lists_deleted_entries_and_restores_them(qtbot, controller, binned):
    _, gone = binned
    dialog = BinDialog(controller)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.topLevelItemCount() == 1
    assert dialog.table.topLevelItem(0).text(1) == "Gone"
    assert dialog.table.topLevelItem(0).text(2) == "1"  # its criteria were kept
    with qtbot.waitSignal(controller.changed):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert controller.portfolio.entries.get(gone.id).tags[0].number == "1.1"
    assert dialog.empty_state.isVisible()
    assert not dialog.empty_button.isEnabled()


def test_emptying_the_bin_asks_first(qtbot, controller, binned, monkeypatch):
    _, gone = binned
    dialog = BinDialog(controller)
    qtbot.addWidget(dialog)
    dialog.show()
    answers = iter([QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: next(answers))
    qtbot.mouseClick(dialog.empty_button, Qt.MouseButton.LeftButton)  # cancelled
    assert [e.id for e in controller.portfolio.entries.list(binned=True)] == [gone.id]
    qtbot.mouseClick(dialog.empty_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    assert controller.portfolio.entries.list(binned=True) == []
    assert dialog.empty_state.isVisible()


def test_the_bin_is_on_the_edit_menu(make_main_window, portfolio_file):
    window = make_main_window(portfolio_file)
    assert window.menus.show_bin.isEnabled()
    window.menus.show_bin.trigger()
    assert isinstance(window.dialog, BinDialog)
    window.dialog.reject()
