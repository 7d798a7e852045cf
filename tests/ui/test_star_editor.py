"""The guided STAR editor: prompts and word counts, autosave, and never moving the cursor."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from portfolio.domain.changes import Changes
from portfolio.domain.star import SECTIONS
from portfolio.ui.editor import autosave
from tests.ui.helpers.waiting import wait_for_writes


@pytest.fixture
def entry_id(controller):
    return controller.portfolio.entries.add(title="Helping a customer").value.id


def type_into(qtbot, box, text):
    box.edit.setFocus()
    box.edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(box.edit, text)


def test_each_section_shows_its_prompt_hint_and_a_live_word_count(qtbot, editor_panel, entry_id):
    editor_panel.set_entry(entry_id)
    editor = editor_panel.editor
    assert list(editor.sections) == [s.key for s in SECTIONS]
    action = editor.sections["action"]
    texts = [label.text() for label in action.findChildren(type(action.word_count_label))]
    assert any("<i>you</i>" in t for t in texts)  # the prompt, with its emphasis
    assert any(SECTIONS[2].hint in t for t in texts)
    type_into(qtbot, action, "I greeted the customer and I smiled")
    assert action.word_count_label.text().startswith("7 words")


def test_edits_are_saved_within_the_autosave_window_without_a_save_button(
    qtbot, editor_panel, controller, entry_id
):
    editor_panel.set_entry(entry_id)
    editor = editor_panel.editor
    type_into(qtbot, editor.sections["situation"], "I was on the shop floor.")
    assert editor.save_state.state == "pending"
    # The promise is in the schedule (a loaded machine may run the timer late, so no wall clock).
    assert 0 <= editor.autosave.save_due_in_ms <= autosave.MAX_DELAY_MS
    qtbot.waitUntil(lambda: editor.autosave.state == "saved", timeout=10_000)
    assert editor.autosave.save_due_in_ms is None
    stored = controller.portfolio.entries.get(entry_id)
    assert stored.sections["situation"] == "I was on the shop floor."
    assert "saved" in editor.save_state.text().lower()


def test_continuous_typing_is_still_saved_by_the_maximum_delay(
    qtbot, editor_panel, controller, entry_id
):
    editor_panel.set_entry(entry_id)
    box = editor_panel.editor.sections["action"]
    box.edit.setFocus()
    deadline = time.monotonic() + (autosave.MAX_DELAY_MS + 400) / 1000
    while time.monotonic() < deadline:  # never pauses long enough for the debounce
        qtbot.keyClicks(box.edit, "a")
        qtbot.wait(autosave.DEBOUNCE_MS // 3)
    wait_for_writes(qtbot)  # the deadline's save was queued while typing went on
    assert controller.portfolio.entries.get(entry_id).sections["action"].startswith("aaa")


def test_switching_entries_saves_the_previous_one_at_once(
    qtbot, editor_panel, controller, entry_id
):
    other = controller.portfolio.entries.add(title="Another").value.id
    editor_panel.set_entry(entry_id)
    type_into(qtbot, editor_panel.editor.sections["result"], "The customer thanked me.")
    editor_panel.set_entry(other)  # before any timer fired: the save is queued at once
    wait_for_writes(qtbot)
    assert controller.portfolio.entries.get(entry_id).sections["result"] == (
        "The customer thanked me."
    )
    assert editor_panel.editor.details.title.text() == "Another"


def test_closing_the_portfolio_saves_pending_edits(qtbot, editor_panel, controller, entry_id):
    editor_panel.set_entry(entry_id)
    editor_panel.editor.details.title.setFocus()
    editor_panel.editor.details.title.selectAll()
    qtbot.keyClicks(editor_panel.editor.details.title, "New title")
    path = controller.path
    controller.close()
    from portfolio.services.portfolio import Portfolio

    with Portfolio.open(path) as pf:
        assert pf.entries.get(entry_id).title == "New title"


def test_own_saves_never_reload_the_text_or_move_the_cursor(
    qtbot, editor_panel, controller, entry_id
):
    editor_panel.set_entry(entry_id)
    box = editor_panel.editor.sections["task"]
    type_into(qtbot, box, "I had to find the right size")
    cursor = box.edit.textCursor()
    cursor.setPosition(5)
    box.edit.setTextCursor(cursor)
    with qtbot.waitSignal(controller.changed, timeout=3000):
        pass  # the autosave announces its own change
    assert box.edit.textCursor().position() == 5
    assert box.edit.document().isUndoAvailable()  # the undo history survived the save


def test_undo_and_redo_work_in_a_section(qtbot, editor_panel, entry_id):
    editor_panel.set_entry(entry_id)
    edit = editor_panel.editor.sections["reflection"].edit
    type_into(qtbot, editor_panel.editor.sections["reflection"], "I learned a lot")
    edit.undo()
    assert edit.toPlainText() != "I learned a lot"
    edit.redo()
    assert edit.toPlainText() == "I learned a lot"


def test_details_fields_are_saved_and_witness_fields_appear_for_witness_testimony(
    qtbot, editor_panel, controller, entry_id
):
    editor_panel.set_entry(entry_id)
    details = editor_panel.editor.details
    assert not details.witness_box.isVisible()
    details.method.setCurrentIndex(details.method.findData("witness_testimony"))
    assert details.witness_box.isVisible()
    details.witness_name.setFocus()
    qtbot.keyClicks(details.witness_name, "Sam Patel")
    details.hours.setValue(1.5)
    details.status.setCurrentIndex(details.status.findData("ready"))
    assert editor_panel.editor.flush()
    wait_for_writes(qtbot)
    stored = controller.portfolio.entries.get(entry_id)
    assert (stored.method, stored.hours, stored.status) == ("witness_testimony", 1.5, "ready")
    assert stored.witness.name == "Sam Patel"


def test_a_save_that_fails_says_so_and_keeps_the_edits(qtbot, editor_panel, controller, entry_id):
    editor_panel.set_entry(entry_id)
    type_into(qtbot, editor_panel.editor.sections["task"], "Words")
    controller.portfolio.entries.delete(entry_id)  # behind the editor's back
    editor_panel.editor.flush()  # queued on the writer lane, refused there
    wait_for_writes(qtbot)
    assert editor_panel.editor.save_state.state == "error"
    assert editor_panel.editor.autosave.has_pending


def test_deleting_the_open_entry_elsewhere_empties_the_editor(
    qtbot, editor_panel, controller, entry_id
):
    editor_panel.set_entry(entry_id)
    controller.portfolio.entries.delete(entry_id)
    controller.notify(Changes(entries=True))
    assert editor_panel.editor.entry is None
    assert editor_panel.editor.empty_state.isVisibleTo(editor_panel)


def test_the_coach_reacts_while_the_learner_writes(qtbot, editor_panel, entry_id):
    editor_panel.set_entry(entry_id)
    coach = editor_panel.coach
    assert coach.report.codes() == ["entry-empty"]
    type_into(qtbot, editor_panel.editor.sections["action"], "We helped the customer find a coat.")
    qtbot.waitUntil(lambda: "action-no-i" in coach.report.codes(), timeout=3000)
    assert "How to fix" in coach.checklist_text()
    assert coach.report.depth.level == 1
    edit = editor_panel.editor.sections["action"].edit
    edit.selectAll()
    qtbot.keyClicks(edit, "I helped the customer find a coat because it was raining.")
    qtbot.waitUntil(lambda: "action-no-i" not in coach.report.codes(), timeout=3000)


def test_a_coach_link_jumps_to_its_section(qtbot, editor_panel, entry_id):
    editor_panel.set_entry(entry_id)
    type_into(qtbot, editor_panel.editor.sections["situation"], "A short start.")
    qtbot.waitUntil(lambda: "section-empty" in editor_panel.coach.report.codes(), timeout=3000)
    index = editor_panel.coach.report.codes().index("section-empty")
    section = editor_panel.coach.report.findings[index].section
    from PySide6.QtCore import QUrl

    editor_panel.coach.browser.anchorClicked.emit(QUrl(f"finding:{index}"))
    assert editor_panel.editor.sections[section].edit.hasFocus()


def test_the_coach_uses_the_common_mistakes_of_the_tagged_units(qtbot, editor_panel, controller):
    framework = controller.portfolio.enrolment.frameworks()[0]
    criterion = next(framework.criteria())
    entry = controller.portfolio.entries.add(title="Tagged").value
    controller.portfolio.tagging.tag(entry_id=entry.id, criterion=criterion.id, justification="x")
    editor_panel.set_entry(entry.id)
    text = "I greeted the customer and answered the question about the opening hours. " * 4
    type_into(qtbot, editor_panel.editor.sections["action"], text)
    qtbot.waitUntil(
        lambda: any(c.startswith("mistake-") for c in editor_panel.coach.report.codes()),
        timeout=3000,
    )


def test_tab_moves_focus_out_of_a_section(qtbot, editor_panel, entry_id):
    editor_panel.set_entry(entry_id)
    edit = editor_panel.editor.sections["situation"].edit
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert not edit.hasFocus()
    assert edit.toPlainText() == ""
