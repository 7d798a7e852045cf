"""Coverage kept up to date from each write (issue #17) equals coverage computed whole.

Random sequences of the writes a learner and an assessor make (tag, untag, justify, edit text,
change status, add, bin, restore, judge) on a portfolio with one unit judged and signed off;
after every write the kept report must equal the full computation, field by field."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portfolio.errors import PortfolioError
from portfolio.services import coverage_state
from portfolio.services.portfolio import Portfolio
from tests.helpers.assessment import ASSESSOR, add_ready_entry, make_signed_off


@pytest.fixture(scope="module")
def judged_template(tmp_path_factory: pytest.TempPathFactory, template_portfolio: Path) -> Path:
    path = tmp_path_factory.mktemp("judged") / "judged.portfolio"
    shutil.copy2(template_portfolio, path)
    with Portfolio.open(path) as pf:
        report = pf.coverage.report()
    units = list(dict.fromkeys(c.unit_id for c in report.criteria))
    criteria = [c.id for c in report.criteria]
    for index in range(6):
        add_ready_entry(path, criteria[index : index + 3], title=f"Entry {index}")
    make_signed_off(path, units[0])
    return path


KINDS = ("tag", "tag_blank", "untag", "text", "empty", "ready", "draft", "add", "bin")
WRITE = st.sampled_from([*KINDS, "restore", "judge", "title", "method"])
STEP = st.tuples(WRITE, st.integers(0, 50), st.integers(0, 50))


def _apply(pf: Portfolio, judge: Portfolio, step: tuple[str, int, int]) -> None:
    kind, a, b = step
    live = [e.id for e in pf.entries.list()]
    binned = [e.id for e in pf.entries.list(binned=True)]
    criteria = [c.id for c in pf.coverage.full_report().criteria]
    criterion = criteria[b % len(criteria)]
    entry = live[a % len(live)] if live else None
    if kind == "add" or entry is None:
        pf.entries.add(title=f"New {a}")
    elif kind in ("tag", "tag_blank"):
        pf.tagging.tag(
            entry_id=entry, criterion=criterion, justification="" if kind == "tag_blank" else "Yes."
        )
    elif kind == "untag":
        pf.tagging.untag(entry_id=entry, criterion=criterion)
    elif kind in ("text", "empty"):
        text = "I did it." if kind == "text" else ""
        pf.entries.update(entry_id=entry, sections={"action": text})
    elif kind in ("ready", "draft"):
        pf.entries.update(entry_id=entry, status=kind)
    elif kind == "method":
        methods = ("observation", "witness_testimony", "reflective_account", "product_evidence")
        pf.entries.update(entry_id=entry, method=methods[b % len(methods)])
    elif kind == "title":
        pf.entries.update(entry_id=entry, title=f"Renamed {b}")
    elif kind == "bin":
        pf.entries.delete(entry)
    elif kind == "restore" and binned:
        pf.entries.restore(binned[a % len(binned)])
    elif kind == "judge":
        judge.reviewing.judge(
            criterion=criterion, judgement="met" if a % 2 else "not_yet_met", reason="Seen."
        )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(STEP, min_size=1, max_size=12))
def test_kept_coverage_equals_the_full_computation(
    judged_template: Path, tmp_path: Path, steps: list[tuple[str, int, int]]
) -> None:
    path = tmp_path / "edited.portfolio"
    for suffix in ("-wal", "-shm", ""):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copy2(judged_template, path)
    with Portfolio.open(path) as pf:
        pf.coverage.report()  # the state every later report is updated from
        for step in steps:
            judge = Portfolio(pf.storage, ASSESSOR)  # the assessor's writes on the same file
            with contextlib.suppress(PortfolioError):  # a refused write changes nothing
                _apply(pf, judge, step)
            assert pf.coverage.report() == pf.coverage.full_report(), step


def test_one_tag_is_updated_without_a_rebuild(
    judged_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "one.portfolio"
    shutil.copy2(judged_template, path)
    with Portfolio.open(path) as pf:
        first = pf.coverage.report()
        built = []
        monkeypatch.setattr(
            coverage_state, "build", lambda *a: built.append(a) or pytest.fail("rebuilt")
        )
        entry = pf.entries.list()[-1].id
        criterion = first.criteria[-1].id
        pf.tagging.tag(entry_id=entry, criterion=criterion, justification="It shows it.")
        after = pf.coverage.report()
        assert entry in after.criterion(criterion).entries
        assert after == pf.coverage.full_report()
        assert built == []


def test_a_write_that_leaves_updated_at_alone_is_caught_by_the_counts(
    judged_template: Path, tmp_path: Path
) -> None:
    path = tmp_path / "raw.portfolio"
    shutil.copy2(judged_template, path)
    with Portfolio.open(path) as pf:
        before = pf.coverage.report()
        entry = pf.entries.list()[0].id
        from sqlalchemy import text

        with pf.storage.write() as s:  # no service: no updated_at, only the row
            s.execute(
                text(
                    "INSERT INTO evidence_link (id, entry_id, criterion_id, justification, "
                    "created_at, updated_at) VALUES ('x1', :e, :c, 'raw', '2000-01-01', "
                    "'2000-01-01')"
                ),
                {"e": entry, "c": before.criteria[-1].id},
            )
        after = pf.coverage.report()
        assert entry in after.criterion(before.criteria[-1].id).entries
        assert after == pf.coverage.full_report()


def test_read_only_opens_compute_whole(judged_template: Path) -> None:
    with Portfolio.open(judged_template, read_only=True) as pf:
        assert pf.coverage.report() == pf.coverage.full_report()
