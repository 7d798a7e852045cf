"""Personal data at the top of the editor's Coach tab: items flagged in the open entry (as typed,
before saving), one-click replacement that the editor then shows, keep, and remembered choices."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from portfolio.ui.controller import PortfolioController
from portfolio.ui.editor.entry_editor_panel import EntryEditorPanel
from tests.ui.helpers.waiting import wait_for_writes

SITUATION = "I helped Mrs Okafor with her order. She rang on 07700 900123 about it."


@pytest.fixture
def entry_id(controller):
    return controller.portfolio.entries.add(
        title="Helping with an order", sections={"situation": SITUATION}
    ).value.id


def _shown(editor_panel: EntryEditorPanel) -> bool:
    return editor_panel.personal_data.isVisible()


def test_the_tab_lists_each_flagged_item_with_its_suggestion(
    qtbot, editor_panel, entry_id, tmp_path
):
    editor_panel.set_entry(entry_id)
    editor_panel.show_tab(editor_panel.coach)
    checklist = editor_panel.personal_data.checklist
    assert [p.text for p in checklist.problems] == ["Mrs Okafor", "07700 900123"]
    assert _shown(editor_panel) and editor_panel.side_tabs.count() == 4  # no extra tab
    assert checklist.replace_edit.text() == "the customer"
    assert checklist.goto_button.isHidden()
    editor_panel.grab().save(str(tmp_path.parent / "editor-personal-data.png"))


def test_words_typed_but_not_yet_saved_are_flagged(qtbot, editor_panel, controller):
    entry_id = controller.portfolio.entries.add(title="Quiet day").value.id
    editor_panel.set_entry(entry_id)
    assert editor_panel.personal_data.checklist.problems == () and not _shown(editor_panel)
    box = editor_panel.editor.sections["action"]
    box.edit.setFocus()
    box.edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(box.edit, "I emailed sam.jones@example.com the form.")
    qtbot.waitUntil(lambda: bool(editor_panel.personal_data.checklist.problems), timeout=5_000)
    assert editor_panel.personal_data.checklist.problems[0].category == "email" and _shown(
        editor_panel
    )
    wait_for_writes(qtbot)


def test_one_click_replacement_edits_the_entry_and_the_editor_shows_it(
    qtbot, editor_panel, controller, entry_id
):
    editor_panel.set_entry(entry_id)
    checklist = editor_panel.personal_data.checklist
    qtbot.mouseClick(checklist.replace_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    expected = "I helped the customer with her order. She rang on 07700 900123 about it."
    assert controller.portfolio.entries.get(entry_id).sections["situation"] == expected
    assert editor_panel.editor.sections["situation"].text() == expected  # shown, not just stored
    assert [p.text for p in checklist.problems] == ["07700 900123"]
    assert _shown(editor_panel)
    # Typing afterwards saves on top of the new words, never the old ones.
    box = editor_panel.editor.sections["result"]
    box.edit.setFocus()
    qtbot.keyClicks(box.edit, "She was pleased.")
    editor_panel.editor.flush()
    wait_for_writes(qtbot)
    stored = controller.portfolio.entries.get(entry_id)
    assert stored.sections["situation"] == expected and stored.sections["result"]


def test_pending_words_are_saved_before_a_replacement(qtbot, editor_panel, controller, entry_id):
    editor_panel.set_entry(entry_id)
    box = editor_panel.editor.sections["task"]
    box.edit.setFocus()
    qtbot.keyClicks(box.edit, "I had to find the order.")
    editor_panel.personal_data.refresh()
    qtbot.mouseClick(editor_panel.personal_data.checklist.replace_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    stored = controller.portfolio.entries.get(entry_id)
    assert stored.sections["task"] == "I had to find the order."
    assert stored.sections["situation"].startswith("I helped the customer")


def test_keep_is_remembered_for_the_entry(qtbot, editor_panel, controller, entry_id):
    editor_panel.set_entry(entry_id)
    checklist = editor_panel.personal_data.checklist
    checklist.list.setCurrentRow(1)
    qtbot.mouseClick(checklist.keep_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    assert [p.text for p in checklist.problems] == ["Mrs Okafor"]
    assert controller.portfolio.export_check.kept(entry_id) == ["07700 900123"]


def test_when_the_words_cannot_change_the_items_are_shown_but_not_offered(
    qtbot, editor_panel, controller, entry_id, monkeypatch
):
    monkeypatch.setattr(PortfolioController, "can_edit_learner_text", property(lambda self: False))
    editor_panel.set_entry(entry_id)
    checklist = editor_panel.personal_data.checklist
    assert len(checklist.problems) == 2
    assert not checklist.replace_button.isEnabled() and not checklist.keep_button.isEnabled()
    checklist.replace_current()  # nothing happens
    wait_for_writes(qtbot)
    assert controller.portfolio.entries.get(entry_id).sections["situation"] == SITUATION
