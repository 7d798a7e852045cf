"""The review dialog remembers what the learner said is not personal (issue 15): a name
unticked and stored joins the kept list; the next document shows it unticked and marked; ticking
it again and storing takes it off the list. A word added to remove wins over a kept word."""

from __future__ import annotations

import pytest
from attach_helpers import WORKPLACE_NOTE, item_for, wait_idle
from PySide6.QtCore import Qt

from portfolio.ui.documents.attach_review_dialog import AttachReviewDialog
from portfolio.ui.documents.findings_panel import (
    JOINS_KEPT_LIST,
    LEAVES_KEPT_LIST,
    ON_KEPT_LIST,
    PART_OF_A_NAME,
    THIS_DOCUMENT_ONLY,
)

SECOND = b"Rota for the week. Dr Okafor signed it off; cover calls go to 07700 900456.\n"


@pytest.fixture
def entry_id(controller) -> str:
    return controller.portfolio.entries.add(title="Handling a complaint").value.id


def toggle_by_keyboard(qtbot, dialog: AttachReviewDialog, key: str) -> None:
    """Select the finding's line and press Space, as a keyboard user does."""
    dialog.findings.list.setFocus()
    dialog.findings.list.setCurrentItem(item_for(dialog, key))
    qtbot.keyClick(dialog.findings.list, Qt.Key.Key_Space)


def store(qtbot, dialog: AttachReviewDialog, controller) -> str:
    with qtbot.waitSignal(controller.changed, timeout=20_000):
        qtbot.mouseClick(dialog.attach_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog)
    assert dialog.attach_result is not None
    return controller.portfolio.attachments.read(dialog.attach_result.attachment.id).decode()


def test_an_untick_is_remembered_shown_on_the_next_document_and_a_retick_forgets_it(
    qtbot, open_dialog, controller
):
    first = open_dialog(WORKPLACE_NOTE, "flowchart.txt")
    toggle_by_keyboard(qtbot, first, "okafor")
    assert item_for(first, "okafor").checkState() == Qt.CheckState.Unchecked
    assert item_for(first, "okafor").text().endswith(JOINS_KEPT_LIST)
    toggle_by_keyboard(qtbot, first, "07700 900123")  # a pattern: this document only
    assert item_for(first, "07700 900123").text().endswith(THIS_DOCUMENT_ONLY)
    assert "Okafor" in store(qtbot, first, controller)
    assert controller.portfolio.learner.kept() == ["Okafor"]

    second = open_dialog(SECOND, "rota.txt")
    kept = item_for(second, "okafor")
    assert kept.checkState() == Qt.CheckState.Unchecked
    assert kept.text().endswith(ON_KEPT_LIST)
    assert kept.font().italic()
    assert "on your kept list" in second.status.text()
    assert item_for(second, "07700 900456").checkState() == Qt.CheckState.Checked

    toggle_by_keyboard(qtbot, second, "okafor")  # the learner changes their mind
    assert item_for(second, "okafor").text().endswith(LEAVES_KEPT_LIST)
    stored = store(qtbot, second, controller)
    assert "Okafor" not in stored and "signed it off" in stored
    assert controller.portfolio.learner.kept() == []


def test_a_word_added_to_remove_wins_over_a_kept_word(qtbot, open_dialog, controller):
    controller.portfolio.learner.add_kept("Okafor")
    dialog = open_dialog(SECOND, "rota.txt")
    assert item_for(dialog, "okafor").checkState() == Qt.CheckState.Unchecked
    qtbot.keyClicks(dialog.term_edit, "Okafor")
    qtbot.keyClick(dialog.term_edit, Qt.Key.Key_Return)
    wait_idle(qtbot, dialog)
    assert item_for(dialog, "okafor").checkState() == Qt.CheckState.Checked
    assert "a word to remove always wins" in dialog.terms_label.text()
    assert "Okafor" not in store(qtbot, dialog, controller)
    lists = controller.portfolio.learner.word_lists()
    assert [(k.text, k.overridden_by) for k in lists.keep] == [("Okafor", "Okafor")]


def test_files_dropped_together_carry_an_untick_from_one_review_to_the_next(
    qtbot, controller, entry_id, tmp_path
):
    """The learner drops a batch from one workplace: "Okafor" is unticked once, in the first
    review, and every later review of the batch starts with it unticked and marked."""
    from portfolio.ui.documents.attachments_panel import AttachmentsPanel

    panel = AttachmentsPanel(controller)
    qtbot.addWidget(panel)
    panel.show()
    panel.set_entry(entry_id)
    first, second = tmp_path / "flow.txt", tmp_path / "rota.txt"
    first.write_bytes(WORKPLACE_NOTE)
    second.write_bytes(SECOND)
    dialog = panel.attach_files([first, second])
    assert dialog is not None
    wait_idle(qtbot, dialog)
    toggle_by_keyboard(qtbot, dialog, "okafor")
    qtbot.mouseClick(dialog.attach_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.review_dialog not in (None, dialog), timeout=20_000)
    following = panel.review_dialog
    wait_idle(qtbot, following)
    assert item_for(following, "okafor").checkState() == Qt.CheckState.Unchecked
    assert item_for(following, "okafor").text().endswith(ON_KEPT_LIST)
    following.reject()


def test_a_kept_word_that_is_part_of_a_name_here_starts_ticked_and_says_why(
    qtbot, open_dialog, controller
):
    controller.portfolio.learner.add_kept("Okafor")
    named = b"Rota signed by Dr Okafor. Cover: Dr Samuel Okafor on 07700 900456.\n"
    dialog = open_dialog(named, "rota.txt")
    item = item_for(dialog, "okafor")
    assert item.checkState() == Qt.CheckState.Checked
    assert item.text().endswith(PART_OF_A_NAME)
    assert not item.font().italic()
    stored = store(qtbot, dialog, controller)
    assert "Okafor" not in stored
    assert controller.portfolio.learner.kept() == ["Okafor"]  # still kept elsewhere
