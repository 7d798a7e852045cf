"""`portfolio otj`: plan, add, log-entry, list, summary, categories; bad values change nothing."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

YESTERDAY = (date.today() - timedelta(days=1)).isoformat()
START = (date.today() - timedelta(days=60)).isoformat()
END = (date.today() + timedelta(days=300)).isoformat()


def _plan(cli, path: Path) -> None:
    result = cli(
        "otj", "plan", path, "--start", START, "--end", END,
        "--weekly-hours", "37.5", "--planned-hours", "250",
    )  # fmt: skip
    assert result.code == 0, result.err


def test_plan_add_list_and_summary_json(cli, portfolio_file: Path) -> None:
    _plan(cli, portfolio_file)
    added = cli(
        "otj", "add", portfolio_file, "--date", YESTERDAY, "--hours", "3",
        "--category", "mentoring", "--description", "Mentoring with the team leader",
        "--criterion", "1.1",
    )  # fmt: skip
    assert added.code == 0, added.err
    assert "Logged 3 hours" in added.out
    listed = cli("otj", "list", portfolio_file, "--json").json()
    assert listed[0]["category"] == "mentoring"
    assert listed[0]["criteria"] == ["1.1"]
    summary = cli("otj", "summary", portfolio_file, "--json").json()
    assert set(summary) == {
        "planned_hours", "logged_hours", "expected_to_date", "on_track", "weeks", "by_category"
    }  # fmt: skip
    assert summary["planned_hours"] == 250
    assert summary["logged_hours"] == 3
    assert summary["by_category"]["mentoring"] == 3
    assert sum(week["hours"] for week in summary["weeks"]) == 3
    assert summary["on_track"] is (summary["logged_hours"] >= summary["expected_to_date"])


def test_propose_prints_a_figure_and_saves_nothing(cli, portfolio_file: Path) -> None:
    result = cli(
        "otj", "plan", portfolio_file, "--start", "2026-09-01", "--end", "2027-08-31",
        "--weekly-hours", "37.5", "--propose",
    )  # fmt: skip
    assert result.code == 0
    assert "Proposed planned off-the-job hours: 278" in result.out
    assert "Nothing was saved" in result.out
    assert "No training plan yet" in cli("otj", "plan", portfolio_file).out


def test_bad_values_get_one_line_and_change_nothing(cli, portfolio_file: Path) -> None:
    _plan(cli, portfolio_file)
    before = cli("otj", "list", portfolio_file, "--json").out
    for args in (
        ["--date", YESTERDAY, "--hours", "-2", "--category", "other", "--description", "x"],
        ["--date", YESTERDAY, "--hours", "500", "--category", "other", "--description", "x"],
        ["--date", "2001-01-01", "--hours", "2", "--category", "other", "--description", "x"],
        ["--date", YESTERDAY, "--hours", "2", "--category", "juggling", "--description", "x"],
        ["--date", "yesterday", "--hours", "2", "--category", "other", "--description", "x"],
        ["--date", YESTERDAY, "--hours", "nan", "--category", "other", "--description", "x"],
    ):
        result = cli("otj", "add", portfolio_file, *args)
        assert result.code != 0, args
        errors = [line for line in result.err.splitlines() if line.startswith("portfolio:")]
        assert len(errors) == 1, result.err  # one line (argparse's usage may come before it)
        assert "Traceback" not in result.err
    assert cli("otj", "list", portfolio_file, "--json").out == before


def test_a_plan_needs_every_figure(cli, portfolio_file: Path) -> None:
    result = cli("otj", "plan", portfolio_file, "--start", START, "--end", END)
    assert result.code != 0
    assert "needs all of" in result.err


def test_log_entry_in_one_step(cli, portfolio_file: Path, tmp_path: Path) -> None:
    _plan(cli, portfolio_file)
    entry = tmp_path / "entry.json"
    entry.write_text(
        f'{{"title": "Till training", "event_date": "{YESTERDAY}", "hours": 2}}', encoding="utf-8"
    )
    assert cli("entry", "add", portfolio_file, "--json-file", entry).code == 0
    result = cli("otj", "log-entry", portfolio_file, "E1", "--category", "training_session")
    assert result.code == 0, result.err
    assert "Logged E1 as 2 hours" in result.out
    assert cli("otj", "list", portfolio_file, "--json").json()[0]["entry"] == "E1"


def test_categories_list_and_add(cli, portfolio_file: Path) -> None:
    assert cli("otj", "categories", portfolio_file, "--add", "Webinar").code == 0
    labels = [c["label"] for c in cli("otj", "categories", portfolio_file, "--json").json()]
    assert labels[-1] == "Webinar"
    assert cli("otj", "categories", portfolio_file, "--add", "webinar").code != 0
