"""Chart axes read as a person reads them: no tick label repeated, whatever the data.

An off-the-job page before anything is logged has one day of dates and under an hour of
hours; its axes once read "Dec 26" six times and "0 1 1 2" (ticks half an hour apart, labels
whole hours)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCharts import QDateTimeAxis, QValueAxis

from portfolio.domain.otj import OtjSummary
from portfolio.ui.charts.charts import otj_category_chart, otj_progress_chart

TODAY = date(2026, 12, 4)
NOTHING = OtjSummary(planned_hours=0, logged_hours=0, expected_to_date=0, on_track=True)


def _value_labels(axis: QValueAxis) -> list[str]:
    step = (axis.max() - axis.min()) / (axis.tickCount() - 1)
    return [f"{axis.min() + i * step:.0f}" for i in range(axis.tickCount())]


def _date_labels(axis: QDateTimeAxis) -> list[str]:
    first, last = axis.min().toMSecsSinceEpoch(), axis.max().toMSecsSinceEpoch()
    step = (last - first) / (axis.tickCount() - 1)
    return [
        axis.min().addMSecs(round(i * step)).toString(axis.format())
        for i in range(axis.tickCount())
    ]


def _axes(chart, kind):
    return [a for a in chart.axes() if isinstance(a, kind)]


def test_an_hours_axis_of_under_an_hour_has_whole_distinct_labels(qapp) -> None:
    for top in (0.0, 0.5, 1.0, 1.5, 7.0, 278.0):
        chart = otj_category_chart({"training": top} if top else {}, {})
        [axis] = _axes(chart, QValueAxis)
        labels = _value_labels(axis)
        assert len(labels) == len(set(labels)) >= 2, (top, labels)
        assert axis.max() >= top


def test_a_date_axis_of_one_day_names_distinct_days(qapp) -> None:
    chart = otj_progress_chart(NOTHING, None, TODAY)
    [axis] = _axes(chart, QDateTimeAxis)
    labels = _date_labels(axis)
    assert len(labels) == len(set(labels)), labels
    assert labels[-1] == "4 Dec"


def test_a_year_long_date_axis_names_months(qapp) -> None:
    from portfolio.domain.otj import OtjPlan

    plan = OtjPlan(
        start=date(2026, 1, 5), end=date(2026, 12, 18), weekly_hours=6, planned_hours=278
    )
    chart = otj_progress_chart(NOTHING, plan, TODAY)  # kept: the axes are the chart's
    [axis] = _axes(chart, QDateTimeAxis)
    labels = _date_labels(axis)
    assert len(labels) == len(set(labels)) and labels[0] == "Jan 26", labels


def test_a_short_date_axis_steps_in_whole_days(qapp) -> None:
    from datetime import datetime, timedelta
    from itertools import pairwise

    from portfolio.domain.otj import OtjPlan

    plans = [None] + [
        OtjPlan(start=TODAY - timedelta(days=d), end=TODAY, weekly_hours=6, planned_hours=10)
        for d in (9, 13, 30, 61)
    ]
    for plan in plans:
        chart = otj_progress_chart(NOTHING, plan, TODAY)
        [axis] = _axes(chart, QDateTimeAxis)
        days = [
            datetime.strptime(f"{label} 2026", "%d %b %Y").date() for label in _date_labels(axis)
        ]
        days = [d if d <= TODAY else d.replace(year=2025) for d in days]
        steps = {(b - a).days for a, b in pairwise(days)}
        assert len(steps) == 1 and steps.pop() >= 1, (plan, days)
        assert days[-1] == TODAY
