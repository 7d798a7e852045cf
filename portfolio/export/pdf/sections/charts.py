"""The optional progress charts: the app's charts, drawn as vector graphics in the PDF.

Criteria evidenced and judged met over time (one chart per unit), off-the-job hours against the
plan, and entries per month: the same series the app's Qt charts draw (``domain.history``,
``domain.otj``), read by ``services.exporting`` only when the learner ticks the option. Drawn
with reportlab's graphics shapes, so they stay sharp at any zoom and print cleanly; every chart
has a one-sentence summary in words above it, for a reader who cannot see it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.attrmap import AttrMap, AttrMapValue
from reportlab.lib.units import mm
from reportlab.lib.validators import isString
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from portfolio.domain.history import MonthlySeries, next_month
from portfolio.domain.otj import expected_to_date
from portfolio.domain.wording import plural
from portfolio.export.model import ProgressCharts
from portfolio.export.pdf import styles as st
from portfolio.export.pdf.context import BuildContext
from portfolio.export.pdf.flowables import Anchor
from portfolio.export.pdf.parts import para

CHART_HEIGHT = 62 * mm
GOOD = colors.HexColor("#1E6B3A")
WARN = colors.HexColor("#7A4F00")
PLOT_LEFT, PLOT_BOTTOM, PLOT_TOP, PLOT_RIGHT = 34.0, 30.0, 12.0, 10.0


class ChartDrawing(Drawing):
    """A chart: a reportlab drawing that carries its alternative text (``alt``)."""

    _attrMap = AttrMap(BASE=Drawing, alt=AttrMapValue(isString, desc="alternative text"))


@dataclass(frozen=True, slots=True)
class Series:
    """One line (``bars`` False) or set of bars, as (x in days since the chart's start, y)."""

    label: str
    points: tuple[tuple[float, float], ...]
    colour: colors.Color
    width: float = 2.0
    dashed: bool = False
    bars: bool = False


def _nice_top(value: float) -> float:
    """A round number at or above ``value`` for the top of the y axis (four equal steps)."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value / 4))
    for m in (1, 1.5, 2, 2.5, 3, 4, 5, 7.5, 10):
        if m * magnitude * 4 >= value:
            return float(m * magnitude * 4)
    return float(value)


def chart(
    series: Sequence[Series],
    *,
    first: date,
    last: date,
    y_label: str,
    width: float = st.FRAME_WIDTH,
    height: float = CHART_HEIGHT,
) -> ChartDrawing:
    """A chart with a date x axis (month ticks), a value y axis, the series and a legend."""
    drawing = ChartDrawing(width, height)
    plot_w = width - PLOT_LEFT - PLOT_RIGHT
    plot_h = height - PLOT_BOTTOM - PLOT_TOP
    span = max((last - first).days, 1)
    top = _nice_top(max((y for s in series for _, y in s.points), default=0.0))

    def x_of(days: float) -> float:
        return PLOT_LEFT + plot_w * min(max(days, 0.0), span) / span

    def y_of(value: float) -> float:
        return PLOT_BOTTOM + plot_h * value / top

    # Horizontal grid and the y axis's numbers.
    for i in range(5):
        value = top * i / 4
        y = y_of(value)
        drawing.add(Line(PLOT_LEFT, y, PLOT_LEFT + plot_w, y, strokeColor=st.RULE, strokeWidth=0.4))
        drawing.add(
            String(PLOT_LEFT - 4, y - 2.5, f"{value:g}", fontName=st.FONT, fontSize=6.5,
                   fillColor=st.MUTED, textAnchor="end")
        )  # fmt: skip
    drawing.add(
        String(PLOT_LEFT - 4, height - 6, y_label, fontName=st.FONT_BOLD, fontSize=6.5,
               fillColor=st.MUTED, textAnchor="end")
    )  # fmt: skip
    # Month ticks along the x axis (every month, or every few on a long span).
    months = _months(first, last)
    every = max(1, len(months) // 12 + (1 if len(months) % 12 else 0))
    for n, month in enumerate(months):
        x = x_of((month - first).days)
        drawing.add(Line(x, PLOT_BOTTOM, x, PLOT_BOTTOM - 3, strokeColor=st.FAINT, strokeWidth=0.5))
        if n % every == 0:
            label = month.strftime("%b %y")
            drawing.add(
                String(x, PLOT_BOTTOM - 11, label, fontName=st.FONT, fontSize=6.5,
                       fillColor=st.MUTED, textAnchor="middle")
            )  # fmt: skip
    drawing.add(
        Line(PLOT_LEFT, PLOT_BOTTOM, PLOT_LEFT + plot_w, PLOT_BOTTOM, strokeColor=st.INK,
             strokeWidth=0.6)
    )  # fmt: skip
    bar_series = [s for s in series if s.bars]
    bar_w = plot_w / max(len(months), 1) * 0.6
    for s in bar_series:
        for days, value in s.points:
            if value <= 0:
                continue
            x = x_of(days) + plot_w / max(len(months), 1) * 0.2
            drawing.add(
                Rect(x, PLOT_BOTTOM, bar_w, y_of(value) - PLOT_BOTTOM, fillColor=s.colour,
                     strokeColor=None)
            )  # fmt: skip
    for s in series:
        if s.bars or not s.points:
            continue
        coords = [c for days, value in s.points for c in (x_of(days), y_of(value))]
        if len(s.points) == 1:
            coords += [coords[0] + 0.01, coords[1]]
        drawing.add(
            PolyLine(coords, strokeColor=s.colour, strokeWidth=s.width,
                     strokeDashArray=[3, 2] if s.dashed else None)
        )  # fmt: skip
    # Legend along the bottom.
    x = PLOT_LEFT
    for s in series:
        if s.bars:
            drawing.add(Rect(x, 4, 8, 6, fillColor=s.colour, strokeColor=None))
        else:
            drawing.add(
                Line(x, 7, x + 10, 7, strokeColor=s.colour, strokeWidth=s.width,
                     strokeDashArray=[3, 2] if s.dashed else None)
            )  # fmt: skip
        drawing.add(String(x + 13, 4.5, s.label, fontName=st.FONT, fontSize=7, fillColor=st.INK))
        x += 20 + len(s.label) * 3.6
    return drawing


def _months(first: date, last: date) -> list[date]:
    """The first day of every month from ``first`` to ``last``."""
    months, month = [], first.replace(day=1)
    if month < first:
        month = next_month(month)
    while month <= last:
        months.append(month)
        month = next_month(month)
    return months


def _points(series: MonthlySeries, first: date) -> tuple[tuple[float, float], ...]:
    return tuple((float((m - first).days), v) for m, v in series.points)


def progress_charts(ctx: BuildContext) -> list[Flowable]:
    """The charts section: each chart with a sentence saying what it shows."""
    data = ctx.snapshot.charts
    if data is None:
        return []
    s = st.styles()
    out: list[Flowable] = [
        Anchor(ctx.registry, "charts", "Progress charts"),
        para("Progress charts", s.h1),
        para(
            "How the portfolio grew, month by month: the same charts as the app shows. "
            f"Drawn on {data.today.day} {data.today.strftime('%B %Y')}.",
            s.body,
        ),
    ]
    for title, summary, drawing in _charts(data):
        drawing.alt = f"{title}. {summary}"  # the figure's alternative text
        block = [para(title, s.h3), para(summary, s.muted), drawing, Spacer(1, 4 * mm)]
        out.append(KeepTogether(block))
    out.append(PageBreak())
    return out


def _charts(data: ProgressCharts) -> list[tuple[str, str, ChartDrawing]]:
    history = data.history
    made: list[tuple[str, str, ChartDrawing]] = []
    if history.months:
        first, last = history.months[0], data.today
        end = float((last - first).days)
        for unit in history.units:
            n = float(unit.criteria)
            series = [
                Series("Evidenced", _points(unit.evidenced, first), st.ACCENT),
                Series("Judged met", _points(unit.met, first), GOOD),
                Series(
                    f"All {unit.criteria} criteria",
                    ((0.0, n), (end, n)),
                    st.FAINT,
                    width=1,
                    dashed=True,
                ),
            ]
            summary = (
                f"{unit.evidenced.last:g} of {unit.criteria} criteria have evidence and "
                f"{unit.met.last:g} are judged met."
            )
            made.append(
                (unit.label, summary, chart(series, first=first, last=last,
                                            y_label="Criteria"))
            )  # fmt: skip
        entries = history.entries
        busiest = max(entries.points, key=lambda p: p[1], default=None)
        total = sum(v for _, v in entries.points)
        summary = f"{plural(int(total), 'entry', 'entries')} dated in these months" + (
            f"; the most in {busiest[0].strftime('%B %Y')} ({busiest[1]:g})."
            if busiest and busiest[1]
            else "."
        )
        made.append(
            ("Entries per month", summary,
             chart([Series("Entries", _points(entries, first), st.ACCENT,
                                                 bars=True)],
                   first=first, last=last, y_label="Entries"))
        )  # fmt: skip
    otj = _otj_chart(data)
    if otj is not None:
        made.append(otj)
    return made


def _otj_chart(data: ProgressCharts) -> tuple[str, str, ChartDrawing] | None:
    summary, plan, today = data.otj_summary, data.otj_plan, data.today
    if summary is None:
        return None
    first = summary.weeks[0].week_start if summary.weeks else today
    last = today
    if plan is not None:
        first, last = min(first, plan.start), max(last, plan.end)
    total, logged = 0.0, []
    for week in summary.weeks:
        total += week.hours
        logged.append((float((week.week_start - first).days), total))
    series = [Series("Logged", tuple(logged), st.ACCENT, width=2.5)]
    if plan is not None:
        series.append(
            Series("Planned", ((float((plan.start - first).days), 0.0),
                               (float((plan.end - first).days), plan.planned_hours)),
                   st.MUTED, width=1.5, dashed=True)
        )  # fmt: skip
        expected = expected_to_date(plan, today)
        day = float((today - first).days)
        series.append(Series("Expected by today", ((day, 0.0), (day, expected)), WARN, 1, True))
        words = (
            f"{_h(summary.logged_hours)} of {_h(plan.planned_hours)} planned hours logged; "
            f"{_h(summary.expected_to_date)} expected by today: "
            + ("on track." if summary.on_track else f"behind by {_h(summary.behind_by)} hours.")
        )
    else:
        words = f"{_h(summary.logged_hours)} hours logged; no training plan is recorded."
    title = "Off-the-job hours against the plan"
    return title, words, chart(series, first=first, last=last, y_label="Hours")


def _h(hours: float) -> str:
    """Hours to one decimal place, without a trailing ".0"."""
    return f"{round(hours, 1):g}"
