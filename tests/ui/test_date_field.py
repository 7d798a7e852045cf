"""The entry's date field: typed dates, Tab moves on, a bad date is marked and changes nothing.

The old spin-box date trapped the keyboard: Tab from Title into the date and type, and focus
never left ("Not setTRAPTEST14/10/2026Z"). These tests walk that path with key presses only.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from portfolio.ui.widgets.date_field import DateField
from tests.ui.helpers.waiting import wait_for_writes


def test_tab_from_title_types_a_date_and_moves_on(qtbot, editor_panel, controller):
    entry = controller.portfolio.entries.add(title="Till").value
    editor_panel.set_entry(entry.id)
    details = editor_panel.editor.details
    details.title.setFocus()
    qtbot.keyClick(details.title, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is details.event_date
    details.event_date.selectAll()
    qtbot.keyClicks(details.event_date, "14/10/2026")
    qtbot.keyClick(details.event_date, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not details.event_date  # the keyboard is free
    assert details.event_date.text() == "14 October 2026"
    editor_panel.editor.flush()
    wait_for_writes(qtbot)
    assert controller.portfolio.entries.get(entry.id).event_date == date(2026, 10, 14)


def test_a_bad_date_is_marked_and_changes_nothing(qtbot, editor_panel, controller):
    entry = controller.portfolio.entries.add(title="Till", event_date=date(2026, 1, 5)).value
    editor_panel.set_entry(entry.id)
    field = editor_panel.editor.details.event_date
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "TRAPTEST")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.invalid
    assert "is not a date" in field.toolTip()
    editor_panel.editor.flush()
    wait_for_writes(qtbot)
    assert controller.portfolio.entries.get(entry.id).event_date == date(2026, 1, 5)
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "today")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert not field.invalid
    editor_panel.editor.flush()
    wait_for_writes(qtbot)
    assert controller.portfolio.entries.get(entry.id).event_date == date.today()


def test_clearing_the_date_removes_it(qtbot, editor_panel, controller):
    entry = controller.portfolio.entries.add(title="Till", event_date=date(2026, 1, 5)).value
    editor_panel.set_entry(entry.id)
    field = editor_panel.editor.details.event_date
    field.setFocus()
    field.clear()
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    editor_panel.editor.flush()
    wait_for_writes(qtbot)
    assert controller.portfolio.entries.get(entry.id).event_date is None


def test_alt_down_opens_a_calendar_and_enter_chooses(qtbot):
    field = DateField()
    qtbot.addWidget(field)
    field.show()
    field.set_date(date(2026, 3, 10))
    with qtbot.waitSignal(field.date_changed) as changed:
        qtbot.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
        calendar = field._calendar
        assert calendar is not None
        qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Right)
        qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Return)
    assert changed.args == [date(2026, 3, 11)]
    assert field.text() == "11 March 2026"


def test_a_new_entry_starts_today_with_empty_hours(qtbot, make_main_window, portfolio_file):
    window = make_main_window(portfolio_file)
    window.show_page(window.entries)
    window.entries.new_entry()
    wait_for_writes(qtbot)  # the new entry opens once it is stored
    entry_id = window.entries.editor.entry_id
    assert entry_id is not None
    stored = window.controller.portfolio.entries.get(entry_id)
    assert stored.event_date == date.today()
    details = window.entries.editor.details
    assert details.hours.value() == 0
    assert details.hours.text().strip() == ""  # shown empty, not "0.00 hours"
