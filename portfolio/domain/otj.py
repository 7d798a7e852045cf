"""Off-the-job (OTJ) training: the apprentice's plan, their logged activities, and progress.

Plain Python, no database: the OTJ service loads the rows and calls these functions, so the CLI,
the app and the PDF all compute progress the same way.

Progress is measured against a straight line: the planned hours spread evenly from the plan's
start to its end. "Expected to date" is where that line stands today; the learner is on track
when the hours logged so far reach it. The planned total itself is the provider's figure from the
training plan; ``propose_planned_hours`` only proposes one from a rule and is never applied
without the learner (or tutor) saying so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

# The categories Aptem and OneFile log against, as providers name them. The list is editable
# in a portfolio (a provider may add its own); these are the ones every portfolio starts with.
DEFAULT_CATEGORIES: tuple[tuple[str, str], ...] = (
    ("training_session", "Off-the-job training session"),
    ("shadowing", "Shadowing"),
    ("mentoring", "Mentoring"),
    ("industry_visit", "Industry visit"),
    ("self_study", "Self-study"),
    ("assignment", "Assignment or project work"),
    ("other", "Other"),
)

MAX_ACTIVITY_HOURS = 24.0  # one activity is one day's learning at most
MAX_WEEKLY_HOURS = 60.0  # contracted hours above this are a typing mistake, not a contract
MAX_PLAN_DAYS = 6 * 366  # apprenticeships last one to four years; six is the outer bound


class PlanningRule(StrEnum):
    """How a provider turns contracted hours into planned OTJ hours."""

    # From August 2022: 6 hours a week for a full-time apprentice (30 or more contracted hours),
    # pro rata below 30 hours, over the weeks of the plan less statutory annual leave.
    SIX_HOURS = "six-hours"
    # The earlier rule, still used by some providers' plans: 20% of the contracted hours.
    TWENTY_PERCENT = "twenty-percent"


RULE_LABELS = {
    PlanningRule.SIX_HOURS: "6 hours a week (pro rata under 30 contracted hours)",
    PlanningRule.TWENTY_PERCENT: "20% of contracted hours",
}

STATUTORY_LEAVE_WEEKS_PER_YEAR = 5.6  # 28 days for a five-day week


@dataclass(frozen=True, slots=True)
class OtjPlan:
    start: date
    end: date
    weekly_hours: float  # contracted hours a week
    planned_hours: float  # the training plan's total OTJ hours

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True, slots=True)
class OtjCategory:
    key: str
    label: str


@dataclass(frozen=True, slots=True)
class OtjActivity:
    id: str
    day: date
    hours: float
    category: str  # a category key
    description: str
    entry_id: str | None = None
    entry_ref: str = ""
    criteria: tuple[str, ...] = ()  # criterion numbers, for display

    def to_json(self, labels: dict[str, str] | None = None) -> dict[str, object]:
        return {
            "id": self.id,
            "date": self.day.isoformat(),
            "hours": self.hours,
            "category": self.category,
            "category_label": (labels or {}).get(self.category, self.category),
            "description": self.description,
            "entry": self.entry_ref or None,
            "criteria": list(self.criteria),
        }


@dataclass(frozen=True, slots=True)
class OtjLog:
    """The whole log as an export carries it: the plan (if any), the categories, the activities."""

    plan: OtjPlan | None
    categories: tuple[OtjCategory, ...]
    activities: tuple[OtjActivity, ...]

    @property
    def empty(self) -> bool:
        return self.plan is None and not self.activities

    def label(self, key: str) -> str:
        return next((c.label for c in self.categories if c.key == key), key)


@dataclass(frozen=True, slots=True)
class WeekHours:
    week_start: date  # a Monday
    hours: float


@dataclass(frozen=True, slots=True)
class OtjSummary:
    planned_hours: float
    logged_hours: float
    expected_to_date: float
    on_track: bool
    weeks: tuple[WeekHours, ...] = ()
    by_category: dict[str, float] = field(default_factory=dict)
    has_plan: bool = True

    @property
    def behind_by(self) -> float:
        return max(0.0, round(self.expected_to_date - self.logged_hours, 2))

    def to_json(self) -> dict[str, object]:
        return {
            "planned_hours": self.planned_hours,
            "logged_hours": self.logged_hours,
            "expected_to_date": self.expected_to_date,
            "on_track": self.on_track,
            "weeks": [
                {"week_start": w.week_start.isoformat(), "hours": w.hours} for w in self.weeks
            ],
            "by_category": dict(self.by_category),
        }


def check_plan(plan: OtjPlan) -> list[str]:
    """Every problem with a plan, in plain words (empty when it is acceptable)."""
    problems = []
    if plan.end <= plan.start:
        problems.append("The plan must end after it starts.")
    elif plan.days > MAX_PLAN_DAYS:
        problems.append("A plan longer than six years is not an apprenticeship plan.")
    if not 0 < plan.weekly_hours <= MAX_WEEKLY_HOURS:
        problems.append(
            f"Contracted weekly hours must be more than 0 and at most {MAX_WEEKLY_HOURS:g}."
        )
    if plan.planned_hours <= 0:
        problems.append("Planned off-the-job hours must be more than 0.")
    elif plan.end > plan.start and plan.weekly_hours > 0:
        ceiling = plan.weekly_hours * plan.days / 7
        if plan.planned_hours > ceiling:
            problems.append(
                f"{plan.planned_hours:g} planned hours is more than all the contracted hours "
                f"of the plan ({ceiling:.0f})."
            )
    return problems


def check_activity(day: date, hours: float, plan: OtjPlan | None, today: date) -> list[str]:
    """Every problem with an activity's date and hours (empty when it is acceptable)."""
    problems = []
    if not 0 < hours <= MAX_ACTIVITY_HOURS:
        problems.append(f"Hours must be more than 0 and at most {MAX_ACTIVITY_HOURS:g} a day.")
    if day > today:
        problems.append("Off-the-job hours are logged once they have happened, not in advance.")
    if plan is not None and not plan.contains(day):
        problems.append(
            f"{day.isoformat()} is outside the training plan "
            f"({plan.start.isoformat()} to {plan.end.isoformat()})."
        )
    return problems


