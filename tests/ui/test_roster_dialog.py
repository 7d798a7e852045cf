"""The centre roster in the app (#13): the lead IQA makes the file from rows, a portfolio imports
it and lists its reviewers; a bad row is refused with one message and nothing is written."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from portfolio.services import roster as roster_service
from portfolio.ui.review.roster_dialog import RosterDialog
from tests.ui.helpers.waiting import wait_for_writes

KEY = "ab12 cd34 ef56 7890"


def test_make_save_and_import_a_roster(qtbot, controller, tmp_path: Path) -> None:
    dialog = RosterDialog(controller)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "No roster yet" in dialog.kept_label.text()
    qtbot.keyClicks(dialog.centre_edit, "Northgate College")
    dialog.add_member("Priya Shah", "Assessor", KEY.upper())
    dialog.add_member("Irene Quinn", "iqa", "0000 1111 2222 3333")
    out = dialog.save(tmp_path / "roster.json")
    assert out is not None
    saved = json.loads(out.read_text(encoding="utf-8"))
    assert saved["centre"] == "Northgate College"
    assert saved["reviewers"][0] == {"name": "Priya Shah", "role": "assessor", "key": KEY}

    dialog.import_file(out)
    wait_for_writes(qtbot)
    kept = roster_service.current(controller.portfolio.storage)
    assert kept is not None and [m.name for m in kept.members] == ["Priya Shah", "Irene Quinn"]
    assert dialog.kept_table.rowCount() == 2
    assert dialog.kept_table.item(0, 2).text() == KEY
    assert "Northgate College: 2 reviewer(s)" in dialog.kept_label.text()


def test_a_bad_row_is_named_and_nothing_is_written(qtbot, controller, tmp_path: Path) -> None:
    dialog = RosterDialog(controller)
    qtbot.addWidget(dialog)
    dialog.centre_edit.setText("Northgate College")
    dialog.add_member("Priya Shah", "assessor", "not a fingerprint")
    assert dialog.save(tmp_path / "roster.json") is None
    box = dialog.findChild(QMessageBox, "errorMessage")
    assert box is not None and box.text()
    assert not (tmp_path / "roster.json").exists()


def test_a_file_that_is_not_a_roster_changes_nothing(qtbot, controller, tmp_path: Path) -> None:
    dialog = RosterDialog(controller)
    qtbot.addWidget(dialog)
    bogus = tmp_path / "notes.json"
    bogus.write_text('{"hello": 1}', encoding="utf-8")
    dialog.import_file(bogus)
    wait_for_writes(qtbot)
    assert roster_service.current(controller.portfolio.storage) is None
    assert dialog.kept_table.rowCount() == 0


def test_the_tools_menu_opens_it(qtbot, make_main_window) -> None:
    window = make_main_window()
    window.menus.roster.trigger()
    dialog = window.dialog
    assert isinstance(dialog, RosterDialog)
    assert dialog.windowTitle() == "Centre roster"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
