"""The main window at start (issue #17): only the Overview is built with it, every other page
is built when first shown or used, by mouse or keyboard, and looks and works as before; a file
named at start has its first frame drawn from a plain read and is opened once that is painted."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from portfolio.services.portfolio import Portfolio
from portfolio.ui import app
from portfolio.ui.controller import PortfolioController
from portfolio.ui.coverage.overview_page import WORKING
from portfolio.ui.main_window import PAGES, MainWindow
from portfolio.ui.settings import AppSettings
from tests.ui.helpers.waiting import wait_for_coverage, wait_for_writes

LATER_PAGES = [key for _label, key, _module, _class in PAGES[1:]]


def _action(window: MainWindow, name: str):
    from PySide6.QtGui import QAction

    action = window.findChild(QAction, name)
    assert action is not None, name
    return action


def test_only_the_overview_is_built_with_the_window(make_main_window, demo_file):
    window = make_main_window(demo_file)
    assert window.built_page("overview") is window.overview
    assert [key for key in LATER_PAGES if window.built_page(key)] == []
    assert window.pages.count() == len(PAGES) == window.navigation.count()
    assert window.pages.currentWidget() is window.overview


@pytest.mark.parametrize("row", range(1, len(PAGES)))
def test_each_page_is_built_and_filled_when_first_shown(make_main_window, demo_file, row):
    window = make_main_window(demo_file)
    window.navigation.setCurrentRow(row)
    key = PAGES[row][1]
    page = window.built_page(key)
    assert page is not None and window.pages.currentWidget() is page
    assert window.pages.indexOf(page) == row and page.isVisible()
    assert page.objectName() == f"{PAGES[row][0].lower().replace('-', '')}Page"
    if key == "entries":  # the list and the first entry, as after an open
        assert page.model.rowCount() > 0 and page.editor.entry_id is not None
    window.navigation.setCurrentRow(0)
    window.navigation.setCurrentRow(row)
    assert window.built_page(key) is page  # built once


def test_view_menu_keys_build_the_page(make_main_window, demo_file):
    window = make_main_window(demo_file)
    action = _action(window, "showPage3")
    assert action.shortcut().toString() == "Ctrl+3"
    action.trigger()
    assert window.pages.currentWidget() is window.built_page("documents") is not None


def test_new_entry_from_the_first_frame_builds_the_entries_page(qtbot, make_main_window, demo_file):
    window = make_main_window(demo_file)
    before = window.controller.portfolio.entries.count()
    _action(window, "newEntry").trigger()  # Ctrl+N on the Overview
    wait_for_writes(qtbot)
    entries = window.built_page("entries")
    assert entries is not None and window.pages.currentWidget() is entries
    assert window.controller.portfolio.entries.count() == before + 1
    qtbot.waitUntil(lambda: entries.editor.entry is not None)
    assert window.menus.delete.isEnabled() and window.menus.duplicate.isEnabled()


def test_the_save_state_follows_the_editor_once_built(qtbot, make_main_window, demo_file):
    window = make_main_window(demo_file)
    window.show_page(window.entries)
    editor = window.entries.editor
    qtbot.waitUntil(lambda: editor.entry is not None)
    editor.details.title.end(False)
    qtbot.keyClicks(editor.details.title, " (edited)")  # typed, as the learner would
    qtbot.waitUntil(lambda: window.save_state.text() != "", timeout=5000)
    _action(window, "save").trigger()  # Ctrl+S saves the open entry now
    wait_for_writes(qtbot)
    shown = window.controller.portfolio.entries.get(editor.entry_id).title
    assert shown.endswith("(edited)")


def test_splitters_are_kept_for_a_page_built_late(qtbot, demo_file):
    settings = AppSettings(persistent=True)
    first = MainWindow(PortfolioController(), settings)
    qtbot.addWidget(first)
    first.show()
    assert first.files.open_path(demo_file)
    wait_for_coverage(qtbot, first.overview)
    first.show_page(first.entries)
    first.entries.splitter.setSizes([300, 1000])
    wanted = first.entries.splitter.sizes()
    first.close()
    # A window whose Entries page is never built keeps the saved splitters as they were.
    second = MainWindow(PortfolioController(), settings)
    qtbot.addWidget(second)
    second.close()
    third = MainWindow(PortfolioController(), settings)
    qtbot.addWidget(third)
    third.resize(first.size())
    third.show()
    assert third.files.open_path(demo_file)
    wait_for_coverage(qtbot, third.overview)
    third.show_page(third.entries)
    assert third.entries.splitter.sizes() == wanted
    third.close()
    third.controller.close()


def test_a_file_named_at_start_is_drawn_then_opened(qtbot, make_main_window, demo_file):
    window = make_main_window()
    window.hide()
    with Portfolio.open(demo_file, read_only=True) as pf:
        learner = pf.learner.get().name
    window.open_at_start(demo_file)
    # Before the first paint: the first frame from the plain read, nothing opened yet.
    assert window.starting and not window.controller.is_open
    assert window.windowTitle() == f"{learner} – Portfolio"
    assert window.stack.currentWidget() is window.workspace
    assert window.overview.working_label.text() == WORKING
    with qtbot.waitSignal(window.first_frame_shown):
        window.show()
    qtbot.waitUntil(lambda: window.controller.is_open)
    assert not window.starting and window.controller.path == demo_file
    assert window.windowTitle() == f"{learner} – Portfolio"
    wait_for_coverage(qtbot, window.overview)
    assert window.overview.report is not None
    assert window.menus.export_pdf.isEnabled()


def test_a_file_that_fails_after_its_first_frame_says_why(qtbot, make_main_window, demo_file):
    window = make_main_window()
    window.hide()
    window.open_at_start(demo_file)
    assert window.starting
    demo_file.unlink()  # gone between the plain read and the open
    window.show()
    qtbot.waitUntil(lambda: not window.starting)
    assert not window.controller.is_open
    assert window.stack.currentWidget() is window.welcome
    assert window.windowTitle() == "Portfolio" and window.path_label.text() == ""
    assert "no file" in window.welcome.error_label.text().lower()


def test_a_file_the_plain_read_cannot_take_opens_at_once(make_main_window, tmp_path):
    window = make_main_window()
    missing = tmp_path / "missing.portfolio"
    window.open_at_start(missing)  # no first frame from a plain read: opened (and refused) now
    assert not window.starting and not window.controller.is_open
    assert window.stack.currentWidget() is window.welcome
    assert window.welcome.error_label.text()


def test_closing_before_the_first_frame_never_opens_the_file(qtbot, make_main_window, demo_file):
    window = make_main_window()
    window.hide()
    window.open_at_start(demo_file)
    window.close()
    qtbot.wait(50)
    QApplication.processEvents()
    assert not window.starting and not window.controller.is_open


def test_the_app_starts_with_its_first_frame_then_the_file(qtbot, demo_file):
    window = app.build_window(["main.py", str(demo_file)])
    qtbot.addWidget(window)
    try:
        assert window.starting and not window.controller.is_open
        window.show()
        qtbot.waitUntil(lambda: window.controller.is_open)
        assert window.controller.path == demo_file
    finally:
        app.shut_down(window)


def test_keys_work_on_the_first_frame_and_open_the_file_first(qtbot, make_main_window, demo_file):
    window = make_main_window()
    window.hide()
    window.open_at_start(demo_file)
    assert window.starting and window.menus.new_entry.isEnabled()
    assert window.menus.find.isEnabled() and window.menus.export_pdf.isEnabled()
    with Portfolio.open(demo_file, read_only=True) as pf:
        before = pf.entries.count()
    _action(window, "newEntry").trigger()  # Ctrl+N before the first paint
    assert not window.starting and window.controller.is_open
    wait_for_writes(qtbot)
    assert window.controller.portfolio.entries.count() == before + 1
    assert window.pages.currentWidget() is window.built_page("entries")


def test_a_page_key_on_the_first_frame_opens_the_file_and_shows_it(make_main_window, demo_file):
    window = make_main_window()
    window.hide()
    window.open_at_start(demo_file)
    _action(window, "showPage4").trigger()  # Ctrl+4
    assert window.controller.is_open
    assert window.pages.currentWidget() is window.built_page("qualification") is not None


def test_closing_the_file_on_its_first_frame_never_opens_it(qtbot, make_main_window, demo_file):
    window = make_main_window()
    window.hide()
    window.open_at_start(demo_file)
    _action(window, "closePortfolio").trigger()
    assert not window.starting and window.stack.currentWidget() is window.welcome
    assert not window.menus.new_entry.isEnabled()
    window.show()
    qtbot.wait(50)
    assert not window.controller.is_open and window.windowTitle() == "Portfolio"