def working_weeks(start: date, end: date) -> float:
    """Weeks between two dates less statutory annual leave, pro rata."""
    weeks = (end - start).days / 7
    return max(0.0, weeks - weeks / 52 * STATUTORY_LEAVE_WEEKS_PER_YEAR)


def propose_planned_hours(start: date, end: date, weekly_hours: float, rule: PlanningRule) -> float:
    """A planned OTJ total from a provider rule, rounded to the hour. Only ever a proposal."""
    weeks = working_weeks(start, end)
    if rule is PlanningRule.SIX_HOURS:
        per_week = 6.0 * min(weekly_hours, 30.0) / 30.0
    else:
        per_week = 0.2 * weekly_hours
    return float(round(per_week * weeks))


def expected_to_date(plan: OtjPlan, today: date) -> float:
    """The planned hours a learner should have logged by ``today`` (a straight line)."""
    if today <= plan.start:
        return 0.0
    if today >= plan.end:
        return plan.planned_hours
    return round(plan.planned_hours * (today - plan.start).days / plan.days, 2)


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def summarise(
    plan: OtjPlan | None,
    activities: Iterable[OtjActivity],
    today: date,
    categories: Sequence[OtjCategory] = (),
) -> OtjSummary:
    """Logged against planned-to-date, by week (every week of the plan so far) and category."""
    items = list(activities)
    logged = round(float(sum(a.hours for a in items)), 2)
    per_week: dict[date, float] = defaultdict(float)
    per_category: dict[str, float] = {c.key: 0.0 for c in categories}
    for activity in items:
        per_week[monday(activity.day)] += activity.hours
        per_category[activity.category] = per_category.get(activity.category, 0.0) + activity.hours
    if plan is not None:
        first, last = monday(plan.start), monday(min(today, plan.end))
        if items:
            first = min(first, min(per_week))
            last = max(last, max(per_week))
    elif per_week:
        first, last = min(per_week), max(per_week)
    else:
        first, last = monday(today), monday(today) - timedelta(days=7)  # no weeks at all
    weeks = []
    week = first
    while week <= last:
        weeks.append(WeekHours(week, round(per_week.get(week, 0.0), 2)))
        week += timedelta(days=7)
    by_category = {key: round(hours, 2) for key, hours in per_category.items()}
    if plan is None:
        return OtjSummary(0.0, logged, 0.0, False, tuple(weeks), by_category, has_plan=False)
    expected = expected_to_date(plan, today)
    return OtjSummary(
        planned_hours=plan.planned_hours,
        logged_hours=logged,
        expected_to_date=expected,
        on_track=logged >= expected,
        weeks=tuple(weeks),
        by_category=by_category,
    )
