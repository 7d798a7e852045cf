"""The Progress charts' dates: a criterion became evidenced when the earliest of its current
evidence entries was tagged to it (services/history.py streams the links, issue #17)."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

import portfolio.services.history as history_module
from portfolio.demo import create_demo
from portfolio.domain.enums import CriterionState
from portfolio.services.portfolio import Portfolio


def _as_dicts(evidenced_on) -> dict[str, dict[str, date]]:
    return {unit: dict(days) for unit, days in evidenced_on.items() if days}


def test_evidenced_dates_are_the_earliest_tagging_by_a_current_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "demo.portfolio"
    create_demo(path, entries=60).close()
    # Tag times spread over a year, so "earliest" means something; then put the entry holding
    # some criterion's earliest link in the bin: its link must no longer date that criterion.
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT rowid FROM evidence_link ORDER BY rowid").fetchall()
        for i, (rowid,) in enumerate(rows):
            day = datetime(2026, 1 + (i * 7) % 12, 1 + (i * 13) % 28, 9, 30)
            conn.execute(
                "UPDATE evidence_link SET created_at = ? WHERE rowid = ?",
                (day.isoformat(sep=" "), rowid),
            )
        binned = conn.execute(
            "SELECT entry_id FROM evidence_link ORDER BY created_at LIMIT 1"
        ).fetchone()[0]
        links = conn.execute(
            "SELECT entry_id, criterion_id, created_at FROM evidence_link"
        ).fetchall()
    pf = Portfolio.open(path)
    try:
        pf.entries.delete(binned)
        captured: dict[str, object] = {}
        real = history_module.build_history

        def capture(**kwargs):  # type: ignore[no-untyped-def]
            captured.update(kwargs)
            return real(**kwargs)

        monkeypatch.setattr(history_module, "build_history", capture)
        pf.history.history(today=date(2026, 12, 31))
        # The rule written out the long way, as the service did before it streamed the links.
        tagged = {(e, c): datetime.fromisoformat(t).date() for e, c, t in links}
        expected: dict[str, dict[str, date]] = {}
        for criterion in pf.coverage.report().criteria:
            if criterion.status is CriterionState.NONE:
                continue
            days = [
                tagged[(e, criterion.id)] for e in criterion.entries if (e, criterion.id) in tagged
            ]
            if days:
                expected.setdefault(criterion.unit_id, {})[criterion.id] = min(days)
        assert expected
        assert _as_dicts(captured["evidenced_on"]) == expected
        assert all(binned not in c.entries for c in pf.coverage.report().criteria)
    finally:
        pf.close()
