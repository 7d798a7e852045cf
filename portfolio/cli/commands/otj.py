"""`portfolio otj ...`: the apprentice's off-the-job training log from the command line.

portfolio otj plan FILE --start D --end D --weekly-hours H --planned-hours P
portfolio otj plan FILE --start D --end D --weekly-hours H --propose [--rule R]
portfolio otj add FILE --date D --hours H --category C --description TEXT [--entry E3]
portfolio otj log-entry FILE E3 --category C [--hours H]
portfolio otj list FILE [--json]
portfolio otj summary FILE [--json]
portfolio otj categories FILE [--add LABEL] [--json]
"""

from __future__ import annotations

import argparse
from datetime import date

from portfolio.cli.commands._common import open_portfolio
from portfolio.cli.output import emit_json, emit_table, emit_text
from portfolio.domain import otj
from portfolio.errors import InvalidInputError


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


def _hours(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of hours") from None
    if value != value or value in (float("inf"), float("-inf")):  # NaN or infinite
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of hours")
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("otj", help="the off-the-job training log (apprentices)")
    commands = parser.add_subparsers(dest="otj_command", metavar="ACTION", required=True)

    plan = commands.add_parser("plan", help="set (or show) the training plan's dates and hours")
    plan.add_argument("file", help="the portfolio file")
    plan.add_argument("--start", type=_day, help="plan start, YYYY-MM-DD")
    plan.add_argument("--end", type=_day, help="plan end, YYYY-MM-DD")
    plan.add_argument("--weekly-hours", type=_hours, help="contracted hours a week")
    plan.add_argument("--planned-hours", type=_hours, help="planned OTJ hours in the plan")
    plan.add_argument(
        "--propose",
        action="store_true",
        help="only propose planned hours from a rule (nothing is saved)",
    )
    plan.add_argument(
        "--rule",
        choices=[rule.value for rule in otj.PlanningRule],
        default=otj.PlanningRule.SIX_HOURS.value,
        help="the provider's rule for --propose (default: six-hours)",
    )
    plan.set_defaults(func=run_plan)

    add = commands.add_parser("add", help="log an off-the-job activity")
    add.add_argument("file", help="the portfolio file")
    add.add_argument("--date", type=_day, required=True, help="YYYY-MM-DD")
    add.add_argument("--hours", type=_hours, required=True, help="hours spent")
    add.add_argument("--category", required=True, help="category key or name (see categories)")
    add.add_argument("--description", required=True, help="what the activity was")
    add.add_argument("--entry", help="a portfolio entry it relates to (id or E3)")
    add.add_argument(
        "--criterion", action="append", default=[], help="a criterion it relates to (repeatable)"
    )
    add.set_defaults(func=run_add)

    log_entry = commands.add_parser("log-entry", help="log a portfolio entry as OTJ in one step")
    log_entry.add_argument("file", help="the portfolio file")
    log_entry.add_argument("entry", help="entry id or reference such as E3")
    log_entry.add_argument("--category", required=True, help="category key or name")
    log_entry.add_argument("--hours", type=_hours, help="hours (default: the entry's own hours)")
    log_entry.set_defaults(func=run_log_entry)

    listing = commands.add_parser("list", help="every logged activity, oldest first")
    listing.add_argument("file", help="the portfolio file")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(func=run_list)

    summary = commands.add_parser("summary", help="hours logged against the plan")
    summary.add_argument("file", help="the portfolio file")
    summary.add_argument("--json", action="store_true", help="print JSON")
    summary.set_defaults(func=run_summary)

    categories = commands.add_parser("categories", help="list (or add to) the categories")
    categories.add_argument("file", help="the portfolio file")
    categories.add_argument("--add", metavar="LABEL", help="add a category of your provider's")
    categories.add_argument("--json", action="store_true", help="print JSON")
    categories.set_defaults(func=run_categories)


def run_plan(args: argparse.Namespace) -> int:
    given = [args.start, args.end, args.weekly_hours]
    if args.propose:
        if None in given:
            raise InvalidInputError("--propose needs --start, --end and --weekly-hours.")
        rule = otj.PlanningRule(args.rule)
        proposed = otj.propose_planned_hours(args.start, args.end, args.weekly_hours, rule)
        emit_text(
            f"Proposed planned off-the-job hours: {proposed:g} ({otj.RULE_LABELS[rule]}, over "
            f"{otj.working_weeks(args.start, args.end):.1f} working weeks). Nothing was saved: "
            "check the figure against the training plan, then give it as --planned-hours."
        )
        return 0
    if all(value is None for value in [*given, args.planned_hours]):
        with open_portfolio(args.file, read_only=True) as pf:
            plan = pf.otj.plan()
        if plan is None:
            emit_text("No training plan yet: set one with --start, --end, --weekly-hours and "
                      "--planned-hours.")  # fmt: skip
            return 0
        emit_text(_plan_line(plan))
        return 0
    if None in [*given, args.planned_hours]:
        raise InvalidInputError(
            "A plan needs all of --start, --end, --weekly-hours and --planned-hours."
        )
    with open_portfolio(args.file) as pf:
        pf.otj.set_plan(
            start=args.start,
            end=args.end,
            weekly_hours=args.weekly_hours,
            planned_hours=args.planned_hours,
        )
        plan = pf.otj.plan()
    assert plan is not None
    emit_text(f"Saved the training plan: {_plan_line(plan)}")
    return 0


def run_add(args: argparse.Namespace) -> int:
    with open_portfolio(args.file) as pf:
        written = pf.otj.add(
            day=args.date,
            hours=args.hours,
            category=args.category,
            description=args.description,
            entry=args.entry,
            criteria=args.criterion,
        )
    assert written.activity is not None
    emit_text(f"Logged {_hours_text(written.activity.hours)} on {args.date.isoformat()}.")
    return 0


def run_log_entry(args: argparse.Namespace) -> int:
    with open_portfolio(args.file) as pf:
        written = pf.otj.log_entry(args.entry, category=args.category, hours=args.hours)
    activity = written.activity
    assert activity is not None
    emit_text(
        f"Logged {activity.entry_ref} as {_hours_text(activity.hours)} of off-the-job training "
        f"on {activity.day.isoformat()}."
    )
    return 0


def run_list(args: argparse.Namespace) -> int:
    with open_portfolio(args.file, read_only=True) as pf:
        activities = pf.otj.activities()
        labels = {c.key: c.label for c in pf.otj.categories()}
    if args.json:
        emit_json([a.to_json(labels) for a in activities])
        return 0
    if not activities:
        emit_text("No off-the-job activities logged yet.")
        return 0
    emit_table(
        ["date", "hours", "category", "entry", "description"],
        [
            [a.day.isoformat(), f"{a.hours:g}", labels.get(a.category, a.category),
             a.entry_ref, _shorten(a.description)]
            for a in activities
        ],
    )  # fmt: skip
    return 0


def run_summary(args: argparse.Namespace) -> int:
    with open_portfolio(args.file, read_only=True) as pf:
        summary = pf.otj.summary()
        labels = {c.key: c.label for c in pf.otj.categories()}
    if args.json:
        emit_json(summary.to_json())
        return 0
    if not summary.has_plan:
        emit_text(f"Logged {_hours_text(summary.logged_hours)}; no training plan to compare with.")
    else:
        state = "on track" if summary.on_track else f"behind by {summary.behind_by:g} hours"
        emit_text(
            f"Logged {summary.logged_hours:g} of {summary.planned_hours:g} planned hours; "
            f"{summary.expected_to_date:g} expected by today: {state}."
        )
    for key, hours in summary.by_category.items():
        if hours:
            emit_text(f"  {labels.get(key, key)}: {hours:g}")
    return 0


def run_categories(args: argparse.Namespace) -> int:
    if args.add:
        with open_portfolio(args.file) as pf:
            pf.otj.add_category(args.add)
            categories = pf.otj.categories()
    else:
        with open_portfolio(args.file, read_only=True) as pf:
            categories = pf.otj.categories()
    if args.json:
        emit_json([{"key": c.key, "label": c.label} for c in categories])
    else:
        emit_table(["key", "category"], [[c.key, c.label] for c in categories])
    return 0


def _plan_line(plan: otj.OtjPlan) -> str:
    return (
        f"{plan.start.isoformat()} to {plan.end.isoformat()}, {plan.weekly_hours:g} contracted "
        f"hours a week, {plan.planned_hours:g} planned off-the-job hours."
    )


def _hours_text(hours: float) -> str:
    return f"{hours:g} hour" + ("" if hours == 1 else "s")


def _shorten(text: str, limit: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
