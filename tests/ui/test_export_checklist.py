"""The export dialog opens with the check before export: each problem with its fix (one-click
replacement, keep, acknowledge, go to entry), refreshed after fixes, usable by keyboard, and
an export that waits until personal data is answered (real widgets, driven by qtbot)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from portfolio.domain.entry_input import entry_input_from_json
from portfolio.services.portfolio import Portfolio
from portfolio.ui.controller import PortfolioController
from portfolio.ui.export.export_dialog import ExportDialog
from tests.ui.helpers.waiting import wait_for_writes

SITUATION = "I helped Mrs Okafor with her order. She rang on 07700 900123 and asked for it."


class _Window(QWidget):
    """Stands in for the main window: only ``open_entry`` is used."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    def open_entry(self, entry_id: str) -> None:
        self.opened.append(entry_id)


@pytest.fixture
def learner_file(portfolio_file: Path) -> Path:
    with Portfolio.open(portfolio_file) as pf:
        for data in (
            {
                "title": "Helping with an order",
                "event_date": "2026-11-02",
                "status": "ready",
                "situation": SITUATION,
            },
            {"title": "Still to write", "status": "draft"},
        ):
            pf.entries.add(entry_input_from_json(data))
    return portfolio_file


@pytest.fixture
def opened(qtbot, learner_file: Path, tmp_path: Path):
    controller = PortfolioController()
    controller.open(learner_file)
    window = _Window()
    qtbot.addWidget(window)
    dialogs: list[ExportDialog] = []

    def make() -> ExportDialog:
        dlg = ExportDialog(controller, window)
        dlg.path_edit.setText(str(tmp_path / "submission.pdf"))
        dialogs.append(dlg)
        dlg.show()
        _wait_checked(qtbot, dlg)
        return dlg

    yield controller, window, make
    controller.tasks.wait()
    for dlg in dialogs:
        dlg.close()
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox):
            widget.close()
    controller.close()


def _wait_checked(qtbot, dlg: ExportDialog) -> None:
    qtbot.waitUntil(lambda: dlg.report is not None and not dlg.checking, timeout=20_000)


def _refresh(qtbot, dlg: ExportDialog) -> None:
    wait_for_writes(qtbot)
    _wait_checked(qtbot, dlg)


def _select(dlg: ExportDialog, text: str) -> None:
    for row in range(dlg.checklist.list.count()):
        if text in dlg.checklist.list.item(row).text():
            dlg.checklist.list.setCurrentRow(row)
            return
    raise AssertionError(f"{text!r} is not in the checklist")


def test_the_dialog_opens_with_every_problem_and_blocks_the_export(opened, tmp_path):
    _controller, _window, make = opened
    dlg = make()
    kinds = [p.kind for p in dlg.checklist.problems]
    assert kinds.count("personal_data") == 2
    assert {"undated", "empty", "draft"} <= set(kinds)
    assert dlg.blocking_refs() == ["E1"]
    assert not dlg.export_button.isEnabled()
    assert "E1" in dlg.status.text() and "must be replaced or kept" in dlg.checklist.summary.text()
    dlg.start_export()
    assert not dlg.running and not (tmp_path / "submission.pdf").exists()
    assert dlg.checklist.list.hasFocus() or dlg.checklist.list.currentRow() == 0
    dlg.resize(720, 640)
    dlg.grab().save(str(tmp_path.parent / "export-checklist.png"))


