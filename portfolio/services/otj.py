"""The apprentice's off-the-job training log: plan, categories, activities and progress.

Every write is one transaction and checks everything first, so a bad value (negative or absurd
hours, a date outside the plan, an unknown category) changes nothing. Only the learner writes the
log; a reviewer reads it. Progress is computed by ``portfolio.domain.otj`` from plain records.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portfolio.domain import otj
from portfolio.domain.actor import Actor
from portfolio.domain.changes import Changes
from portfolio.errors import InvalidInputError, NotFoundError, ReadOnlyError
from portfolio.services import audit
from portfolio.services.lookup import resolve_criterion, resolve_entry
from portfolio.storage.file import PortfolioFile
from portfolio.storage.models import (
    Criterion,
    Entry,
    EvidenceLink,
    TrainingActivity,
    TrainingActivityCriterion,
    TrainingCategory,
    TrainingPlan,
)

MAX_DESCRIPTION = 4000
MAX_ACTIVITIES = 20_000  # about ten a working day for eight years: anything more is a mistake
MAX_CRITERIA_PER_ACTIVITY = 50
MAX_CATEGORIES = 40


@dataclass(frozen=True, slots=True)
class OtjWrite:
    """What a write made, and what it changed (for the app's pages)."""

    activity: otj.OtjActivity | None
    changes: Changes


class OtjService:
    def __init__(self, pf: PortfolioFile, actor: Actor) -> None:
        self._pf = pf
        self._actor = actor

    # -- reading ------------------------------------------------------------------------

    def plan(self) -> otj.OtjPlan | None:
        with self._pf.read() as s:
            return _plan(s)

    def categories(self) -> list[otj.OtjCategory]:
        with self._pf.read() as s:
            return _categories(s)

    def activities(self) -> list[otj.OtjActivity]:
        """Every logged activity, oldest first."""
        with self._pf.read() as s:
            return _activities(s)

    def log(self) -> otj.OtjLog:
        """The plan, categories and activities together (what the exports carry)."""
        with self._pf.read() as s:
            return log_in(s)

    def summary(self, *, today: date | None = None) -> otj.OtjSummary:
        with self._pf.read() as s:
            return summary_in(s, today or date.today())

    # -- writing ------------------------------------------------------------------------

    def set_plan(
        self, *, start: date, end: date, weekly_hours: float, planned_hours: float
    ) -> Changes:
        """Record (or replace) the training plan's dates and hours."""
        self._require_learner()
        plan = otj.OtjPlan(start, end, float(weekly_hours), float(planned_hours))
        problems = otj.check_plan(plan)
        if problems:
            raise InvalidInputError(" ".join(problems))
        with self._pf.write() as s:
            outside = s.scalar(
                select(func.count())
                .select_from(TrainingActivity)
                .where(
                    (TrainingActivity.activity_date < start)
                    | (TrainingActivity.activity_date > end)
                )
            )
            if outside:
                raise InvalidInputError(
                    f"{outside} logged activit{'y is' if outside == 1 else 'ies are'} outside "
                    "those dates; change or remove them first."
                )
            row = s.scalars(select(TrainingPlan)).first() or TrainingPlan()
            row.start_date, row.end_date = start, end
            row.weekly_hours, row.planned_hours = plan.weekly_hours, plan.planned_hours
            s.add(row)
            audit.record(s, self._actor, "otj.plan", target_kind="otj_plan", target_id=row.id)
        return Changes(otj=True)

    def add(
        self,
        *,
        day: date,
        hours: float,
        category: str,
        description: str,
        entry: str | None = None,
        criteria: Sequence[str] = (),
        today: date | None = None,
    ) -> OtjWrite:
        """Log one activity; ``category`` is a key or a label, ``entry`` an id or "E3"."""
        self._require_learner()
        description = _clean_description(description)
        if len(criteria) > MAX_CRITERIA_PER_ACTIVITY:
            raise InvalidInputError(
                f"An activity can relate to at most {MAX_CRITERIA_PER_ACTIVITY} criteria."
            )
        with self._pf.write() as s:
            key = _category_key(s, category)
            problems = otj.check_activity(day, float(hours), _plan(s), today or date.today())
            if problems:
                raise InvalidInputError(" ".join(problems))
            count = s.scalar(select(func.count()).select_from(TrainingActivity)) or 0
            if count >= MAX_ACTIVITIES:
                raise InvalidInputError(
                    f"The log already holds {MAX_ACTIVITIES:,} activities, the most one portfolio "
                    "can keep."
                )
            entry_id = resolve_entry(s, entry).id if entry else None
            criterion_ids = list(dict.fromkeys(resolve_criterion(s, c).id for c in criteria))
            row = TrainingActivity(
                activity_date=day,
                hours=round(float(hours), 2),
                category=key,
                description=description,
                entry_id=entry_id,
            )
            s.add(row)
            s.flush()
            for criterion_id in criterion_ids:
                s.add(TrainingActivityCriterion(activity_id=row.id, criterion_id=criterion_id))
            audit.record(s, self._actor, "otj.add", target_kind="otj_activity", target_id=row.id)
            s.flush()
            added = _activities(s, ids=[row.id])[0]
        return OtjWrite(added, Changes(otj=True))

    def log_entry(
        self,
        entry: str,
        *,
        category: str,
        hours: float | None = None,
        description: str | None = None,
        today: date | None = None,
    ) -> OtjWrite:
        """Log a portfolio entry as OTJ training in one step: its date, hours, title and tags.

        The entry's own hours are used unless ``hours`` is given; an entry with no date or no
        hours is refused with what to fill in.
        """
        with self._pf.read() as s:
            found = resolve_entry(s, entry)
            if found.event_date is None:
                raise InvalidInputError(
                    f"{found.ref} has no date; give it the date of the event first."
                )
            logged = s.scalar(
                select(func.count())
                .select_from(TrainingActivity)
                .where(TrainingActivity.entry_id == found.id)
            )
            if logged:
                raise InvalidInputError(f"{found.ref} is already in the off-the-job log.")
            entry_hours = hours if hours is not None else found.hours
            if not entry_hours:
                raise InvalidInputError(
                    f"{found.ref} has no hours; give the hours spent (--hours) to log it."
                )
            criteria = list(
                s.scalars(
                    select(Criterion.id)
                    .join(EvidenceLink, EvidenceLink.criterion_id == Criterion.id)
                    .where(EvidenceLink.entry_id == found.id)
                )
            )
            ref, day, title = found.ref, found.event_date, found.title
        text = description if description is not None else f"{ref}: {title}".strip()
        return self.add(
            day=day,
            hours=float(entry_hours),
            category=category,
            description=text,
            entry=ref,
            criteria=criteria,
            today=today,
        )

    def remove(self, activity_id: str) -> Changes:
        self._require_learner()
        with self._pf.write() as s:
            row = s.get(TrainingActivity, activity_id)
            if row is None:
                raise NotFoundError(f"There is no off-the-job activity {activity_id!r}.")
            s.delete(row)
            audit.record(
                s, self._actor, "otj.remove", target_kind="otj_activity", target_id=activity_id
            )
        return Changes(otj=True)

    def add_category(self, label: str) -> Changes:
        """A provider's own category, added to the end of the list."""
        self._require_learner()
        label = " ".join((label or "").split())
        if not 2 <= len(label) <= 120:
            raise InvalidInputError("A category name must be 2 to 120 characters long.")
        key = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:60] or "category"
        with self._pf.write() as s:
            existing = _categories(s)
            if any(c.label.lower() == label.lower() or c.key == key for c in existing):
                raise InvalidInputError(f"There is already a category called {label!r}.")
            if len(existing) >= MAX_CATEGORIES:
                raise InvalidInputError(f"A log can have at most {MAX_CATEGORIES} categories.")
            s.add(TrainingCategory(key=key, label=label, position=len(existing)))
            audit.record(s, self._actor, "otj.category", target_kind="otj_category", key=key)
        return Changes(otj=True)

    def _require_learner(self) -> None:
        if self._actor.is_reviewer:
            raise ReadOnlyError("Only the learner can change their off-the-job training log.")


