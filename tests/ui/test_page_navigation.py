"""The page list beside every page: full labels when the window has room, a narrow column of
icons when it has not (200% scaling on a 1366x768 laptop leaves a window 683 px wide), and in
both the same keyboard, shortcuts and names for a screen reader.

Scales are simulated as in test_screen_scaling: the window is fitted into the logical screen of
that scale, with the fonts the same size in logical pixels.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QScrollArea

from portfolio.ui.main_window import PAGES
from portfolio.ui.widgets import screen_fit
from tests.ui.test_screen_scaling import available

NAMES = [name for name, *_ in PAGES]
NARROW_NAVIGATION = 60  # px: about two icon widths, as VS Code's activity bar


def _settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def _at_scale(make_main_window, demo_file, scale: float):
    window = make_main_window(demo_file, size=(1280, 740))
    screen_fit.fit_into(window, available(scale))
    _settle()
    return window


def test_at_200_percent_the_navigation_is_narrow_and_every_page_gets_the_width(
    make_main_window, demo_file
):
    """Before: the list kept its 156 px labels, and each page got 525 of the 681 px."""
    window = _at_scale(make_main_window, demo_file, 2.0)
    navigation = window.navigation
    assert navigation.width() <= NARROW_NAVIGATION
    area = window.page_area
    assert isinstance(area, QScrollArea)
    assert area.width() >= window.width() - NARROW_NAVIGATION
    for key in ("overview", "entries", "documents", "qualification", "progress", "otj"):
        page = getattr(window, key)
        window.show_page(page)
        _settle()
        assert area.horizontalScrollBar().maximum() == 0, key  # no page scrolls sideways
        assert page.width() >= area.viewport().width(), key
        item = navigation.item(navigation.currentRow())
        assert item.isSelected() and not item.icon().isNull(), key  # the page is marked


@pytest.mark.parametrize("scale", [1.0, 1.25], ids=lambda s: f"{s:.0%}")
def test_with_room_the_full_labels_show(scale, make_main_window, demo_file):
    window = _at_scale(make_main_window, demo_file, scale)
    navigation = window.navigation
    metrics = navigation.fontMetrics()
    for row, name in enumerate(NAMES):
        rect = navigation.visualItemRect(navigation.item(row))
        assert rect.width() >= navigation.iconSize().width() + metrics.horizontalAdvance(name)
        assert navigation.viewport().rect().contains(rect)


def test_the_labels_come_back_when_the_window_widens(make_main_window, demo_file):
    window = _at_scale(make_main_window, demo_file, 2.0)
    assert window.navigation.width() <= NARROW_NAVIGATION
    window.resize(1280, 700)
    _settle()
    navigation = window.navigation
    assert navigation.width() >= navigation.sizeHintForColumn(0) > NARROW_NAVIGATION


@pytest.mark.parametrize("scale", [1.0, 2.0], ids=lambda s: f"{s:.0%}")
def test_every_page_has_an_icon_and_a_name_for_a_screen_reader(scale, make_main_window, demo_file):
    window = _at_scale(make_main_window, demo_file, scale)
    navigation = window.navigation
    list_interface = QAccessible.queryAccessibleInterface(navigation)
    assert list_interface.text(QAccessible.Text.Name) == "Pages"
    for row, name in enumerate(NAMES):
        item = navigation.item(row)
        assert not item.icon().isNull()
        assert item.toolTip() == f"{name} (Ctrl+{row + 1})"
        cell = list_interface.child(row)
        assert cell is not None and cell.text(QAccessible.Text.Name) == name


@pytest.mark.parametrize("scale", [1.0, 2.0], ids=lambda s: f"{s:.0%}")
def test_tab_arrows_and_shortcuts_move_between_pages(scale, qtbot, make_main_window, demo_file):
    window = _at_scale(make_main_window, demo_file, scale)
    navigation = window.navigation
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.overview.setFocus()
    for _ in range(80):  # Tab round the window until the page list has the focus
        if navigation.hasFocus():
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert navigation.hasFocus()
    qtbot.keyClick(navigation, Qt.Key.Key_Down)
    assert window.pages.currentIndex() == 1 == navigation.currentRow()
    qtbot.keyClick(navigation, Qt.Key.Key_End)
    assert window.pages.currentWidget() is window.otj
    qtbot.keyClick(navigation, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentIndex() == 2 == navigation.currentRow()
    assert navigation.item(2).isSelected()


def test_view_menu_chooses_names_or_icons_and_the_choice_is_remembered(make_main_window, demo_file):
    """View > Page list: a person at 200% who wants the names gets them, and one at 100% who
    wants the room gets icons; the next window opens as they left it."""
    window = _at_scale(make_main_window, demo_file, 2.0)
    choices = {a.data(): a for a in window.page_list_choices.actions()}
    assert choices["auto"].isChecked()
    choices["names"].trigger()
    _settle()
    assert window.navigation.width() >= window.navigation.sizeHintForColumn(0)
    assert window.navigation.width() > NARROW_NAVIGATION
    later = _at_scale(make_main_window, demo_file, 1.0)
    assert later.page_list_choices.checkedAction().data() == "names"
    {a.data(): a for a in later.page_list_choices.actions()}["icons"].trigger()
    _settle()
    assert later.navigation.width() <= NARROW_NAVIGATION
    assert _at_scale(make_main_window, demo_file, 1.0).navigation.width() <= NARROW_NAVIGATION


def test_at_200_percent_under_the_demo_banner_every_page_icon_shows(
    make_main_window, portfolio_file
):
    """Before: the banner wrapped to seven lines and the folded list needed a scroll bar to
    reach its last two pages (checked in a real window under Xvfb at 200 %)."""
    window = make_main_window(portfolio_file, size=(1280, 740))
    assert window.files.open_demo()
    screen_fit.fit_into(window, available(2.0))
    _settle()
    banner = window.mode_banner
    assert banner.isVisible() and "demo copy" in banner.text()
    assert banner.height() < 0.3 * window.height()  # a strip, not a third of the screen
    navigation = window.navigation
    assert navigation.folded
    assert navigation.verticalScrollBar().maximum() == 0
    viewport = navigation.viewport().rect()
    for row in range(navigation.count()):
        assert viewport.contains(navigation.visualItemRect(navigation.item(row))), NAMES[row]
