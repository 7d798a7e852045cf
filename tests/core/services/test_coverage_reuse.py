"""The coverage report is computed once per change: asked again with nothing written in
between, the service hands out the same (immutable) report; any write makes it compute anew."""

from __future__ import annotations

from pathlib import Path

from portfolio.demo import create_demo
from portfolio.services.portfolio import Portfolio


def test_an_unchanged_portfolio_reuses_its_report_and_any_write_refreshes_it(
    tmp_path: Path,
) -> None:
    with create_demo(tmp_path / "d.portfolio", entries=20) as pf:
        first = pf.coverage.report()
        assert pf.coverage.report() is first
        entry = pf.entries.list()[10].id
        criterion = first.criteria[0].id
        pf.tagging.tag(entry_id=entry, criterion=criterion, justification="I did it")
        after = pf.coverage.report()
        assert after is not first
        assert entry in after.criterion(criterion).entries
        pf.tagging.untag(entry_id=entry, criterion=criterion)
        assert entry not in pf.coverage.report().criterion(criterion).entries


def test_a_failed_write_still_refreshes_the_report(tmp_path: Path) -> None:
    with create_demo(tmp_path / "d.portfolio", entries=5) as pf:
        first = pf.coverage.report()
        try:
            with pf.storage.write():
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
        assert pf.coverage.report() is not first


def test_a_read_only_open_never_reuses_a_report(tmp_path: Path) -> None:
    path = tmp_path / "d.portfolio"
    create_demo(path, entries=5).close()
    with Portfolio.open(path, read_only=True) as pf:
        # Read-only opens hold no writer lock: the learner may be writing to the file.
        assert pf.coverage.report() is not pf.coverage.report()
