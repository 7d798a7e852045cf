"""Charts drawn with Qt's own charts module: off-the-job hours against the plan, entries per
month, and each unit's criteria evidenced and judged met over time.

Each builder takes plain records (``portfolio.domain.otj`` / ``portfolio.domain.history``) and
returns a QChart in the app's colours, so the same chart reads in the light and dark themes.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from PySide6.QtCharts import (
    QAbstractAxis,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QDateTimeAxis,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QDateTime, QMargins, Qt, QTime
from PySide6.QtGui import QColor, QPen

from portfolio.domain.history import History, UnitHistory
from portfolio.domain.otj import OtjPlan, OtjSummary, expected_to_date
from portfolio.ui.theme import Colours, current_colours


def _moment(day: date, hour: int) -> QDateTime:
    return QDateTime(QDate(day.year, day.month, day.day), QTime(hour, 0))


def _ms(day: date) -> float:
    return float(_moment(day, 12).toMSecsSinceEpoch())


def _chart(title: str, colours: Colours) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setBackgroundBrush(QColor(colours.base))
    chart.setTitleBrush(QColor(colours.text))
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setLabelColor(QColor(colours.text))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return chart


def _style_axis(axis: QAbstractAxis, colours: Colours) -> None:
    axis.setLabelsColor(QColor(colours.text))
    axis.setTitleBrush(QColor(colours.text))
    axis.setGridLineColor(QColor(colours.border))
    axis.setLinePenColor(QColor(colours.border))


def _line(name: str, colour: str, width: int = 2, dashed: bool = False) -> QLineSeries:
    series = QLineSeries()
    series.setName(name)
    pen = QPen(QColor(colour))
    pen.setWidth(width)
    if dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    series.setPen(pen)
    return series


def _value_axis(title: str, top: float, colours: Colours) -> QValueAxis:
    axis = QValueAxis()
    axis.setTitleText(title)
    axis.setRange(0, max(1.0, top * 1.1))
    axis.applyNiceNumbers()  # round ticks (0, 2, 4 ...), never 0, 1.4, 2.8
    # Labels are whole numbers: a step of 0.5 (a range of 0 to 2) would read "0 0 1 2 2".
    step = math.ceil((axis.max() - axis.min()) / (axis.tickCount() - 1))
    axis.setTickCount(round((axis.max() - axis.min()) / step) + 1)
    axis.setLabelFormat("%.0f")
    _style_axis(axis, colours)
    return axis


NOTHING_LOGGED = "Nothing logged yet"  # the category chart's one label before any hours
SHORT_SPAN = 62  # days: a shorter axis names days, since its six ticks share months


def _date_axis(first: date, last: date, colours: Colours) -> QDateTimeAxis:
    """Six ticks from ``first`` to ``last``, at least a week apart in all (an axis of one day,
    before anything is logged, would read the same date six times). A short axis names days,
    so its ticks fall a whole number of days apart, at noon where the points are drawn (over
    eight days they fell 1.6 days apart: "27 Nov, 28 Nov, 30 Nov, 1 Dec")."""
    axis = QDateTimeAxis()
    first = min(first, last - timedelta(days=7))
    days = (last - first).days
    if days <= SHORT_SPAN:
        steps = _TICKS - 1
        first = last - timedelta(days=-(-days // steps) * steps)
        axis.setFormat("d MMM")
        axis.setRange(_moment(first, 12), _moment(last, 12))
    else:
        axis.setFormat("MMM yy")
        axis.setRange(_moment(first, 0), _moment(last, 23))
    axis.setTickCount(_TICKS)
    _style_axis(axis, colours)
    return axis


_TICKS = 6


def _set_axes(chart: QChart, *, bottom: QAbstractAxis, left: QAbstractAxis) -> None:
    """Puts the two axes below and left of the plot, and every series of the chart on both."""
    chart.addAxis(bottom, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(left, Qt.AlignmentFlag.AlignLeft)
    for series in chart.series():
        series.attachAxis(bottom)
        series.attachAxis(left)


def otj_progress_chart(
    summary: OtjSummary, plan: OtjPlan | None, today: date, colours: Colours | None = None
) -> QChart:
    """Hours logged so far (a rising line, week by week) against the plan's straight line."""
    colours = colours or current_colours()
    chart = _chart("Off-the-job hours against the plan", colours)
    logged = _line("Logged", colours.accent, 3)
    total = 0.0
    for week in summary.weeks:
        total += week.hours
        logged.append(_ms(week.week_start), total)
    chart.addSeries(logged)
    top = total
    first = summary.weeks[0].week_start if summary.weeks else today
    last = today
    if plan is not None:
        expected = _line("Planned", colours.muted, 2, dashed=True)
        expected.append(_ms(plan.start), 0)
        expected.append(_ms(plan.end), plan.planned_hours)
        chart.addSeries(expected)
        marker = _line("Expected by today", colours.warning, 1, dashed=True)
        marker.append(_ms(today), 0)
        marker.append(_ms(today), expected_to_date(plan, today))
        chart.addSeries(marker)
        top = max(top, plan.planned_hours)
        first, last = min(first, plan.start), max(last, plan.end)
    x_axis = _date_axis(first, last, colours)
    y_axis = _value_axis("Hours", top, colours)
    _set_axes(chart, bottom=x_axis, left=y_axis)
    return chart


