"""A learner who uses only the keyboard: on a new portfolio, create an entry, fill in the STAR
sections, tag a criterion, mark the entry ready and export the PDF, with key presses only
(no mouse, no slot calls), checking at each step that focus is where a person expects."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTabBar, QTreeView

from portfolio.ui.export.export_dialog import ExportDialog
from tests.ui.helpers.waiting import wait_for_writes

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier

STAR = {
    "situation": "On a busy Saturday a customer came to the desk because her order was late.",
    "task": "I had to find the order and put things right under our complaints procedure.",
    "action": "I listened without interrupting, checked the order on our system, found it at "
    "the depot and offered her collection today or delivery tomorrow.",
    "result": "She collected it that afternoon and thanked me; my supervisor praised me.",
    "reflection": "I learned that listening first calms an upset customer. Next time I will "
    "check the depot before I promise anything.",
}


def focused():
    return QApplication.focusWidget()


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(focused(), key, modifier)


def type_text(qtbot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def test_a_learner_does_everything_with_the_keyboard(qtbot, make_main_window, portfolio_file):
    window = make_main_window(portfolio_file)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    editor = window.entries.editor

    # 1. Ctrl+N: a new entry, and the cursor is in its title.
    press(qtbot, Qt.Key.Key_N, CTRL)
    wait_for_writes(qtbot)
    qtbot.waitUntil(lambda: focused() is editor.details.title, timeout=3000)
    entry_id = editor.entry_id
    assert entry_id is not None
    type_text(qtbot, "Late online order")

    # 2. Tab through the details: date (typed), method, hours, status.
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is editor.details.event_date
    type_text(qtbot, "14/10/2026")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is editor.details.method
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is editor.details.hours
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, "2")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is editor.details.status
    press(qtbot, Qt.Key.Key_Tab)
    # The reflective model (STAR by default) comes before the sections it lays out.
    assert focused().objectName() == "modelChoice"
    press(qtbot, Qt.Key.Key_Tab)

    # 3. The STAR sections, one Tab apart (Tab never types a tab character into them).
    for key, text in STAR.items():
        box = editor.sections[key]
        assert focused() is box.edit, (key, focused())
        type_text(qtbot, text)
        press(qtbot, Qt.Key.Key_Tab)

    # 4. Tab reaches the side tabs; Right arrow opens Criteria; Tab into it; tick one.
    assert isinstance(focused(), QTabBar)
    assert window.page_area.focusPolicy() == Qt.FocusPolicy.NoFocus  # no empty Tab stops
    tabs = window.entries.editor_panel.side_tabs
    tagging = window.entries.editor_panel.tagging
    while tabs.currentWidget() is not tagging:
        press(qtbot, Qt.Key.Key_Right)
    for _ in range(30):  # past the suggestions' buttons and the filter, to the tree
        press(qtbot, Qt.Key.Key_Tab)
        if isinstance(focused(), QTreeView):
            break
    tree = tagging.tree
    assert focused() is tree
    for _ in range(10):  # down to the first criterion (unit, outcome, criterion)
        press(qtbot, Qt.Key.Key_Down)
        if tree.currentIndex().flags() & Qt.ItemFlag.ItemIsUserCheckable:
            break
    press(qtbot, Qt.Key.Key_Space)
    wait_for_writes(qtbot)
    assert len(window.controller.portfolio.entries.get(entry_id).tags) == 1

    # 5. Alt+S jumps to Status; R chooses "Ready for review".
    press(qtbot, Qt.Key.Key_S, ALT)
    assert focused() is editor.details.status
    type_text(qtbot, "R")
    assert editor.details.status.currentData() == "ready"

    # 6. Ctrl+E: the export dialog, focus in it; type where to save; Enter exports.
    press(qtbot, Qt.Key.Key_E, CTRL)
    dialog = window.dialog
    assert isinstance(dialog, ExportDialog)
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: focused() is not None and focused().window() is dialog)
    target = portfolio_file.parent / "keyboard.pdf"
    while focused() is not dialog.path_edit:
        press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, str(target))
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
    assert target.exists() and target.read_bytes().startswith(b"%PDF")
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)

    stored = window.controller.portfolio.entries.get(entry_id)
    assert stored.title == "Late online order"
    assert stored.status == "ready"
    assert stored.event_date is not None and stored.event_date.isoformat() == "2026-10-14"
    assert stored.sections == STAR
