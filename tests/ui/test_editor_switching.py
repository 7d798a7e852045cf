"""Switching entries in the editor: the side tabs follow the open entry, hidden tabs load when
shown (not on every switch or autosave), and nothing typed is lost on the way (issue #17)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextCursor
from PySide6.QtWidgets import QMessageBox, QStyleOptionViewItem

from portfolio.domain.changes import Changes
from portfolio.errors import PortfolioError
from portfolio.ui.editor.measured_label import MeasuredLabel
from tests.ui.helpers.waiting import wait_for_writes

LONG = "Say what you did, step by step, and why you chose to do it that way. " * 4


@pytest.fixture
def two_entries(controller) -> tuple[str, str, str]:
    """Two entries, the first tagged to a criterion with a justification; and that criterion."""
    entries = controller.portfolio.entries
    first = entries.add(title="Upset customer", sections={"action": "I listened."}).value.id
    second = entries.add(title="Stock count", sections={"action": "I counted."}).value.id
    criterion = next(iter(controller.portfolio.enrolment.frameworks()[0].criteria())).id
    controller.portfolio.tagging.tag(entry_id=first, criterion=criterion, justification="Calm.")
    return first, second, criterion


def type_into(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(edit, text)


class Counted:
    """Counts calls to one service method (the reads a hidden tab must not make)."""

    def __init__(self, monkeypatch, service: object, name: str) -> None:
        self.calls = 0
        original = getattr(service, name)

        def counted(*args, **kwargs):
            self.calls += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(service, name, counted)


def test_a_hidden_criteria_tab_shows_the_open_entry_once_shown(qtbot, editor_panel, two_entries):
    first, second, criterion = two_entries
    editor_panel.set_entry(first)
    assert editor_panel.tagging.entry_id == first  # follows at once, loads when seen
    editor_panel.show_tab(editor_panel.tagging)
    assert editor_panel.tagging.tree_model.tags == {criterion: "Calm."}
    editor_panel.show_tab(editor_panel.coach)
    editor_panel.set_entry(second)
    editor_panel.show_tab(editor_panel.tagging)
    assert editor_panel.tagging.tree_model.tags == {}
    editor_panel.show_tab(editor_panel.coach)
    editor_panel.set_entry(first)
    editor_panel.show_tab(editor_panel.tagging)
    assert editor_panel.tagging.tree_model.tags == {criterion: "Calm."}
    assert (
        editor_panel.tagging.tree_model.index_of(criterion).flags()
        & Qt.ItemFlag.ItemIsUserCheckable
    )


def test_the_open_criteria_tab_follows_each_switch_without_reading_again(
    qtbot, editor_panel, controller, two_entries, monkeypatch
):
    first, second, criterion = two_entries
    editor_panel.show_tab(editor_panel.tagging)
    reads = Counted(monkeypatch, controller.portfolio.entries, "get")
    editor_panel.set_entry(first)
    assert editor_panel.tagging.tree_model.tags == {criterion: "Calm."}
    editor_panel.set_entry(second)
    assert editor_panel.tagging.tree_model.tags == {}
    assert reads.calls == 2  # the editor's read of each entry, shared with the tabs


def test_hidden_documents_are_read_when_shown_not_on_each_switch_or_save(
    qtbot, editor_panel, controller, two_entries, monkeypatch
):
    first, second, _criterion = two_entries
    lists = Counted(monkeypatch, controller.portfolio.attachments, "list")
    editor_panel.set_entry(first)
    editor_panel.set_entry(second)
    type_into(qtbot, editor_panel.editor.sections["result"].edit, " It added up.")
    editor_panel.editor.flush()
    wait_for_writes(qtbot)
    assert lists.calls == 0
    assert editor_panel.attachments.entry_id == second
    editor_panel.show_tab(editor_panel.attachments)
    assert lists.calls == 1
    assert editor_panel.attachments.rows() == []
    assert editor_panel.attachments.attach_button.isEnabled()
    assert lists.calls == 1  # rows() of a panel that caught up reads nothing more


def test_asking_a_hidden_documents_tab_for_its_rows_reads_them(qtbot, editor_panel, two_entries):
    first, _second, _criterion = two_entries
    editor_panel.set_entry(first)
    assert editor_panel.attachments.rows() == []  # read on demand, for the open entry
    assert editor_panel.attachments.list.count() == 1  # "No documents attached to this entry yet."


def test_an_autosave_does_not_reload_the_tags(
    qtbot, editor_panel, controller, two_entries, monkeypatch
):
    first, _second, criterion = two_entries
    editor_panel.show_tab(editor_panel.tagging)
    editor_panel.set_entry(first)
    reads = Counted(monkeypatch, controller.portfolio.entries, "get")
    type_into(qtbot, editor_panel.editor.sections["result"].edit, " She calmed down.")
    editor_panel.editor.flush()
    wait_for_writes(qtbot)
    assert reads.calls == 0
    assert controller.portfolio.entries.get(first).sections["result"].endswith("calmed down.")
    assert editor_panel.tagging.tree_model.tags == {criterion: "Calm."}


def test_a_tag_made_elsewhere_reaches_a_hidden_criteria_tab(
    qtbot, editor_panel, controller, two_entries
):
    _first, second, criterion = two_entries
    editor_panel.set_entry(second)
    controller.portfolio.tagging.tag(entry_id=second, criterion=criterion, justification="Yes.")
    controller.notify(Changes(evidence=True))
    editor_panel.show_tab(editor_panel.tagging)
    assert editor_panel.tagging.tree_model.tags == {criterion: "Yes."}


def test_an_entry_deleted_while_its_criteria_tab_is_hidden_shows_nothing_to_tick(
    qtbot, editor_panel, controller, two_entries
):
    first, _second, _criterion = two_entries
    editor_panel.set_entry(first)
    controller.portfolio.entries.delete(first)
    controller.notify(Changes(entries=True, evidence=True))
    assert editor_panel.editor.entry is None
    editor_panel.show_tab(editor_panel.tagging)
    assert editor_panel.tagging.entry_id is None
    assert editor_panel.tagging.tree_model.tags == {}
    editor_panel.show_tab(editor_panel.attachments)
    assert editor_panel.attachments.rows() == [] and not editor_panel.attachments.isEnabled()


def test_a_justification_typed_before_the_tab_is_left_is_saved_to_its_entry(
    qtbot, editor_panel, controller, two_entries
):
    first, second, criterion = two_entries
    editor_panel.show_tab(editor_panel.tagging)
    editor_panel.set_entry(first)
    editor_panel.tagging.select_criterion(criterion)
    box = editor_panel.tagging.justification_edit
    assert box.isEnabled()
    box.selectAll()
    qtbot.keyClicks(box, "I stayed calm and listened.")
    editor_panel.show_tab(editor_panel.coach)  # the tab is hidden with the words unsaved ...
    editor_panel.set_entry(second)  # ... and the learner moves on at once
    wait_for_writes(qtbot)
    tags = {t.criterion_id: t.justification for t in controller.portfolio.entries.get(first).tags}
    assert tags == {criterion: "I stayed calm and listened."}
    assert controller.portfolio.entries.get(second).tags == ()


def test_switching_with_an_unsaved_edit_keeps_the_words_undo_and_focus_apart(
    qtbot, editor_panel, controller, two_entries
):
    first, second, _criterion = two_entries
    editor_panel.set_entry(first)
    edit = editor_panel.editor.sections["action"].edit
    type_into(qtbot, edit, " Then I apologised.")
    assert edit.document().isUndoAvailable()
    editor_panel.set_entry(second)  # saves first, on the writer lane, before showing the other
    assert edit.toPlainText() == "I counted."
    assert not edit.document().isUndoAvailable()  # undo never brings the other entry's words
    wait_for_writes(qtbot)
    assert controller.portfolio.entries.get(first).sections["action"] == (
        "I listened. Then I apologised."
    )
    assert (
        editor_panel.editor.autosave.state == "saved"
        and not editor_panel.editor.autosave.has_pending
    )
    editor_panel.set_entry(first)
    assert editor_panel.editor.sections["action"].text() == "I listened. Then I apologised."
    type_into(qtbot, edit, " Again.")  # the keyboard still types into the shown entry
    assert edit.hasFocus() and edit.toPlainText().endswith("apologised. Again.")
    editor_panel.editor.flush()
    wait_for_writes(qtbot)


def test_a_refused_save_before_a_switch_never_lands_in_the_next_entry(
    qtbot, editor_panel, controller, two_entries
):
    first, second, _criterion = two_entries
    editor_panel.set_entry(first)
    type_into(qtbot, editor_panel.editor.sections["task"].edit, "Words")
    controller.portfolio.entries.delete(first)  # behind the editor's back: the save is refused
    editor_panel.set_entry(second)
    wait_for_writes(qtbot)
    assert editor_panel.editor.entry_id == second
    assert editor_panel.editor.details.title.text() == "Stock count"
    assert editor_panel.editor.sections["task"].text() == ""
    assert controller.portfolio.entries.get(second).sections.get("task", "") == ""
    assert editor_panel.editor.save_state.state == "saved"  # the shown entry has nothing pending


def test_guidance_follows_the_tags_after_it_was_placed_once(
    qtbot, editor_panel, controller, two_entries
):
    first, second, _criterion = two_entries
    editor_panel.set_entry(first)
    tagged = {k: b.guidance_items for k, b in editor_panel.editor.sections.items()}
    assert any(tagged.values())  # the tagged unit's guidance beside some sections
    editor_panel.set_entry(second)
    assert not any(b.guidance_items for b in editor_panel.editor.sections.values())
    assert all(b.guidance.isHidden() for b in editor_panel.editor.sections.values())
    editor_panel.set_entry(first)  # placed from what was worked out before: the same
    assert {k: b.guidance_items for k, b in editor_panel.editor.sections.items()} == tagged
    assert any(not b.guidance.isHidden() for b in editor_panel.editor.sections.values())


def test_a_measured_label_grows_with_new_text_and_a_larger_font(qtbot):
    label = MeasuredLabel("Short.")
    qtbot.addWidget(label)
    short = label.heightForWidth(200)
    label.setText(LONG)
    longer = label.heightForWidth(200)
    assert longer > short
    assert label.heightForWidth(200) == longer
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    label.setFont(font)
    assert label.heightForWidth(200) > longer
    assert label.heightForWidth(100) > label.heightForWidth(400)
    label.clear()
    assert label.heightForWidth(200) < longer


def test_a_tagged_criterion_row_grows_for_its_justification(qtbot, editor_panel, two_entries):
    first, second, criterion = two_entries
    editor_panel.show_tab(editor_panel.tagging)
    editor_panel.set_entry(second)
    tree = editor_panel.tagging.tree
    delegate = tree.itemDelegate()
    index = editor_panel.tagging.proxy.mapFromSource(
        editor_panel.tagging.tree_model.index_of(criterion)
    )
    option = QStyleOptionViewItem()
    option.font = tree.font()
    untagged = delegate.sizeHint(option, index).height()
    editor_panel.set_entry(first)
    index = editor_panel.tagging.proxy.mapFromSource(
        editor_panel.tagging.tree_model.index_of(criterion)
    )
    assert delegate.sizeHint(option, index).height() > untagged  # the justification's line
    editor_panel.set_entry(second)
    index = editor_panel.tagging.proxy.mapFromSource(
        editor_panel.tagging.tree_model.index_of(criterion)
    )
    assert delegate.sizeHint(option, index).height() == untagged


def test_the_editors_own_save_neither_flags_again_nor_reads_documents(
    qtbot, editor_panel, controller, two_entries, monkeypatch
):
    first, _second, _criterion = two_entries
    editor_panel.show_tab(editor_panel.attachments)
    editor_panel.set_entry(first)
    flags = Counted(monkeypatch, controller.portfolio.export_check, "flags")
    lists = Counted(monkeypatch, controller.portfolio.attachments, "list")
    saved = Changes(entries=True, entry_ids=(first,), initiator=editor_panel.editor)
    controller.notify(saved)
    assert (flags.calls, lists.calls) == (0, 0)
    controller.notify(Changes(entries=True, entry_ids=(first,)))  # changed elsewhere
    assert flags.calls == 1
    controller.notify(Changes(attachments=True))
    controller.notify(Changes(entries=True, evidence=True))  # e.g. an entry deleted
    assert lists.calls == 2


def test_a_save_that_fails_after_a_switch_keeps_the_words_and_says_so(
    qtbot, editor_panel, controller, two_entries, monkeypatch
):
    """A failing disk or a locked file must not eat what was typed before a switch: the learner
    is told, can copy the words, and finds them back (and saved) when opening the entry again."""
    first, second, _criterion = two_entries
    entries = controller.portfolio.entries
    update = entries.update

    def refuse_first(*, entry_id, **values):
        if entry_id == first:
            raise PortfolioError("The disk is full.")
        return update(entry_id=entry_id, **values)

    monkeypatch.setattr(entries, "update", refuse_first)
    editor_panel.set_entry(first)
    type_into(qtbot, editor_panel.editor.sections["task"].edit, "Calm the customer")
    title = editor_panel.editor.details.title
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Upset customer at the till")
    editor_panel.set_entry(second)
    wait_for_writes(qtbot)
    boxes = [w for w in editor_panel.editor.findChildren(QMessageBox) if w.isVisible()]
    assert len(boxes) == 1
    assert "E1 “Upset customer”" in boxes[0].text()
    assert "The disk is full." in boxes[0].text()
    assert "Calm the customer" in boxes[0].detailedText()
    assert "Upset customer at the till" in boxes[0].detailedText()
    boxes[0].accept()
    assert editor_panel.editor.save_state.state == "saved"  # the shown entry has nothing pending
    assert entries.get(first).sections.get("task", "") == ""

    monkeypatch.setattr(entries, "update", update)  # the disk has room again
    editor_panel.set_entry(first)
    assert editor_panel.editor.sections["task"].text() == "Calm the customer"
    assert editor_panel.editor.details.title.text() == "Upset customer at the till"
    assert editor_panel.editor.sections["action"].text() == "I listened."  # the rest as stored
    qtbot.waitUntil(lambda: editor_panel.editor.save_state.state == "saved", timeout=5000)
    wait_for_writes(qtbot)
    saved = entries.get(first)
    assert saved.sections["task"] == "Calm the customer"
    assert saved.title == "Upset customer at the till"
