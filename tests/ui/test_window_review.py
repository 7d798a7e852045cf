"""Review mode in the real main window: a tutor opens a copy for review, comments, judges and
signs off; the learner's text cannot change; then the learner imports the reviewed copy, sees
the new feedback marked and replies. Also the group overview and the idle lock."""

from __future__ import annotations

import shutil

import pytest
from helpers.modal import when_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QTreeWidgetItemIterator

from portfolio.errors import ReadOnlyError
from portfolio.ui.entries.entry_table_model import TITLE, UnreadRole
from portfolio.ui.review.identity_dialog import ReviewerIdentityDialog
from tests.helpers.assessment import evidence_every_criterion
from tests.ui.helpers.waiting import wait_for_coverage, wait_for_writes

REVIEWER = "Pat Lee"
UNIT_ID = "icq-bwrc-l2.u1"


def give_identity(name: str = REVIEWER, role: str = "assessor"):
    def act(dialog: ReviewerIdentityDialog) -> None:
        dialog.name_edit.setText(name)
        dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(role))
        dialog.ok_button.click()

    return when_modal(ReviewerIdentityDialog, act)


def open_for_review(window, path):
    handler = give_identity()
    assert window.review.open_for_review(path)
    assert handler.handled
    return window.controller.portfolio


def tree_item(page, depth: int, index: int = 0):
    """The ``index``-th item at ``depth`` (1 unit, 3 criterion) of the Qualification tree."""
    found = []
    iterator = QTreeWidgetItemIterator(page.tree)
    while iterator.value():
        item, level, parent = iterator.value(), 0, iterator.value().parent()
        while parent is not None:
            level, parent = level + 1, parent.parent()
        if level == depth:
            found.append(item)
        iterator += 1
    return found[index]


@pytest.fixture
def reviewed_copy(demo_file, tmp_path):
    """The learner's file with ready evidence for every criterion of the unit, and a copy."""
    evidence_every_criterion(demo_file, UNIT_ID)
    copy = tmp_path / "Jordan Ellis (reviewed).portfolio"
    shutil.copy2(demo_file, copy)
    return copy