def test_keyboard_replace_then_keep_then_export(opened, qtbot, learner_file, tmp_path):
    controller, _window, make = opened
    dlg = make()
    _select(dlg, "'Mrs Okafor'")
    assert dlg.checklist.replace_edit.text() == "the customer"
    dlg.checklist.list.setFocus()
    qtbot.keyClick(dlg.checklist.list, Qt.Key.Key_Return)  # into the replacement box
    assert dlg.checklist.replace_edit.hasFocus()
    qtbot.keyClick(dlg.checklist.replace_edit, Qt.Key.Key_Return)  # one-key replacement
    _refresh(qtbot, dlg)
    texts = [p.text for p in dlg.checklist.problems if p.kind == "personal_data"]
    assert texts == ["07700 900123"]
    entry = controller.portfolio.entries.get("E1")
    assert entry.sections["situation"].startswith("I helped the customer with her order.")

    _select(dlg, "'07700 900123'")
    qtbot.mouseClick(dlg.checklist.keep_button, Qt.MouseButton.LeftButton)
    _refresh(qtbot, dlg)
    assert dlg.blocking_refs() == [] and dlg.export_button.isEnabled()
    assert controller.portfolio.export_check.kept("E1") == ["07700 900123"]
    dlg.resize(720, 640)
    dlg.grab().save(str(tmp_path.parent / "export-checklist-answered.png"))
    qtbot.mouseClick(dlg.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dlg.running, timeout=60_000)
    assert (tmp_path / "submission.pdf").exists()


def test_own_words_replace_and_are_offered_next_time(opened, qtbot):
    controller, _window, make = opened
    dlg = make()
    _select(dlg, "'Mrs Okafor'")
    dlg.checklist.replace_edit.setText("the lady from the bakery")
    qtbot.mouseClick(dlg.checklist.replace_button, Qt.MouseButton.LeftButton)
    _refresh(qtbot, dlg)
    assert controller.portfolio.export_check.remembered()["okafor"] == "the lady from the bakery"
    assert (
        "the lady from the bakery" in controller.portfolio.entries.get("E1").sections["situation"]
    )


def test_acknowledging_a_draft_marks_it_seen_without_storing_anything(opened, qtbot):
    _controller, _window, make = opened
    dlg = make()
    _select(dlg, "is a draft")
    assert dlg.checklist.keep_button.text() == "Ac&knowledge"
    assert dlg.checklist.replace_button.isHidden()
    row = dlg.checklist.list.currentRow()
    qtbot.mouseClick(dlg.checklist.keep_button, Qt.MouseButton.LeftButton)
    assert dlg.checklist.list.item(row).text().startswith("✓ Acknowledged")


def test_go_to_entry_closes_the_dialog_and_opens_the_entry(opened, qtbot):
    controller, window, make = opened
    dlg = make()
    _select(dlg, "has no date")
    qtbot.mouseClick(dlg.checklist.goto_button, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible()
    assert window.opened == [controller.portfolio.entries.resolve_id("E2")]


def test_a_replacement_of_text_changed_meanwhile_fails_cleanly_and_checks_again(opened, qtbot):
    controller, _window, make = opened
    dlg = make()
    _select(dlg, "'Mrs Okafor'")
    # The words change behind the dialog's back (no change signal: as from another program).
    with Portfolio.open(controller.path) as other:
        entry_id = other.entries.resolve_id("E1")
        other.entries.update(entry_id=entry_id, sections={"situation": "Completely new words."})
    qtbot.mouseClick(dlg.checklist.replace_button, Qt.MouseButton.LeftButton)
    _refresh(qtbot, dlg)
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert any("changed since it was checked" in b.text() for b in boxes)
    assert controller.portfolio.entries.get("E1").sections["situation"] == "Completely new words."
    assert dlg.blocking_refs() == []


def test_changing_the_options_checks_again(opened, qtbot):
    _controller, _window, make = opened
    dlg = make()
    dlg.drafts.setChecked(False)
    _wait_checked(qtbot, dlg)
    assert "draft" not in {p.kind for p in dlg.checklist.problems}


def test_from_the_main_window_go_to_entry_opens_it_in_the_editor(
    qtbot, make_main_window, learner_file
):
    window = make_main_window(learner_file)
    dlg = window.show_export_dialog()
    assert isinstance(dlg, ExportDialog)
    _wait_checked(qtbot, dlg)
    _select(dlg, "'Mrs Okafor'")
    dlg.checklist.list.setFocus()
    qtbot.keyClick(dlg.checklist.list, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.dialog is None, timeout=5_000)  # closed (and deleted)
    editor = window.entries.editor
    assert editor.entry is not None and editor.entry.ref == "E1"
    wait_for_writes(qtbot)
