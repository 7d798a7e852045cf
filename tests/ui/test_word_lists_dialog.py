"""File ▸ Word lists: the term list and the kept list side by side, each edited by keyboard
alone (type and Enter to add, select and Delete to remove); refusals shown in place with
nothing changed; a kept word a term overrides says so; a reviewer can read, not change."""

from __future__ import annotations

from PySide6.QtCore import Qt

from portfolio.domain.actor import Actor
from portfolio.ui.controller import PortfolioController
from portfolio.ui.learner.word_lists_dialog import WordListColumn, WordListsDialog
from tests.ui.helpers.waiting import wait_for_writes


def _dialog(qtbot, controller) -> WordListsDialog:
    dialog = WordListsDialog(controller)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _type_and_enter(qtbot, column: WordListColumn, text: str) -> None:
    column.edit.setFocus()
    qtbot.keyClicks(column.edit, text)
    qtbot.keyClick(column.edit, Qt.Key.Key_Return)
    wait_for_writes(qtbot)


def _select_and_delete(qtbot, column: WordListColumn, text: str) -> None:
    column.list.setFocus()
    row = column.texts().index(text)
    column.list.setCurrentRow(row)
    qtbot.keyClick(column.list, Qt.Key.Key_Delete)
    wait_for_writes(qtbot)


def test_both_lists_are_edited_by_keyboard(qtbot, controller):
    learner = controller.portfolio.learner
    employer = learner.terms()  # the employer starts the term list
    dialog = _dialog(qtbot, controller)
    assert dialog.remove.texts() == employer and dialog.keep.texts() == []

    _type_and_enter(qtbot, dialog.keep, "Dettol")
    _type_and_enter(qtbot, dialog.remove, "Hobart Jones")
    assert learner.kept() == ["Dettol"]
    assert "Hobart Jones" in learner.terms()
    assert dialog.keep.texts() == ["Dettol"]
    assert "Hobart Jones" in dialog.remove.texts()
    assert dialog.keep.edit.text() == "" and not dialog.error.isVisible()
    assert dialog.isVisible()  # Enter added the word; it did not close the dialog

    _select_and_delete(qtbot, dialog.keep, "Dettol")
    _select_and_delete(qtbot, dialog.remove, "Hobart Jones")
    assert learner.kept() == [] and learner.terms() == employer
    assert dialog.keep.texts() == [] and dialog.remove.texts() == employer


def test_refusals_are_shown_in_place_and_change_nothing(qtbot, controller):
    controller.portfolio.learner.add_term("Hobart")
    dialog = _dialog(qtbot, controller)
    _type_and_enter(qtbot, dialog.keep, "hobart")
    qtbot.waitUntil(dialog.error.isVisible)
    assert "on your list of words to remove" in dialog.error.text()
    dialog.keep.edit.clear()
    _type_and_enter(qtbot, dialog.keep, "07700 900123")
    assert "digit or an @" in dialog.error.text()
    assert controller.portfolio.learner.kept() == []
    assert dialog.keep.texts() == []


def test_a_kept_word_a_term_overrides_says_it_is_removed(qtbot, controller):
    controller.portfolio.learner.add_kept("Kipling Smith")
    dialog = _dialog(qtbot, controller)
    assert dialog.keep.list.item(0).text() == "Kipling Smith"
    _type_and_enter(qtbot, dialog.remove, "Smith")
    line = dialog.keep.list.item(0).text()
    assert line.startswith("Kipling Smith — removed all the same")
    assert "“Smith” is on the list to remove" in line
    assert controller.portfolio.attachments.kept() == []


def test_the_file_menu_opens_it(make_main_window, portfolio_file, qtbot):
    window = make_main_window(portfolio_file)
    assert window.menus.word_lists.isEnabled()
    window.menus.word_lists.trigger()
    dialog = window.dialog
    assert isinstance(dialog, WordListsDialog)
    qtbot.waitExposed(dialog)
    dialog.reject()


def test_a_reviewer_reads_both_lists_and_cannot_change_them(qtbot, portfolio_file, controller):
    controller.portfolio.learner.add_kept("Dettol")
    controller.close()
    reviewer = PortfolioController()
    reviewer.open(portfolio_file, actor=Actor("Ms Tutor", "tutor"))
    try:
        dialog = _dialog(qtbot, reviewer)
        assert dialog.keep.texts() == ["Dettol"]
        assert "can be read, not changed" in dialog.intro.text()
        for column in (dialog.remove, dialog.keep):
            assert not column.edit.isEnabled()
            assert not column.add_button.isEnabled()
            assert not column.remove_button.isEnabled()
        _select_and_delete(qtbot, dialog.keep, "Dettol")
        assert reviewer.portfolio.learner.kept() == ["Dettol"]
    finally:
        reviewer.close()


def test_on_a_small_screen_at_200_percent_the_lists_stack_and_nothing_scrolls_sideways(
    qtbot, make_main_window, demo_file
):
    """A 1024x768 screen at 200 % (512 points wide). Before: the two columns kept side by side
    and the dialog scrolled sideways, cutting the kept list's heading ("Never remove (not
    person"). At 1366x768 and 200 % (683 points) both still fit side by side."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QAbstractScrollArea, QApplication

    from portfolio.ui.widgets import screen_fit

    window = make_main_window(demo_file, size=(1280, 740))
    dialog = window.show_word_lists()
    qtbot.waitExposed(dialog)
    try:
        assert not dialog.columns.stacked  # at 100 % the lists are side by side
        screen_fit.fit_into(dialog, QRect(0, 0, 512, 344))
        for _ in range(5):
            QApplication.processEvents()
        assert dialog.columns.stacked
        area = dialog.findChild(QAbstractScrollArea, "fitScrollArea")
        if area is not None:
            assert area.horizontalScrollBar().maximum() == 0
        assert dialog.keep.width() <= dialog.width()
    finally:
        dialog.reject()


def test_on_a_laptop_at_200_percent_the_fields_to_add_a_word_are_in_view_and_tab_in_order(
    qtbot, make_main_window, demo_file
):
    """1366x768 at 200 % (683x364 points). Before: each list's field to add a word sat below
    a list sized for nine lines, under the fold of the dialog's scroll area."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QAbstractScrollArea, QApplication

    from portfolio.ui.widgets import screen_fit
    from tests.ui.test_screen_scaling import available

    window = make_main_window(demo_file, size=(1280, 740))
    dialog = window.show_word_lists()
    qtbot.waitExposed(dialog)
    try:
        screen_fit.fit_into(dialog, available(2.0))
        for _ in range(5):
            QApplication.processEvents()
        area = dialog.findChild(QAbstractScrollArea, "fitScrollArea")
        view = area.viewport() if area is not None else dialog
        for column in (dialog.remove, dialog.keep):
            bottom = column.edit.mapTo(view, QPoint(0, column.edit.height())).y()
            assert 0 < bottom <= view.height(), column.objectName()
        keep = dialog.keep
        assert keep.edit.nextInFocusChain() is keep.add_button
        assert keep.add_button.nextInFocusChain() is keep.list
    finally:
        dialog.reject()
