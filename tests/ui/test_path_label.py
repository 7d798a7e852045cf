"""The status bar's path keeps the file's name in view when the path is too long for it."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from portfolio.ui.widgets.path_label import PathLabel

PATH = (
    "/home/sam/OneDrive - Northfield College/Year 2/Portfolios/Sam Lee customer service.portfolio"
)


def _label(qtbot, width: int) -> PathLabel:
    label = PathLabel()
    qtbot.addWidget(label)
    label.resize(width, 30)
    label.show()
    label.set_path(PATH)
    QApplication.processEvents()
    return label


def test_a_narrow_status_bar_cuts_the_middle_and_keeps_the_file_name(qtbot):
    label = _label(qtbot, 260)
    shown = label.text()
    assert shown != PATH and "…" in shown
    assert shown.startswith("/home") and shown.endswith(".portfolio")
    assert label.fontMetrics().horizontalAdvance(shown) <= label.contentsRect().width()
    assert label.toolTip() == PATH and label.full_text() == PATH
    assert PATH in label.accessibleName()


def test_with_room_the_whole_path_shows_and_follows_a_resize(qtbot):
    label = _label(qtbot, 260)
    label.resize(2000, 30)
    QApplication.processEvents()
    assert label.text() == PATH
    label.set_path("")
    assert label.text() == "" and label.toolTip() == ""


def test_the_window_shows_the_open_file_name_in_a_narrow_status_bar(make_main_window, demo_file):
    window = make_main_window(demo_file, size=(520, 500))
    QApplication.processEvents()
    label = window.path_label
    assert label.full_text() == str(demo_file)
    assert label.text().endswith(demo_file.name[-12:])
