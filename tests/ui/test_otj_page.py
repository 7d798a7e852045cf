"""The Off-the-job and Progress pages, driven through their real widgets."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox

from portfolio.ui.otj.otj_page import OtjPage
from portfolio.ui.otj.plan_dialog import PlanDialog
from portfolio.ui.progress.progress_page import ProgressPage
from tests.ui.helpers.waiting import wait_for_writes

TODAY = date.today()


@pytest.fixture
def page(qtbot, controller) -> OtjPage:
    page = OtjPage(controller)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    return page


def _plan(controller) -> None:
    controller.portfolio.otj.set_plan(
        start=TODAY - timedelta(days=100),
        end=TODAY + timedelta(days=265),
        weekly_hours=37.5,
        planned_hours=278,
    )


def test_a_learner_logs_an_activity_with_the_form(qtbot, page: OtjPage, controller) -> None:
    _plan(controller)
    page.reload()
    page.day.setDate(QDate(TODAY.year, TODAY.month, TODAY.day).addDays(-2))
    page.hours.setValue(2.5)
    page.category.setCurrentIndex(page.category.findData("mentoring"))
    qtbot.keyClicks(page.description, "Mentoring with the store manager")
    with qtbot.waitSignal(controller.changed):
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 1
    [activity] = controller.portfolio.otj.activities()
    assert (activity.hours, activity.category) == (2.5, "mentoring")
    assert page.description.text() == ""  # ready for the next one
    assert "2.5 of 278 planned hours" in page.summary.text()
    assert "behind" in page.summary.text()
    assert page.progress_chart.chart() is not None


def test_a_bad_value_shows_one_message_and_changes_nothing(qtbot, page: OtjPage, controller):
    _plan(controller)
    page.reload()
    page.hours.setValue(0)  # no hours
    qtbot.keyClicks(page.description, "Nothing really")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    box = page.findChild(QMessageBox, "errorMessage")
    assert box is not None
    assert "Hours must be" in box.text()
    assert controller.portfolio.otj.activities() == []
    box.close()


def test_an_entry_is_logged_in_one_step(qtbot, page: OtjPage, controller) -> None:
    _plan(controller)
    entry = controller.portfolio.entries.add(
        title="Shadowing the returns desk", event_date=TODAY - timedelta(days=5), hours=3
    ).value
    page.reload()
    page.entry.setCurrentIndex(page.entry.findData(entry.id))
    page.category.setCurrentIndex(page.category.findData("shadowing"))
    with qtbot.waitSignal(controller.changed):
        qtbot.mouseClick(page.log_entry_button, Qt.MouseButton.LeftButton)
    [activity] = controller.portfolio.otj.activities()
    assert activity.entry_ref == entry.ref
    assert activity.hours == 3


def test_remove_the_selected_activity(qtbot, page: OtjPage, controller) -> None:
    controller.portfolio.otj.add(
        day=TODAY, hours=1, category="other", description="Reading", today=TODAY
    )
    page.reload()
    page.table.selectRow(0)
    with qtbot.waitSignal(controller.changed):
        qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert controller.portfolio.otj.activities() == []
    assert page.model.rowCount() == 0


def test_the_plan_dialog_proposes_but_never_applies_silently(qtbot, page: OtjPage, controller):
    dialog = page.edit_plan()
    assert isinstance(dialog, PlanDialog)
    dialog.start.setDate(QDate(2026, 9, 1))
    dialog.end.setDate(QDate(2027, 8, 31))
    dialog.weekly_hours.setValue(37.5)
    qtbot.mouseClick(dialog.propose_button, Qt.MouseButton.LeftButton)
    assert "278 hours" in dialog.proposal.text()
    assert dialog.planned_hours.value() == 0  # only shown, not applied
    qtbot.mouseClick(dialog.use_proposal, Qt.MouseButton.LeftButton)
    assert dialog.planned_hours.value() == 278
    with qtbot.waitSignal(controller.changed):
        dialog.buttons.accepted.emit()
    plan = controller.portfolio.otj.plan()
    assert plan is not None
    assert (plan.start, plan.planned_hours) == (date(2026, 9, 1), 278)


def test_the_plan_dialog_names_problems_and_stays_open(qtbot, page: OtjPage, controller) -> None:
    dialog = page.edit_plan()
    dialog.start.setDate(QDate(2027, 1, 1))
    dialog.end.setDate(QDate(2026, 1, 1))
    dialog.buttons.accepted.emit()
    assert "end after it starts" in dialog.problems.text()
    assert dialog.isVisible()
    assert controller.portfolio.otj.plan() is None
    dialog.reject()


def test_a_reviewer_sees_the_log_but_cannot_change_it(qtbot, portfolio_file) -> None:
    from portfolio.domain.actor import Actor
    from portfolio.ui.controller import PortfolioController

    controller = PortfolioController()
    controller.open(portfolio_file, actor=Actor("Sam Tutor", "tutor"))
    try:
        page = OtjPage(controller)
        qtbot.addWidget(page)
        page.show()
        assert not page.add_button.isEnabled()
        assert not page.plan_button.isEnabled()
    finally:
        controller.close()


def test_progress_page_draws_entries_and_one_chart_per_unit(qtbot, demo_controller) -> None:
    page = ProgressPage(demo_controller)
    qtbot.addWidget(page)
    page.show()
    history = demo_controller.portfolio.history.history()
    assert len(page.charts) == 1 + len(history.units)
    entries_chart = page.charts[0].chart()
    # Short enough not to be cut beside the review queue at 200 %; the axis says whose month.
    assert entries_chart.title() == "Entries per month"
    [months] = entries_chart.axes(Qt.Orientation.Horizontal)
    assert months.titleText() == "Month of the event"
    unit = history.units[0]
    assert unit.evidenced.last > 0  # the demo has ready evidence
    assert unit.evidenced.last <= unit.criteria


def test_the_entry_choice_lists_dated_entries_by_id(
    qtbot, qtmodeltester, page: OtjPage, controller
) -> None:
    dated = controller.portfolio.entries.add(title="Till training", event_date=TODAY).value
    undated = controller.portfolio.entries.add(title="Notes without a day").value
    page.reload()
    labels = [page.entry.itemText(i) for i in range(page.entry.count())]
    assert f"{dated.ref}  Till training" in labels
    assert not any("Notes without a day" in label for label in labels)
    page.entry.setCurrentIndex(page.entry.findData(dated.id))
    assert page.entry.currentData() == dated.id
    assert page.entry.findData(undated.id) == -1
    qtmodeltester.check(page.entry_choices)


def _axes_of_every_series(chart) -> set[tuple[str, ...]]:
    """Per series of ``chart``, where its axes stand (each series must have both)."""
    return {
        tuple(sorted(a.alignment().name for a in series.attachedAxes()))
        for series in chart.series()
    }


def test_every_series_of_every_chart_reads_against_a_bottom_and_a_left_axis(
    qtbot, demo_controller
) -> None:
    progress = ProgressPage(demo_controller)
    otj = OtjPage(demo_controller)
    for widget in (progress, otj):
        qtbot.addWidget(widget)
        widget.show()
    _plan(demo_controller)
    otj.reload()
    views = [*progress.charts, otj.progress_chart, otj.category_chart]
    for view in views:
        chart = view.chart()
        assert chart.series(), chart.title()
        assert _axes_of_every_series(chart) == {("AlignBottom", "AlignLeft")}, chart.title()
