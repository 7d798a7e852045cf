"""At 200% font scaling the window fits a 1366x768 screen and nothing on a page is clipped.

Each test doubles the application font before the window is built and restores it after.
On a page too narrow for both, the Entries page shows the list and the editor one at a time.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QTabBar, QWidget

from portfolio.ui.entries.entry_table_model import REF, EntryIdRole
from tests.ui.helpers.waiting import wait_for_writes

SCREEN = (1366, 768)
WINDOW = (1366, 740)  # a 1366x768 screen less a taskbar


@pytest.fixture
def doubled_font(qapp):
    original = qapp.font()
    font = qapp.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    qapp.setFont(font)
    yield font
    qapp.setFont(original)


@pytest.fixture
def big_window(doubled_font, make_main_window, demo_file, qtbot):
    window = make_main_window(demo_file, size=WINDOW)
    qtbot.waitExposed(window)
    QApplication.processEvents()
    return window


def clipped_buttons(root: QWidget) -> list[str]:
    """Buttons narrower than their text needs (a line edit's own icon buttons, such as its
    clear button, and a tab bar's scroll arrows are sized by Qt and are not counted)."""
    return [
        f"{button.text()!r}: {button.width()} < {button.sizeHint().width()}"
        for button in root.findChildren(QAbstractButton)
        if button.isVisible()
        and button.width() < button.sizeHint().width()
        and not isinstance(button.parentWidget(), QLineEdit | QTabBar)
    ]


def assert_fits_the_screen(window) -> None:
    hint = window.minimumSizeHint()
    assert hint.width() <= SCREEN[0] and hint.height() <= WINDOW[1], hint
    assert window.width() <= SCREEN[0] and window.height() <= SCREEN[1]


def show(window, page: QWidget) -> None:
    window.show_page(page)
    QApplication.processEvents()


@pytest.mark.parametrize("name", ["overview", "entries", "documents", "qualification"])
def test_every_page_fits_and_no_button_is_clipped(big_window, name):
    show(big_window, getattr(big_window, name))
    assert_fits_the_screen(big_window)
    assert clipped_buttons(big_window.pages.currentWidget()) == []


def test_the_entries_list_and_editor_are_shown_one_at_a_time(big_window, qtbot):
    page = big_window.entries
    show(big_window, page)
    assert page.is_narrow
    panel = page.list_panel
    assert panel.isVisible() and not page.editor_panel.isVisible()
    assert clipped_buttons(panel) == []
    table = panel.table
    assert table.horizontalScrollBar().value() == 0
    assert table.columnViewportPosition(REF) == 0  # the Ref column is in view

    index = table.model().index(2, 1)
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center()
    )
    QApplication.processEvents()
    assert page.editor_panel.isVisible() and not panel.isVisible()
    assert page.back_button.isVisible()
    assert page.editor.entry_id == index.data(EntryIdRole)
    assert clipped_buttons(page) == []
    assert_fits_the_screen(big_window)
    tabs = page.editor_panel.side_tabs
    for number in range(tabs.count()):
        tabs.setCurrentIndex(number)
        QApplication.processEvents()
        assert clipped_buttons(tabs.currentWidget()) == [], tabs.tabText(number)

    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert panel.isVisible() and not page.editor_panel.isVisible()
    assert not page.back_button.isVisible()
    assert table.columnViewportPosition(REF) == 0


def test_a_new_entry_opens_the_editor_and_back_returns_to_the_list(qtbot, big_window):
    page = big_window.entries
    show(big_window, page)
    page.list_panel.new_button.click()
    wait_for_writes(qtbot)
    QApplication.processEvents()
    assert page.editor_panel.isVisible() and page.back_button.isVisible()
    assert page.editor.details.title.hasFocus() or page.editor.entry_id is not None
    page.back_button.click()
    assert page.list_panel.isVisible()


def test_at_normal_size_the_list_and_editor_stay_side_by_side(make_main_window, demo_file):
    window = make_main_window(demo_file, size=WINDOW)
    show(window, window.entries)
    page = window.entries
    assert not page.is_narrow
    assert page.list_panel.isVisible() and page.editor_panel.isVisible()
    assert not page.back_button.isVisible()
    assert clipped_buttons(window.entries) == []


def test_the_welcome_screen_and_wizard_fit(doubled_font, make_main_window, qtbot):
    from portfolio.ui.welcome.new_portfolio_wizard import NewPortfolioWizard

    window = make_main_window(size=WINDOW)
    assert window.stack.currentWidget() is window.welcome
    assert_fits_the_screen(window)
    assert clipped_buttons(window.welcome) == []
    wizard = NewPortfolioWizard(window.controller, parent=window)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    for _ in range(len(wizard.pageIds())):
        QApplication.processEvents()
        hint = wizard.minimumSizeHint()
        assert hint.width() <= SCREEN[0] and hint.height() <= WINDOW[1], hint
        assert clipped_buttons(wizard) == []
        if wizard.currentId() == wizard.pageIds()[-1] or not wizard.validateCurrentPage():
            break
        wizard.next()
    wizard.reject()


def test_every_side_tab_insets_its_text_from_the_tab_edge(make_main_window, demo_file, qtbot):
    # Documents and Feedback had no margin: their headings touched the tab's left edge while
    # Criteria's stood in from it.
    from PySide6.QtWidgets import QLabel

    from portfolio.ui.theme import SPACING

    window = make_main_window(demo_file)
    window.show_page(window.entries)
    panel = window.entries.editor_panel
    tabs = panel.side_tabs
    for page in (panel.tagging, panel.attachments, panel.feedback):
        tabs.setCurrentWidget(page)
        QApplication.processEvents()
        labels = [
            label for label in page.findChildren(QLabel) if label.isVisibleTo(page) and label.text()
        ]
        assert labels, tabs.tabText(tabs.indexOf(page))
        lefts = [label.mapTo(page, label.rect().topLeft()).x() for label in labels]
        assert min(lefts) >= SPACING, (tabs.tabText(tabs.indexOf(page)), min(lefts))