def summary_in(s: Session, today: date) -> otj.OtjSummary:
    """The OTJ summary as the open session sees it (the group overview reads it per file)."""
    return otj.summarise(_plan(s), _activities(s), today, _categories(s))


def log_in(s: Session) -> otj.OtjLog:
    """The whole log read in the caller's transaction (the LEAP2A export reads it with the rest)."""
    return otj.OtjLog(_plan(s), tuple(_categories(s)), tuple(_activities(s)))


def _plan(s: Session) -> otj.OtjPlan | None:
    row = s.scalars(select(TrainingPlan)).first()
    if row is None:
        return None
    return otj.OtjPlan(row.start_date, row.end_date, row.weekly_hours, row.planned_hours)


def _categories(s: Session) -> list[otj.OtjCategory]:
    rows = s.scalars(select(TrainingCategory).order_by(TrainingCategory.position))
    return [otj.OtjCategory(row.key, row.label) for row in rows]


def _category_key(s: Session, given: str) -> str:
    wanted = " ".join((given or "").split()).lower()
    for category in _categories(s):
        if wanted in (category.key.lower(), category.label.lower()):
            return category.key
    names = ", ".join(c.key for c in _categories(s))
    raise InvalidInputError(f"Unknown category {given!r}; use one of: {names}.")


def _activities(s: Session, *, ids: Sequence[str] | None = None) -> list[otj.OtjActivity]:
    query = select(TrainingActivity, Entry.ref_no).outerjoin(
        Entry, Entry.id == TrainingActivity.entry_id
    )
    if ids is not None:
        query = query.where(TrainingActivity.id.in_(ids))
    rows = s.execute(
        query.order_by(TrainingActivity.activity_date, TrainingActivity.created_at)
    ).all()
    numbers: dict[str, list[str]] = defaultdict(list)
    links = select(TrainingActivityCriterion.activity_id, Criterion.number).join(
        Criterion, Criterion.id == TrainingActivityCriterion.criterion_id
    )
    if ids is not None:
        links = links.where(TrainingActivityCriterion.activity_id.in_(ids))
    for activity_id, number in s.execute(links):
        numbers[activity_id].append(number)
    return [
        otj.OtjActivity(
            id=row.id,
            day=row.activity_date,
            hours=row.hours,
            category=row.category,
            description=row.description,
            entry_id=row.entry_id,
            entry_ref=f"E{ref_no}" if ref_no is not None else "",
            criteria=tuple(sorted(numbers.get(row.id, []))),
        )
        for row, ref_no in rows
    ]


def _clean_description(text: str) -> str:
    if not isinstance(text, str):
        raise InvalidInputError("The description must be text.")
    text = text.strip()
    if not text:
        raise InvalidInputError("Say what the activity was (a description is needed).")
    if len(text) > MAX_DESCRIPTION:
        raise InvalidInputError(
            f"The description is too long (limit {MAX_DESCRIPTION} characters)."
        )
    return text
