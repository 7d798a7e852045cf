"""WriteOp, the one write path: runs on the writer lane, shows errors once, broadcasts Changes."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from portfolio.domain.changes import Changes
from portfolio.errors import InvalidInputError
from portfolio.services.portfolio import Portfolio
from portfolio.ui.errors import UNEXPECTED
from portfolio.ui.operations import WriteOp
from tests.ui.helpers.waiting import wait_for_writes


@pytest.fixture
def button(qtbot):
    """A real widget that starts writes when clicked, as a page's button does."""
    widget = QPushButton("Write")
    qtbot.addWidget(widget)
    widget.show()
    return widget


def error_boxes() -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == "errorMessage" and w.isVisible()
    ]


def close_error_boxes() -> None:
    for box in error_boxes():
        box.close()


def test_a_write_runs_on_the_writer_lane_and_broadcasts_its_changes_once(qtbot, controller, button):
    seen, results, threads = [], [], []
    controller.changed.connect(seen.append)

    def op(pf: Portfolio):
        threads.append(threading.current_thread())
        return pf.entries.add(title="Written off the GUI thread")

    button.clicked.connect(
        lambda: WriteOp(controller, button, op).success(results.append).run(initiator=button)
    )
    qtbot.mouseClick(button, qtbot_left())
    wait_for_writes(qtbot)

    assert threads and threads[0] is not threading.main_thread()
    assert len(seen) == 1
    assert seen[0].entries and seen[0].initiator is button  # stamped by the helper
    assert results[0].value.title == "Written off the GUI thread"
    assert [e.title for e in controller.portfolio.entries.list()] == ["Written off the GUI thread"]
    assert error_boxes() == []


def test_changes_go_out_before_the_success_callback(qtbot, controller, button):
    order = []
    controller.changed.connect(lambda _c: order.append("changed"))
    WriteOp(controller, button, lambda pf: pf.entries.add(title="x")).success(
        lambda _r: order.append("success")
    ).run()
    wait_for_writes(qtbot)
    assert order == ["changed", "success"]


def test_a_portfolio_error_is_shown_once_and_nothing_is_broadcast(qtbot, controller, button):
    seen, failures, successes = [], [], []
    controller.changed.connect(seen.append)

    def op(pf: Portfolio) -> Changes:
        raise InvalidInputError("The title is too long (limit 200 characters).")

    WriteOp(controller, button, op).success(successes.append).failure(failures.append).run()
    wait_for_writes(qtbot)

    boxes = error_boxes()
    assert [b.text() for b in boxes] == ["The title is too long (limit 200 characters)."]
    assert boxes[0].detailedText() == ""  # a user's mistake needs no traceback
    assert failures == ["The title is too long (limit 200 characters)."]
    assert seen == [] and successes == []
    close_error_boxes()


def test_a_quiet_failure_is_left_to_the_widget(qtbot, controller, button):
    failures = []

    def op(pf: Portfolio) -> Changes:
        return pf.entries.update(entry_id="no-such-entry", title="x")

    WriteOp(controller, button, op).failure(failures.append, quiet=True).run()
    wait_for_writes(qtbot)
    assert len(failures) == 1 and "no-such-entry" in failures[0]
    assert error_boxes() == []


def test_an_unexpected_error_shows_the_standard_sentence_with_details(qtbot, controller, button):
    seen, failures = [], []
    controller.changed.connect(seen.append)

    def op(pf: Portfolio) -> Changes:
        raise ZeroDivisionError("a bug")

    WriteOp(controller, button, op).failure(failures.append).run()
    wait_for_writes(qtbot)

    boxes = error_boxes()
    assert [b.text() for b in boxes] == [UNEXPECTED]
    assert "ZeroDivisionError: a bug" in boxes[0].detailedText()
    assert failures == [UNEXPECTED] and seen == []
    close_error_boxes()


def test_writes_run_one_at_a_time_in_the_order_they_were_started(qtbot, controller, button):
    entry = controller.portfolio.entries.add(title="0").value
    for n in range(1, 6):
        WriteOp(
            controller,
            button,
            lambda pf, n=n: pf.entries.update(entry_id=entry.id, title=str(n)),
        ).run()
    wait_for_writes(qtbot)
    assert controller.portfolio.entries.get(entry.id).title == "5"


def test_close_stores_a_queued_write_first_and_announces_nothing_afterwards(
    qtbot, controller, button
):
    seen, successes = [], []
    path = controller.path
    controller.changed.connect(seen.append)
    WriteOp(controller, button, lambda pf: pf.entries.add(title="Queued before close")).success(
        successes.append
    ).run()
    controller.close()  # waits for the writer lane, then closes the file
    wait_for_writes(qtbot)
    assert seen == [] and successes == []  # the pages already show no portfolio
    with Portfolio.open(path) as pf:
        assert [e.title for e in pf.entries.list()] == ["Queued before close"]


def test_nothing_runs_when_no_portfolio_is_open(qtbot, button):
    from portfolio.ui.controller import PortfolioController

    controller = PortfolioController()
    ran = []
    assert WriteOp(controller, button, lambda pf: ran.append(pf) or Changes()).run() is None
    assert ran == []


def test_a_read_only_portfolio_refuses_the_write_with_one_message(qtbot, portfolio_file, button):
    from portfolio.ui.controller import PortfolioController

    controller = PortfolioController()
    controller.open(portfolio_file, read_only=True)
    try:
        failures = []
        WriteOp(controller, button, lambda pf: pf.entries.add(title="x")).failure(
            failures.append
        ).run()
        wait_for_writes(qtbot)
        assert len(failures) == 1 and len(error_boxes()) == 1
        assert controller.portfolio.entries.count() == 0
        close_error_boxes()
    finally:
        controller.close()


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_a_widget_deleted_while_its_write_ran_gets_no_callback(qtbot, controller):
    seen, successes = [], []
    controller.changed.connect(seen.append)
    widget = QPushButton("gone soon")
    WriteOp(controller, widget, lambda pf: pf.entries.add(title="x")).success(successes.append).run(
        initiator=widget
    )
    widget.deleteLater()
    wait_for_writes(qtbot)
    assert len(seen) == 1  # the pages still hear of it
    assert successes == []
    assert error_boxes() == []