def review_and_decide(qtbot, window, copy):
    """The reviewer's whole flow; returns (entry id commented on, criterion id, unit id)."""
    pf = open_for_review(window, copy)
    assert pf.actor.is_reviewer
    # The window says plainly what mode it is in.
    assert window.windowTitle().startswith("Reviewing Jordan Ellis's portfolio")
    banner = window.mode_banner
    assert banner.isVisible()
    assert "Reviewing Jordan Ellis's portfolio as Pat Lee (assessor)" in banner.text()
    assert "the learner's text cannot be changed" in banner.text()

    # The learner's text is locked in the editor, and the services refuse it too.
    window.show_page(window.entries)
    entries = window.entries
    entry_id = entries.editor.entry_id
    assert entry_id is not None
    # Beside the review queue the page may be narrow (list or editor): open the entry as a
    # reviewer would.
    entries.open_entry(entry_id)
    editor = entries.editor
    assert editor.details.title.isReadOnly()
    assert all(box.edit.isReadOnly() for box in editor.sections.values())
    assert not editor.details.status.isEnabled()
    assert editor.read_only_note.isVisible()
    assert not entries.list_panel.new_button.isEnabled()
    assert not window.menus.new_entry.isEnabled()
    assert not window.menus.delete.isEnabled()
    assert not window.menus.protect.isEnabled()
    with pytest.raises(ReadOnlyError):
        pf.entries.update(entry_id=entry_id, title="Changed by the tutor")
    qtbot.keyClicks(editor.sections["situation"].edit, "tutor typing")
    assert "tutor typing" not in editor.sections["situation"].text()

    # Comment in the Feedback tab (shown first in review mode).
    panel = entries.editor_panel
    assert panel.side_tabs.currentWidget() is panel.feedback
    assert panel.feedback.comment_button.isVisible()
    qtbot.keyClicks(panel.feedback.reply_edit, "Say what the customer said back to you.")
    qtbot.mouseClick(panel.feedback.comment_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    thread = pf.reviewing.thread(entry_id)
    assert [i.body for i in thread] == ["Say what the customer said back to you."]
    assert thread[0].author_name == REVIEWER and thread[0].author_role == "assessor"

    # Judge a criterion and sign off the unit on the Qualification page.
    window.show_page(window.qualification)
    page = window.qualification
    decisions = page.decisions
    criterion = tree_item(page, 3)
    page.tree.setCurrentItem(criterion)
    criterion_id = criterion.data(0, Qt.ItemDataRole.UserRole)
    assert decisions.judge_box.isVisible()
    assert "Not judged yet" in decisions.status_label.text()
    assert not decisions.judge_button.isEnabled()
    decisions.met_radio.click()
    qtbot.keyClicks(decisions.reason_edit, "E1 shows the greeting procedure clearly.")
    qtbot.mouseClick(decisions.judge_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    assert "Met" in decisions.status_label.text()
    assert "Pat Lee" in decisions.status_label.text()
    assert pf.reviewing.judgements(criterion=criterion_id)[0].judgement == "met"
    assert criterion.text(0).startswith("✔ ")  # judged criteria are marked in the tree

    unit = tree_item(page, 1)
    page.tree.setCurrentItem(unit)
    unit_id = unit.data(0, Qt.ItemDataRole.UserRole)
    assert decisions.signoff_box.isVisible() and not decisions.judge_box.isVisible()
    assert "Not signed off" in decisions.status_label.text()
    assert "Pat Lee (Assessor)" in decisions.signoff_note.text()
    # Not every criterion is met yet: the sign-off is refused with one message naming them.
    qtbot.mouseClick(decisions.signoff_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    box = decisions.findChild(QMessageBox, "errorMessage")
    assert box is not None and "cannot be signed off" in box.text()
    assert "1.2 (evidence claimed)" in box.text()
    box.close()
    assert not pf.reviewing.signoff_status(unit=unit_id)[0].signed
    assert "Not signed off" in decisions.status_label.text()
    for c in pf.coverage.report().criteria:
        if c.unit_id == unit_id and c.id != criterion_id:
            pf.reviewing.judge(criterion=c.id, judgement="met", reason="Shown.")
    qtbot.mouseClick(decisions.signoff_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    assert "Signed off" in decisions.status_label.text()
    assert pf.reviewing.signoff_status(unit=unit_id)[0].signed
    assert decisions.signoff_button.text() == "Sign off again"
    return entry_id, criterion_id, unit_id


def test_reviewer_flow_then_learner_imports_and_replies(
    qtbot, make_main_window, demo_file, reviewed_copy
):
    window = make_main_window()
    entry_id, criterion_id, unit_id = review_and_decide(qtbot, window, reviewed_copy)

    # End the review from the banner; the window goes back to the start.
    window.mode_banner.button.click()
    assert not window.controller.is_open
    assert window.stack.currentWidget() is window.welcome
    assert not window.mode_banner.isVisible()

    # The learner opens their own file and imports the reviewed copy.
    assert window.files.open_path(demo_file)
    assert not window.mode_banner.isVisible()
    assert window.windowTitle() == "Jordan Ellis – Portfolio"
    assert window.menus.import_review.isEnabled()
    assert window.review.import_review(reviewed_copy)
    wait_for_writes(qtbot)
    report = window.review.import_report
    assert (report.feedback, report.judgements, report.signoffs) == (1, 11, 1)
    box = window.review.import_result
    assert "1 comment or reply, 11 judgements, 1 sign-off" in box.text()
    box.close()

    # Unread feedback is marked in the entries list and in the editor.
    window.show_page(window.entries)
    model = window.entries.model
    row = model.row_of(entry_id)
    index = model.index(row, TITLE)
    assert model.data(index, UnreadRole) == 1
    assert model.data(index, Qt.ItemDataRole.DecorationRole) is not None
    assert "1 new comment" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    others = [model.data(model.index(r, TITLE), UnreadRole) for r in range(model.rowCount())]
    assert sum(others) == 1
    window.open_entry(entry_id)
    panel = window.entries.editor_panel
    assert panel.side_tabs.currentWidget() is panel.feedback  # new comments come first
    tab_text = panel.side_tabs.tabText(panel.side_tabs.indexOf(panel.feedback))
    assert "1 new" in tab_text
    assert not panel.feedback.comment_button.isVisible()  # learners reply, never comment

    # The learner replies; the comment counts as read and the marks go.
    panel.show_tab(panel.feedback)
    panel.feedback.view.setCurrentIndex(panel.feedback.model.index(0, 0))
    qtbot.keyClicks(panel.feedback.reply_edit, "The customer thanked me and came back.")
    qtbot.mouseClick(panel.feedback.reply_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    pf = window.controller.portfolio
    assert [i.body for i in pf.reviewing.thread(entry_id)][-1].startswith("The customer")
    assert model.data(model.index(model.row_of(entry_id), TITLE), UnreadRole) == 0
    assert panel.side_tabs.tabText(panel.side_tabs.indexOf(panel.feedback)) == "&Feedback"

    # The judgement and sign-off arrived, and the learner sees them (without the buttons).
    window.show_page(window.qualification)
    page = window.qualification
    page.select(unit_id)
    assert "Signed off" in page.decisions.status_label.text()
    assert not page.decisions.signoff_box.isVisible()
    page.select(criterion_id)
    assert "Met" in page.decisions.status_label.text()
    assert not page.decisions.judge_box.isVisible()


def test_editing_evidence_after_sign_off_shows_it_changed(
    qtbot, make_main_window, demo_file, reviewed_copy
):
    window = make_main_window()
    _entry, _criterion, unit_id = review_and_decide(qtbot, window, reviewed_copy)
    window.controller.close()
    assert window.files.open_path(reviewed_copy)  # the learner's own copy, say
    pf = window.controller.portfolio
    tagged = [c for c in pf.coverage.report().criteria if c.unit_id == unit_id and c.entries]
    pf.entries.update(entry_id=tagged[0].entries[0], sections={"result": "Rewritten result."})
    window.show_page(window.qualification)
    window.qualification.select(unit_id)
    window.qualification.decisions.refresh()
    text = window.qualification.decisions.status_label.text()
    assert "Sign-off void" in text and "evidence changed since signed off on" in text
    assert "Signed off</b>" not in text


def test_cancelling_the_identity_opens_nothing(make_main_window, demo_file):
    window = make_main_window()
    handler = when_modal(ReviewerIdentityDialog, lambda d: d.reject())
    assert not window.review.open_for_review(demo_file)
    assert handler.handled
    assert not window.controller.is_open


def test_group_overview_from_the_welcome_page_opens_a_learner_for_review(
    qtbot, make_main_window, demo_file, tmp_path
):
    folder = tmp_path / "group"
    folder.mkdir()
    shutil.copy2(demo_file, folder / "jordan.portfolio")
    (folder / "broken.portfolio").write_bytes(b"not a portfolio at all" * 10)
    window = make_main_window()
    window.welcome.group_button.click()
    page = window.review.group_page
    assert page is not None and page.isVisible()
    with qtbot.waitSignal(page.scan_finished, timeout=20_000):
        page.set_folder(folder)
    assert page.model.rowCount() == 1
    assert page.failures.count() == 1
    page.table.selectRow(0)
    handler = give_identity("Sam Okoro", "tutor")
    page.open_button.click()
    assert handler.handled
    assert window.controller.is_open and window.controller.reviewing
    assert window.stack.currentWidget() is window.workspace
    assert "as Sam Okoro (tutor)" in window.mode_banner.text()


def test_group_overview_back_returns_to_the_welcome_page(make_main_window):
    window = make_main_window()
    window.menus.group_overview.trigger()
    holder = window.stack.currentWidget()
    assert holder.objectName() == "groupOverviewHolder"
    assert holder.isAncestorOf(window.review.group_page)
    holder.findChild(type(window.welcome.group_button), "groupBackButton").click()
    assert window.stack.currentWidget() is window.welcome


def test_idle_lock_in_review_mode_hides_the_portfolio_and_disables_commands(
    make_main_window, reviewed_copy
):
    window = make_main_window()
    open_for_review(window, reviewed_copy)
    lock = window.review.idle_lock
    assert lock.active
    lock.lock()
    assert lock.is_locked
    assert not window.centralWidget().isVisible()
    assert "Jordan" not in window.windowTitle()
    m = window.menus
    for action in (m.open, m.close_portfolio, m.export_pdf, m.open_for_review, m.quit):
        assert not action.isEnabled()
    window.refresh_actions()  # a late refresh must not switch them back on
    assert not m.export_pdf.isEnabled()
    assert not lock.try_unlock("Someone Else")
    assert lock.try_unlock("pat lee")
    assert window.centralWidget().isVisible()
    assert m.open.isEnabled() and m.export_pdf.isEnabled() and m.quit.isEnabled()
    assert not m.new_entry.isEnabled()  # still review mode


def test_learner_on_a_normal_machine_has_no_idle_lock(make_main_window, demo_file):
    window = make_main_window(demo_file)
    assert not window.review.idle_lock.active
    QApplication.processEvents()


def test_a_reviewer_clicking_a_criterion_gap_goes_to_judge_it(qtbot, make_main_window, demo_file):
    window = make_main_window()
    open_for_review(window, demo_file)
    overview = window.overview
    wait_for_coverage(qtbot, overview)  # worked out after the first paint (issue #17)
    assert "where you can judge it" in overview.gaps_hint.text()
    count = window.controller.portfolio.entries.count()
    row = next(
        r
        for r in range(overview.gap_model.rowCount())
        if overview.gap_model.gap(r).kind == "no_evidence"
    )
    gap = overview.gap_model.gap(row)
    overview._on_gap_view_clicked(overview.gap_model.index(row, 0))
    assert window.pages.currentWidget() is window.qualification
    current = window.qualification.tree.currentItem()
    assert current.data(0, Qt.ItemDataRole.UserRole) == gap.criterion_id
    assert window.controller.portfolio.entries.count() == count  # no entry was made
