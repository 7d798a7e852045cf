"""Off-the-job rules as plain functions: plan checks, the proposal rule, progress by week."""

from __future__ import annotations

from datetime import date

import pytest

from portfolio.domain import otj

PLAN = otj.OtjPlan(date(2026, 9, 1), date(2027, 8, 31), 37.5, 278.0)


def activity(day: date, hours: float, category: str = "shadowing") -> otj.OtjActivity:
    return otj.OtjActivity(id=str(day), day=day, hours=hours, category=category, description="x")


def test_a_sound_plan_has_no_problems() -> None:
    assert otj.check_plan(PLAN) == []


@pytest.mark.parametrize(
    ("plan", "words"),
    [
        (otj.OtjPlan(date(2027, 1, 1), date(2026, 1, 1), 30, 100), "end after it starts"),
        (otj.OtjPlan(date(2020, 1, 1), date(2027, 1, 1), 30, 100), "six years"),
        (otj.OtjPlan(date(2026, 1, 1), date(2027, 1, 1), 0, 100), "weekly hours"),
        (otj.OtjPlan(date(2026, 1, 1), date(2027, 1, 1), 90, 100), "weekly hours"),
        (otj.OtjPlan(date(2026, 1, 1), date(2027, 1, 1), 30, -5), "more than 0"),
        (otj.OtjPlan(date(2026, 1, 1), date(2026, 2, 1), 30, 5000), "more than all"),
    ],
)
def test_bad_plans_are_named(plan: otj.OtjPlan, words: str) -> None:
    assert any(words in problem for problem in otj.check_plan(plan))


def test_activity_checks_hours_future_and_plan_dates() -> None:
    today = date(2026, 11, 20)
    assert otj.check_activity(date(2026, 11, 10), 3, PLAN, today) == []
    assert otj.check_activity(date(2026, 11, 10), 0, PLAN, today)
    assert otj.check_activity(date(2026, 11, 10), 25, PLAN, today)
    assert otj.check_activity(date(2026, 12, 1), 3, PLAN, today)  # not yet happened
    assert otj.check_activity(date(2026, 8, 1), 3, PLAN, today)  # before the plan
    assert otj.check_activity(date(2026, 8, 1), 3, None, today) == []  # no plan: any past date


def test_six_hour_rule_full_time_and_pro_rata() -> None:
    start, end = date(2026, 9, 1), date(2027, 9, 1)  # 52.1 weeks, 46.5 after leave
    weeks = otj.working_weeks(start, end)
    assert weeks == pytest.approx(52.14 - 52.14 / 52 * 5.6, abs=0.01)
    assert otj.propose_planned_hours(start, end, 37.5, otj.PlanningRule.SIX_HOURS) == round(
        6 * weeks
    )
    assert otj.propose_planned_hours(start, end, 20, otj.PlanningRule.SIX_HOURS) == round(4 * weeks)
    assert otj.propose_planned_hours(start, end, 37.5, otj.PlanningRule.TWENTY_PERCENT) == round(
        7.5 * weeks
    )


def test_expected_to_date_is_a_straight_line() -> None:
    assert otj.expected_to_date(PLAN, date(2026, 8, 1)) == 0
    assert otj.expected_to_date(PLAN, date(2028, 1, 1)) == 278
    halfway = PLAN.start + (PLAN.end - PLAN.start) / 2
    assert otj.expected_to_date(PLAN, halfway) == pytest.approx(139, abs=0.5)


def test_summary_by_week_and_category_and_on_track() -> None:
    today = date(2026, 9, 20)  # 19 of the plan's 364 days: 278 * 19 / 364 = 14.51 expected
    items = [
        activity(date(2026, 9, 2), 6),
        activity(date(2026, 9, 3), 2, "mentoring"),
        activity(date(2026, 9, 15), 7),
    ]
    cats = [otj.OtjCategory("shadowing", "Shadowing"), otj.OtjCategory("mentoring", "Mentoring")]
    summary = otj.summarise(PLAN, items, today, cats)
    assert summary.logged_hours == 15
    assert summary.expected_to_date == pytest.approx(14.51, abs=0.01)
    assert summary.on_track
    assert [(w.week_start.isoformat(), w.hours) for w in summary.weeks] == [
        ("2026-08-31", 8.0),
        ("2026-09-07", 0.0),
        ("2026-09-14", 7.0),
    ]
    assert summary.by_category == {"shadowing": 13.0, "mentoring": 2.0}
    behind = otj.summarise(PLAN, items[:1], today, cats)
    assert not behind.on_track
    assert behind.behind_by == pytest.approx(8.51, abs=0.01)


def test_summary_json_has_the_documented_keys() -> None:
    data = otj.summarise(PLAN, [], date(2026, 10, 1)).to_json()
    assert set(data) == {
        "planned_hours", "logged_hours", "expected_to_date", "on_track", "weeks", "by_category"
    }  # fmt: skip
    assert all(set(w) == {"week_start", "hours"} for w in data["weeks"])
