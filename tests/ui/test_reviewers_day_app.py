"""The reviewer's day in the app (issue 13 item 7), with real widgets: the review queue dock
(flags and filters, observation records), opening an entry marks it seen, an assessor judges
several criteria from one entry (refused, with nothing written, when the entry shown is not the
entry as it is now), records a signed observation; a tutor gets none of the assessor's tools and
an observation by a non-assessor is refused in the dialog."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from helpers.reviewer import open_as
from helpers.waiting import wait_for_writes
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from portfolio.ui.review.observation_dialog import ObservationDialog
from tests.helpers.assessment import PASSPHRASE
from tests.helpers.sufficiency import C11, C12, C21, add_entry, make_ruled_portfolio

SHOTS = os.environ.get("PORTFOLIO_SHOTS")


def _count(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def _errors() -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == "errorMessage" and w.isVisible()
    ]


def _ruled(tmp_path: Path) -> Path:
    path = make_ruled_portfolio(tmp_path / "ruled.portfolio")
    add_entry(path, [C11, C12])  # E1
    add_entry(path, [C11])  # E2: 1.1 has the two pieces its rule wants
    add_entry(path, [C21], ready=False)  # E3, a draft
    return path


def test_an_assessors_day(qtbot, make_main_window, tmp_path: Path) -> None:
    path = _ruled(tmp_path)
    window = make_main_window()
    pf = open_as(window, path, "Priya Shah", "assessor", PASSPHRASE)
    queue = window.review.queue
    assert queue is not None and window.review.queue_dock.isVisible()
    assert queue.shown_refs() == ["E1", "E2", "E3"]
    queue.set_filter("awaiting")
    assert queue.shown_refs() == ["E1", "E2"]
    queue.set_filter("new")
    assert queue.shown_refs() == ["E1", "E2", "E3"]

    # Opening an entry (double-click in the queue) is reading it: it is no longer new.
    item = queue.entries.item(0)
    queue.entries.itemDoubleClicked.emit(item)
    wait_for_writes(qtbot)
    box = window.entries.editor_panel.feedback.review_box
    qtbot.waitUntil(lambda: box.flags is not None and not box.flags.new)
    assert queue.shown_refs() == ["E2", "E3"]
    assert "E1 (version " in box.flags_label.text() and "awaiting review" in box.flags_label.text()

    # Judge 1.1 and 1.2 from E1 in one step.
    assert box.judge_group.isVisible() and not box.judge_button.isEnabled()
    assert [box.criteria.item(i).text()[:3] for i in range(box.criteria.count())] == [
        "1.1",
        "1.2",
    ]
    qtbot.keyClicks(box.reason_edit, "Both shown in the account and the greeting script.")
    qtbot.mouseClick(box.judge_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    report = pf.coverage.report()
    assert report.criterion(C11).status.value == "met"
    assert report.criterion(C12).status.value == "met"

    shots = Path(SHOTS) if SHOTS else tmp_path
    assert window.grab().save(str(shots / "entry-review-box.png"))

    # A judgement on a version that is not the entry as it is now is refused; nothing written.
    before = _count(path, "criterion_judgement")
    box._version = "000000000000"  # what the box showed was an older E1
    qtbot.keyClicks(box.reason_edit, "Again")
    qtbot.mouseClick(box.judge_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    qtbot.waitUntil(lambda: bool(_errors()))
    (error,) = _errors()
    assert "E1 has changed since you read it" in error.text()
    error.close()
    assert _count(path, "criterion_judgement") == before

    # An observation record, signed, for 2.1: listed in the queue and on the criterion.
    dialog = queue.record_observation()
    assert isinstance(dialog, ObservationDialog)
    qtbot.keyClicks(dialog.place_edit, "Returns desk")
    dialog.seen_edit.setPlainText("Calmly handled a refund request, following the procedure.")
    for i in range(dialog.criteria.count()):
        if dialog.criteria.item(i).text().startswith("2.1"):
            dialog.criteria.item(i).setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(dialog.recorded, timeout=10_000):
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    wait_for_writes(qtbot)
    assert queue.observations.count() == 1
    assert "Returns desk" in queue.observations.item(0).text()
    assert "signed, key" in queue.observations.item(0).text()
    window.show_page(window.qualification)
    window.qualification.select(C21)
    window.qualification.decisions.refresh()
    text = window.qualification.decisions.status_label.text()
    assert "Observation records: OBS-" in text and "Priya Shah" in text
    assert "Framework rule: must include an observation" in text
    assert window.grab().save(str(shots / "reviewers-day.png"))


def test_a_tutor_gets_no_assessor_tools_and_cannot_observe(
    qtbot, make_main_window, tmp_path: Path
) -> None:
    path = _ruled(tmp_path)
    window = make_main_window()
    pf = open_as(window, path, "Tom Reed", "tutor")
    queue = window.review.queue
    assert queue is not None and not queue.observe_button.isVisible()
    window.open_entry(pf.entries.get("E1").id)
    wait_for_writes(qtbot)
    box = window.entries.editor_panel.feedback.review_box
    assert box.isVisible() and not box.judge_group.isVisible()
    dialog = ObservationDialog(window.controller, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.place_edit, "Shop")
    dialog.seen_edit.setPlainText("Seen")
    dialog.criteria.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.record()
    wait_for_writes(qtbot)
    assert dialog.message.isVisible()
    assert "Only an assessor can record observations" in dialog.message.text()
    assert _count(path, "observation") == 0
    dialog.close()
    window.mode_banner.button.click()  # end the review: the queue goes
    assert not window.review.queue_dock.isVisible()


def test_insufficient_evidence_is_shown_in_words(make_main_window, tmp_path: Path) -> None:
    path = make_ruled_portfolio(tmp_path / "ruled.portfolio")
    add_entry(path, [C11, C21])
    window = make_main_window(path)  # the learner
    window.show_page(window.qualification)
    page = window.qualification
    for criterion, words in (
        (C11, "Insufficient evidence: needs 2 pieces of evidence, has 1"),
        (C21, "Insufficient evidence: needs an observation"),
    ):
        assert page.select(criterion)
        page.decisions.refresh()
        text = page.decisions.status_label.text()
        assert "Status: <b>insufficient evidence</b>" in text and words in text
    window.show_page(window.overview)
    kinds = [
        window.overview.gap_model.gap(r).kind for r in range(window.overview.gap_model.rowCount())
    ]
    assert kinds.count("insufficient") == 2


def test_queue_entries_read_apart_in_a_narrow_dock(qtbot, make_main_window, tmp_path: Path) -> None:
    # Each entry is two wrapped lines (title, flags); in a narrow dock at 200 % they ran into
    # one another, and padding on the rows brought in a sideways scroll bar.
    window = make_main_window()
    open_as(window, _ruled(tmp_path), "Priya Shah", "assessor", PASSPHRASE)
    queue = window.review.queue
    assert queue is not None
    entries = queue.entries
    assert entries.alternatingRowColors()
    dock = window.review.queue_dock
    dock.setFloating(True)  # its own window, as narrow as a docked one at 200 %
    narrowest = dock.minimumSizeHint().width()  # about 250 pixels here
    dock.resize(narrowest, 500)
    dock.show()
    qtbot.waitUntil(lambda: 0 < dock.width() <= narrowest)
    entries.doItemsLayout()
    QApplication.processEvents()
    assert not entries.horizontalScrollBar().isVisible()
    line = entries.fontMetrics().height()
    for row in range(entries.count()):
        rect = entries.visualItemRect(entries.item(row))
        assert rect.right() <= entries.viewport().width()
        assert rect.height() >= 2 * line  # the title and the flags, never cut to one line


def test_ctrl_r_takes_a_reviewer_to_the_queue_and_enter_opens_an_entry(
    qtbot, make_main_window, demo_file
) -> None:
    from PySide6.QtGui import QKeySequence

    from portfolio.domain.actor import Actor

    window = make_main_window()
    assert window.files.open_path(demo_file)
    assert not window.menus.review_queue.isEnabled()  # a learner has no queue
    assert window.files.open_path(demo_file, actor=Actor("Pat Lee", "assessor"))
    action = window.menus.review_queue
    assert action.isEnabled() and action.shortcut() == QKeySequence("Ctrl+R")
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.review.queue_dock.hide()  # put away: the shortcut brings it back
    qtbot.keyClick(
        QApplication.focusWidget() or window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier
    )
    queue = window.review.queue
    qtbot.waitUntil(queue.entries.hasFocus)
    assert window.review.queue_dock.isVisible()
    assert queue.entries.currentRow() == 0
    first = queue.entries.item(0).data(Qt.ItemDataRole.UserRole + 1)
    qtbot.keyClick(queue.entries, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.entries.editor.entry_id == first)