def otj_category_chart(
    by_category: dict[str, float], labels: dict[str, str], colours: Colours | None = None
) -> QChart:
    """Hours per category, as horizontal bars (category names read in full), only those used."""
    colours = colours or current_colours()
    chart = _chart("Hours by category", colours)
    used = [(labels.get(key, key), hours) for key, hours in by_category.items() if hours]
    used.reverse()  # a horizontal bar chart draws its first category at the bottom
    bars = QBarSet("Hours")
    bars.setColor(QColor(colours.accent))
    bars.setLabelColor(QColor(colours.accent_text))
    for _, hours in used:
        bars.append(hours)
    series = QHorizontalBarSeries()
    series.append(bars)
    series.setLabelsVisible(True)
    chart.addSeries(series)
    names = QBarCategoryAxis()
    names.append([name for name, _ in used] or [NOTHING_LOGGED])
    _style_axis(names, colours)
    hours_axis = _value_axis("Hours", max([h for _, h in used], default=1.0), colours)
    _set_axes(chart, bottom=hours_axis, left=names)
    chart.legend().setVisible(False)
    return chart


def entries_per_month_chart(history: History, colours: Colours | None = None) -> QChart:
    colours = colours or current_colours()
    # The month is the event's, said on the axis: in the title it was cut off beside the
    # review queue at 200 % ("... (by the date of the ev...").
    chart = _chart("Entries per month", colours)
    bars = QBarSet("Entries")
    bars.setColor(QColor(colours.accent))
    for _, count in history.entries.points:
        bars.append(count)
    series = QBarSeries()
    series.append(bars)
    chart.addSeries(series)
    x_axis = QBarCategoryAxis()
    x_axis.append([month.strftime("%b %y") for month, _ in history.entries.points])
    x_axis.setTitleText("Month of the event")
    _style_axis(x_axis, colours)
    top = max((count for _, count in history.entries.points), default=1.0)
    y_axis = _value_axis("Entries", top, colours)
    _set_axes(chart, bottom=x_axis, left=y_axis)
    chart.legend().setVisible(False)
    return chart


def unit_progress_chart(
    unit: UnitHistory, months: tuple[date, ...], colours: Colours | None = None
) -> QChart:
    """A unit's criteria evidenced and judged met, month by month, out of all its criteria."""
    colours = colours or current_colours()
    chart = _chart(unit.label, colours)
    for series_data, colour, dashed in (
        (unit.evidenced, colours.accent, False),
        (unit.met, colours.good, False),
    ):
        line = _line(series_data.label, colour, 3, dashed)
        for month, value in series_data.points:
            line.append(_ms(month), value)
        chart.addSeries(line)
    all_criteria = _line(f"All {unit.criteria} criteria", colours.muted, 1, dashed=True)
    if months:
        all_criteria.append(_ms(months[0]), unit.criteria)
        all_criteria.append(_ms(months[-1]), unit.criteria)
    chart.addSeries(all_criteria)
    x_axis = _date_axis(months[0], months[-1], colours) if months else QDateTimeAxis()
    y_axis = _value_axis("Criteria", float(unit.criteria), colours)
    _set_axes(chart, bottom=x_axis, left=y_axis)
    return chart
