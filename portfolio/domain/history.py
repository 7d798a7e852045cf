"""Progress over time, month by month: entries written, criteria evidenced and judged met.

Plain Python over dated events, so the app's charts and the PDF draw the same series. A month is
the first day of that month; every series runs without gaps from its first month to the last
one asked for, so a chart never skips a quiet month.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta


def month_of(day: date) -> date:
    return day.replace(day=1)


def next_month(month: date) -> date:
    return (
        month.replace(year=month.year + 1, month=1)
        if month.month == 12
        else month.replace(month=month.month + 1)
    )


def months_between(first: date, last: date) -> list[date]:
    """Every month from ``first``'s to ``last``'s, both included."""
    months, month = [], month_of(first)
    while month <= month_of(last):
        months.append(month)
        month = next_month(month)
    return months


@dataclass(frozen=True, slots=True)
class MonthlySeries:
    """One line or set of bars: a value per month."""

    label: str
    points: tuple[tuple[date, float], ...]

    @property
    def last(self) -> float:
        return self.points[-1][1] if self.points else 0.0


def per_month(label: str, days: Iterable[date], months: list[date]) -> MonthlySeries:
    """How many events fall in each month."""
    counts = Counter(month_of(day) for day in days)
    return MonthlySeries(label, tuple((m, float(counts.get(m, 0))) for m in months))


def cumulative(label: str, days: Iterable[date], months: list[date]) -> MonthlySeries:
    """How many events have happened by the end of each month."""
    counts = Counter(month_of(day) for day in days)
    before = sum(n for m, n in counts.items() if months and m < months[0])
    total, points = float(before), []
    for month in months:
        total += counts.get(month, 0)
        points.append((month, total))
    return MonthlySeries(label, tuple(points))


@dataclass(frozen=True, slots=True)
class UnitHistory:
    unit_id: str
    label: str  # e.g. "Unit 1: Building working relationships"
    criteria: int  # criteria in the unit
    evidenced: MonthlySeries  # criteria with ready evidence, cumulative
    met: MonthlySeries  # criteria judged met (and still met today), cumulative


@dataclass(frozen=True, slots=True)
class History:
    months: tuple[date, ...]
    entries: MonthlySeries  # entries written per month (by the event's date)
    units: tuple[UnitHistory, ...]


def build_history(
    *,
    today: date,
    entry_days: Iterable[date],
    units: Iterable[tuple[str, str, int]],
    evidenced_on: Mapping[str, Mapping[str, date]],
    met_on: Mapping[str, Mapping[str, date]],
    months_shown: int = 12,
) -> History:
    """Series for the last ``months_shown`` months up to ``today`` (earlier events included in
    the cumulative lines). ``evidenced_on``/``met_on`` map unit id -> criterion id -> the day it
    first became evidenced / judged met."""
    first = month_of(today)
    for _ in range(months_shown - 1):
        first = (first - timedelta(days=1)).replace(day=1)
    months = months_between(first, today)
    days = list(entry_days)
    unit_histories = tuple(
        UnitHistory(
            unit_id=unit_id,
            label=label,
            criteria=criteria,
            evidenced=cumulative("Evidenced", evidenced_on.get(unit_id, {}).values(), months),
            met=cumulative("Judged met", met_on.get(unit_id, {}).values(), months),
        )
        for unit_id, label, criteria in units
    )
    return History(tuple(months), per_month("Entries", days, months), unit_histories)
