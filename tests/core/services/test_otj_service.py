"""The OTJ log through the service: writes checked first, nothing changed on bad values."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from portfolio.domain.actor import Actor
from portfolio.errors import InvalidInputError, NotFoundError, ReadOnlyError
from portfolio.services.portfolio import Portfolio

TODAY = date(2026, 11, 20)


@pytest.fixture
def planned(portfolio: Portfolio) -> Portfolio:
    portfolio.otj.set_plan(
        start=date(2026, 9, 1), end=date(2027, 8, 31), weekly_hours=37.5, planned_hours=278
    )
    return portfolio


def test_a_new_portfolio_has_the_default_categories_and_no_plan(portfolio: Portfolio) -> None:
    assert portfolio.otj.plan() is None
    keys = [c.key for c in portfolio.otj.categories()]
    assert keys[0] == "training_session"
    assert {"shadowing", "mentoring", "industry_visit", "self_study", "assignment", "other"} <= set(
        keys
    )


def test_add_then_list_and_summarise(planned: Portfolio) -> None:
    written = planned.otj.add(
        day=date(2026, 11, 10),
        hours=3,
        category="Shadowing",  # the label works as well as the key
        description="Shadowed the duty manager on returns",
        criteria=["1.1"],
        today=TODAY,
    )
    assert written.changes.otj
    assert written.activity is not None
    assert written.activity.category == "shadowing"
    assert written.activity.criteria == ("1.1",)
    [listed] = planned.otj.activities()
    assert listed == written.activity
    summary = planned.otj.summary(today=TODAY)
    assert summary.logged_hours == 3
    assert summary.by_category["shadowing"] == 3
    assert not summary.on_track


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"hours": -1}, "Hours must be"),
        ({"hours": 100}, "Hours must be"),
        ({"day": date(2026, 8, 1)}, "outside the training plan"),
        ({"day": date(2026, 12, 25)}, "not in advance"),
        ({"category": "dancing"}, "Unknown category"),
        ({"description": "  "}, "description"),
        ({"criteria": ["9.9"]}, "no criterion"),
        ({"entry": "E999"}, "no entry"),
    ],
)
def test_bad_values_are_refused_and_change_nothing(
    planned: Portfolio, changes: dict[str, object], message: str
) -> None:
    values: dict[str, object] = {
        "day": date(2026, 11, 10),
        "hours": 3,
        "category": "shadowing",
        "description": "Shadowing",
        "today": TODAY,
    }
    values.update(changes)
    with pytest.raises((InvalidInputError, NotFoundError), match=message):
        planned.otj.add(**values)  # type: ignore[arg-type]
    assert planned.otj.activities() == []


def test_a_plan_that_would_leave_activities_outside_it_is_refused(planned: Portfolio) -> None:
    planned.otj.add(
        day=date(2026, 9, 2), hours=2, category="other", description="Induction", today=TODAY
    )
    with pytest.raises(InvalidInputError, match="outside those dates"):
        planned.otj.set_plan(
            start=date(2026, 10, 1), end=date(2027, 8, 31), weekly_hours=37.5, planned_hours=278
        )
    plan = planned.otj.plan()
    assert plan is not None
    assert plan.start == date(2026, 9, 1)


def test_an_entry_is_logged_in_one_step_with_its_date_hours_and_tags(
    planned: Portfolio,
) -> None:
    entry = planned.entries.add(
        title="Product training on the new tills", event_date=date(2026, 10, 5), hours=2.5
    ).value
    planned.tagging.tag(entry_id=entry.id, criterion="1.1", justification="how")
    written = planned.otj.log_entry(entry.ref, category="training_session", today=TODAY)
    activity = written.activity
    assert activity is not None
    assert (activity.day, activity.hours, activity.entry_ref) == (date(2026, 10, 5), 2.5, entry.ref)
    assert activity.criteria == ("1.1",)
    assert entry.ref in activity.description
    with pytest.raises(InvalidInputError, match="already in the off-the-job log"):
        planned.otj.log_entry(entry.ref, category="training_session", today=TODAY)


def test_an_entry_without_date_or_hours_says_what_to_fill_in(planned: Portfolio) -> None:
    undated = planned.entries.add(title="Undated").value
    with pytest.raises(InvalidInputError, match="no date"):
        planned.otj.log_entry(undated.ref, category="other", today=TODAY)
    no_hours = planned.entries.add(title="No hours", event_date=date(2026, 10, 5)).value
    with pytest.raises(InvalidInputError, match="no hours"):
        planned.otj.log_entry(no_hours.ref, category="other", today=TODAY)
    assert planned.otj.activities() == []


def test_deleting_an_entry_keeps_its_logged_hours(planned: Portfolio) -> None:
    entry = planned.entries.add(title="Visit", event_date=date(2026, 10, 5), hours=4).value
    planned.otj.log_entry(entry.ref, category="industry_visit", today=TODAY)
    planned.entries.delete(entry.id)
    planned.entries.purge_deleted()
    [activity] = planned.otj.activities()
    assert activity.hours == 4
    assert activity.entry_ref == ""


def test_a_provider_can_add_its_own_category(planned: Portfolio) -> None:
    planned.otj.add_category("Webinar")
    assert planned.otj.categories()[-1].label == "Webinar"
    with pytest.raises(InvalidInputError, match="already"):
        planned.otj.add_category("webinar")
    planned.otj.add(
        day=date(2026, 11, 1), hours=1, category="Webinar", description="GDPR", today=TODAY
    )
    assert planned.otj.summary(today=TODAY).by_category["webinar"] == 1


def test_remove_an_activity(planned: Portfolio) -> None:
    written = planned.otj.add(
        day=date(2026, 11, 1), hours=1, category="other", description="x", today=TODAY
    )
    assert written.activity is not None
    planned.otj.remove(written.activity.id)
    assert planned.otj.activities() == []
    with pytest.raises(NotFoundError):
        planned.otj.remove(written.activity.id)


def test_a_reviewer_reads_the_log_but_cannot_change_it(portfolio_file: Path) -> None:
    with Portfolio.open(portfolio_file, actor=Actor("Sam Tutor", "tutor")) as pf:
        assert pf.otj.summary(today=TODAY).logged_hours == 0
        with pytest.raises(ReadOnlyError):
            pf.otj.set_plan(
                start=date(2026, 9, 1), end=date(2027, 8, 31), weekly_hours=30, planned_hours=200
            )


def test_the_log_is_in_the_dump(planned: Portfolio) -> None:

    planned.otj.add(day=date(2026, 11, 1), hours=1, category="other", description="x", today=TODAY)
    tables = planned.dump()["tables"]
    assert len(tables["otj_activity"]) == 1
    assert len(tables["otj_plan"]) == 1
    assert len(tables["otj_category"]) == 7
