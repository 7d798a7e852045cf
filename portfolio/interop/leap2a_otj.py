"""The off-the-job training log in the LEAP2A export (issue 21).

LEAP2A's own words fit: each logged activity is a ``leap2:activity`` with its date as a start
point, the description as content, and a link to the journal post it was logged from; the log
is a ``leap2:selection`` (a Grouping) whose parts are the activities, carrying the training
plan's dates as its start and end. What LEAP2A has no slot for (hours, the category, the plan's
contracted and planned hours) is written twice: in words in the content, for a person or a
system that reads only that, and as categories in Portfolio's own schemes, so our import (and
anything else that wants them) reads the figures back exactly. Mahara keeps what it knows and
ignores the rest.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from lxml import etree

from portfolio.domain.otj import OtjActivity, OtjLog, OtjPlan
from portfolio.domain.wording import hours_text
from portfolio.interop.leap2a_ns import LEAP2, leap_attrs
from portfolio.interop.leap2a_read import LeapCategory, LeapEntry
from portfolio.interop.leap2a_xml import entry, leap_type, sub

OTJ_SCHEME = "urn:portfolio:otj#"  # term: "category", "hours", "weekly_hours", "planned_hours"
LOG_ID = "portfolio:otj-log"
LOG_TITLE = "Off-the-job training log"


def write_otj_log(
    feed: etree._Element, log: OtjLog, now: datetime, exported_entries: set[str]
) -> None:
    """The log's selection and one activity entry per logged activity (nothing when empty)."""
    if log.empty:
        return
    selection = entry(feed, LOG_TITLE, LOG_ID, now)
    total = sum(a.hours for a in log.activities)
    words = [f"{hours_text(round(total, 2))} of off-the-job training logged."]
    plan = log.plan
    if plan is not None:
        words.append(
            f"Training plan: {_day(plan.start)} to {_day(plan.end)}, "
            f"{hours_text(plan.weekly_hours)} contracted a week, "
            f"{hours_text(plan.planned_hours)} of off-the-job training planned."
        )
    sub(selection, "content", " ".join(words), type="text")
    leap_type(selection, "selection")
    sub(selection, "category", term="Grouping", scheme="categories:selection_type#")
    if plan is not None:
        _date(selection, "start", plan.start)
        _date(selection, "end", plan.end)
        _figure(selection, "weekly_hours", plan.weekly_hours)
        _figure(selection, "planned_hours", plan.planned_hours)
    for order, activity in enumerate(log.activities, start=1):
        sub(
            selection,
            "link",
            rel="leap2:has_part",
            href=_activity_id(activity),
            **leap_attrs(display_order=str(order)),
        )
    for activity in log.activities:
        _activity(feed, activity, log, exported_entries)


def _activity(
    feed: etree._Element, activity: OtjActivity, log: OtjLog, exported_entries: set[str]
) -> None:
    label = log.label(activity.category)
    stamp = datetime.combine(activity.day, time(12), tzinfo=UTC)
    node = entry(
        feed,
        f"{label}: {hours_text(activity.hours)} on {_day(activity.day)}",
        _activity_id(activity),
        stamp,
        published=stamp,
    )
    facts = [f"{hours_text(activity.hours)} of off-the-job training ({label.lower()})."]
    if activity.entry_ref:
        facts.append(f"Logged from entry {activity.entry_ref}.")
    if activity.criteria:
        facts.append(f"Criteria: {', '.join(activity.criteria)}.")
    sub(node, "summary", " ".join(facts))
    sub(node, "content", activity.description, type="text")
    leap_type(node, "activity")
    _date(node, "start", activity.day)
    sub(node, "link", rel="leap2:is_part_of", href=LOG_ID)
    if activity.entry_id and activity.entry_id in exported_entries:
        sub(node, "link", rel="related", href=f"portfolio:entry-{activity.entry_id}")
    sub(node, "category", term=activity.category, scheme=f"{OTJ_SCHEME}category", label=label)
    _figure(node, "hours", activity.hours)


def _activity_id(activity: OtjActivity) -> str:
    return f"portfolio:otj-{activity.id}"


def _date(node: etree._Element, point: str, day: date) -> None:
    sub(node, f"{{{LEAP2}}}date", day.isoformat(), **leap_attrs(point=point))


def _figure(node: etree._Element, name: str, value: float) -> None:
    sub(node, "category", term=f"{value:g}", scheme=f"{OTJ_SCHEME}{name}")


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


# -- reading it back (our own exports; other systems' activities are not OTJ records) -------


@dataclass(frozen=True, slots=True)
class PlannedActivity:
    day: date
    hours: float
    category: str  # the key in the exporting portfolio
    category_label: str
    description: str
    post_id: str  # the journal post it was logged from ("" for none)


@dataclass
class PlannedOtj:
    plan: OtjPlan | None = None
    activities: list[PlannedActivity] = field(default_factory=list)
    taken: set[str] = field(default_factory=set)  # feed entry ids read as the log
    problems: list[str] = field(default_factory=list)


def read_otj_log(entries: list[LeapEntry]) -> PlannedOtj:
    """The log written by ``write_otj_log``, from a feed's entries; an activity whose figures
    cannot be read is left out and named in ``problems`` (the rest of the import goes on)."""
    found = PlannedOtj()
    for leap in entries:
        if leap.kind == "selection" and _figure_of(leap, "planned_hours") is not None:
            found.taken.add(leap.id)
            found.plan = _plan_of(leap, found.problems)
        elif leap.kind == "activity" and _category_of(leap) is not None:
            found.taken.add(leap.id)
            activity = _activity_of(leap)
            if activity is None:
                found.problems.append(
                    f"The off-the-job activity '{leap.title[:80]}' has no readable date or "
                    "hours; it was not imported."
                )
            else:
                found.activities.append(activity)
    found.activities.sort(key=lambda a: a.day)
    return found


def _plan_of(leap: LeapEntry, problems: list[str]) -> OtjPlan | None:
    start, end = _iso_day(leap.dates.get("start")), _iso_day(leap.dates.get("end"))
    weekly, planned = _figure_of(leap, "weekly_hours"), _figure_of(leap, "planned_hours")
    if start is None or end is None or weekly is None or planned is None:
        problems.append("The training plan in the export is incomplete; it was not imported.")
        return None
    return OtjPlan(start, end, weekly, planned)


def _activity_of(leap: LeapEntry) -> PlannedActivity | None:
    day, hours = _iso_day(leap.dates.get("start")), _figure_of(leap, "hours")
    category = _category_of(leap)
    if day is None or hours is None or category is None:
        return None
    post = next((href for rel, href, _ in leap.links if rel == "related"), "")
    return PlannedActivity(
        day=day,
        hours=hours,
        category=category.term,
        category_label=category.label or category.term,
        description=leap.content.strip() or leap.title.strip(),
        post_id=post,
    )


def _category_of(leap: LeapEntry) -> LeapCategory | None:
    return next((c for c in leap.categories if c.scheme == f"{OTJ_SCHEME}category"), None)


def _figure_of(leap: LeapEntry, name: str) -> float | None:
    term = next((c.term for c in leap.categories if c.scheme == f"{OTJ_SCHEME}{name}"), None)
    try:
        value = float(term) if term is not None else None
    except ValueError:
        return None
    return value if value is not None and math.isfinite(value) and value >= 0 else None


def _iso_day(text: str | None) -> date | None:
    try:
        return date.fromisoformat((text or "").strip()[:10])
    except ValueError:
        return None
