"""Review widgets driven with qtbot: reviewer identity, the feedback panel and the idle lock."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QTextEdit

from portfolio.domain.actor import Actor
from portfolio.ui.controller import PortfolioController
from portfolio.ui.review.feedback_panel import FeedbackPanel
from portfolio.ui.review.feedback_thread_model import UNREAD_ROLE, FeedbackThreadModel
from portfolio.ui.review.identity_dialog import ReviewerIdentityDialog
from portfolio.ui.review.idle_lock import LOCKED_TITLE, IdleLock

TUTOR = Actor("Tom Reed", "tutor")


@pytest.fixture
def controller(qtbot):
    ctrl = PortfolioController()
    yield ctrl
    ctrl.close()


def test_identity_dialog_needs_a_name_and_gives_an_actor(qtbot) -> None:
    dialog = ReviewerIdentityDialog(file_name="jordan.portfolio")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.name_edit, "  Priya   Shah ")
    assert dialog.ok_button.isEnabled()
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("iqa"))
    assert dialog.role_combo.currentText() == "Internal quality assurer"
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor() == Actor("Priya Shah", "iqa")


def test_identity_dialog_refuses_a_blank_name(qtbot) -> None:
    dialog = ReviewerIdentityDialog(name="   ", role="assessor")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.role() == "assessor"
    dialog.accept()  # e.g. Enter pressed: nothing happens without a name
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted


def test_feedback_panel_learner_sees_unread_replies_and_marks_read(
    qtbot, controller, demo_file: Path
) -> None:
    controller.open(demo_file, actor=TUTOR)
    reviewer_panel = FeedbackPanel(controller)
    qtbot.addWidget(reviewer_panel)
    reviewer_panel.set_entry(controller.portfolio.entries.resolve_id("E2"))
    assert reviewer_panel.comment_button.isVisible() or not reviewer_panel.isVisible()
    reviewer_panel.reply_edit.setPlainText("What did the customer say?")
    with qtbot.waitSignal(reviewer_panel.feedback_added):
        qtbot.mouseClick(reviewer_panel.comment_button, Qt.MouseButton.LeftButton)
    assert reviewer_panel.model.rowCount() == 1
    controller.close()

    controller.open(demo_file)  # the learner
    panel = FeedbackPanel(controller)
    qtbot.addWidget(panel)
    panel.show()
    entry_id = controller.portfolio.entries.resolve_id("E2")
    panel.set_entry(entry_id)
    assert panel.title.text() == "Feedback on E2"
    assert not panel.comment_button.isVisible()  # learners reply, they do not start threads
    assert panel.unread_label.text() == "1 new" and panel.mark_read_button.isEnabled()
    first = panel.model.index(0, 0)
    assert first.data(UNREAD_ROLE) is True and "• New" in first.data()
    assert first.data(Qt.ItemDataRole.FontRole).bold()

    qtbot.keyClicks(panel.reply_edit, "She wanted a refund.")
    assert not panel.reply_button.isEnabled()  # nothing selected yet
    panel.view.setCurrentIndex(first)
    assert panel.reply_button.isEnabled()
    changes = []
    controller.changed.connect(changes.append)
    with qtbot.waitSignal(panel.feedback_added):
        qtbot.mouseClick(panel.reply_button, Qt.MouseButton.LeftButton)
    reply = panel.model.index(0, 0, panel.model.index(0, 0))
    assert reply.isValid() and "She wanted a refund." in reply.data()
    assert changes and changes[-1].review and changes[-1].entry_ids == (entry_id,)
    assert panel.reply_edit.toPlainText() == ""
    assert panel.unread_label.text() == ""  # replying marks the comment read
    assert controller.portfolio.reviewing.unread_counts() == {}


def test_feedback_panel_mark_all_read(qtbot, controller, demo_file: Path) -> None:
    controller.open(demo_file, actor=TUTOR)
    controller.portfolio.reviewing.comment(entry_id="E1", text="One")
    controller.portfolio.reviewing.comment(entry_id="E1", text="Two")
    controller.close()
    controller.open(demo_file)
    panel = FeedbackPanel(controller)
    qtbot.addWidget(panel)
    panel.set_entry(controller.portfolio.entries.resolve_id("E1"))
    assert panel.unread_label.text() == "2 new"
    with qtbot.waitSignal(panel.read_state_changed):
        qtbot.mouseClick(panel.mark_read_button, Qt.MouseButton.LeftButton)
    assert panel.unread_label.text() == "" and not panel.mark_read_button.isEnabled()
    assert not any(i.unread for i in panel.model.items())
    controller.close()
    assert panel.model.rowCount() == 0 and panel.title.text() == "Feedback"


def test_feedback_thread_model_passes_the_model_tester(qtmodeltester, demo_file: Path) -> None:
    from portfolio.services.portfolio import Portfolio

    with Portfolio.open(demo_file, actor=TUTOR) as pf:
        top = pf.reviewing.comment(entry_id="E1", text="Top").value
        child = pf.reviewing.reply(feedback_id=top.id, text="Child").value
        pf.reviewing.reply(feedback_id=child.id, text="Grandchild")
        pf.reviewing.comment(entry_id="E1", text="Second")
        items = pf.reviewing.thread("E1")
    model = FeedbackThreadModel()
    model.set_items(items)
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    grandchild = model.index(0, 0, model.index(0, 0, model.index(0, 0)))
    assert "Grandchild" in grandchild.data()
    assert model.parent(grandchild).data().endswith("Child")


def _window(qtbot) -> QMainWindow:
    window = QMainWindow()
    window.setWindowTitle("Portfolio - jordan.portfolio")
    central = QTextEdit("Jordan's private reflection")
    central.setObjectName("secretText")
    window.setCentralWidget(central)
    window.statusBar().addWidget(QLabel("E3 selected"))
    window.resize(700, 450)
    qtbot.addWidget(window)
    window.show()
    return window


def test_idle_lock_hides_the_window_until_the_name_is_confirmed(qtbot) -> None:
    window = _window(qtbot)
    lock = IdleLock(window, minutes=0.002, reviewer_name="Priya Shah")  # 120 ms
    lock.start()
    with qtbot.waitSignal(lock.locked, timeout=3000):
        pass
    secret = window.findChild(QTextEdit, "secretText")
    assert lock.is_locked and not secret.isVisible() and not window.statusBar().isVisible()
    assert window.windowTitle() == LOCKED_TITLE
    assert lock.overlay.isVisible() and lock.overlay.geometry() == window.rect()

    qtbot.keyClicks(lock.overlay.name_edit, "Someone Else")
    qtbot.mouseClick(lock.overlay.unlock_button, Qt.MouseButton.LeftButton)
    assert lock.is_locked and "not the name" in lock.overlay.error.text()
    assert not secret.isVisible()

    lock.overlay.name_edit.clear()
    qtbot.keyClicks(lock.overlay.name_edit, "priya  shah")
    with qtbot.waitSignal(lock.unlocked):
        qtbot.keyClick(lock.overlay.name_edit, Qt.Key.Key_Return)
    assert not lock.is_locked and secret.isVisible() and not lock.overlay.isVisible()
    assert window.windowTitle() == "Portfolio - jordan.portfolio"
    assert lock.active  # counting down again
    lock.stop()
    assert not lock.active


def test_activity_postpones_the_lock_and_close_is_offered(qtbot) -> None:
    window = _window(qtbot)
    lock = IdleLock(window, minutes=0.005, reviewer_name="Tom")  # 300 ms
    lock.start()
    secret = window.findChild(QTextEdit, "secretText")
    for _ in range(6):  # keep typing for ~600 ms: never locks
        qtbot.wait(100)
        qtbot.keyClick(secret, Qt.Key.Key_A)
    assert not lock.is_locked
    lock.lock()
    window.resize(800, 500)
    qtbot.waitUntil(lambda: lock.overlay.geometry() == window.rect())
    with qtbot.waitSignal(lock.close_requested):
        qtbot.mouseClick(lock.overlay.close_button, Qt.MouseButton.LeftButton)
    lock.stop()
    assert not lock.is_locked and secret.isVisible()
