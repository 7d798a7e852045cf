"""Copies from elsewhere are opened read-only and defensively (issue 20, failure 2).

A reviewed copy whose ``feedback`` table had been swapped for a view over an endless recursive
query made ``portfolio merge`` grow by 100 MB/s until killed. Now any schema that is not the
app's own (views, extra triggers, changed tables, generated columns, extra tables), or a copy
holding more rows than a portfolio may, is refused in one line before anything is read, and the
learner's file is left exactly as it was.
"""

from __future__ import annotations

import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from portfolio.domain.limits import TableLimit
from portfolio.errors import NotAPortfolioError, PortfolioError
from portfolio.services.group import scan_folder
from portfolio.storage import outside

ENDLESS_FEEDBACK = (
    "DROP TABLE feedback; "
    "CREATE VIEW feedback AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
    "SELECT printf('%d', n) AS id, 'x' AS entry_id, NULL AS parent_id, "
    "printf('%.*c', 1000, 'a') AS author_name, 'tutor' AS author_role, "
    "printf('%.*c', 100000, 'b') AS body, '2026-01-01 00:00:00' AS created_at, "
    "NULL AS read_at FROM r"
)


def portfolio_digest(path: Path) -> list[tuple]:
    """Every row of every review and learner table (read-only)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = ("entry", "evidence_link", "feedback", "criterion_judgement", "signoff")
        return [(t, sorted(map(repr, conn.execute(f"SELECT * FROM {t}")))) for t in tables]
    finally:
        conn.close()


def _doctored(source: Path, target: Path, script: str) -> Path:
    shutil.copy2(source, target)
    conn = sqlite3.connect(target)
    try:
        conn.executescript(script)
        conn.commit()
    finally:
        conn.close()
    return target


def _limit_memory() -> None:  # in the child: never let a regression eat the shared machine
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def test_merge_refuses_a_copy_whose_table_is_an_endless_view(demo_file: Path, tmp_path: Path):
    copy = _doctored(demo_file, tmp_path / "hostile.portfolio", ENDLESS_FEEDBACK)
    before = portfolio_digest(demo_file)
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "portfolio", "merge", str(demo_file), str(copy)],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limit_memory,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "view" in lines[0] and "hostile.portfolio" in lines[0]
    assert time.monotonic() - started < 60
    assert portfolio_digest(demo_file) == before


@pytest.mark.parametrize(
    ("script", "words"),
    [
        ("CREATE TRIGGER sneaky AFTER INSERT ON feedback BEGIN DELETE FROM entry; END", "trigger"),
        ("CREATE TABLE extra (x)", "table (extra)"),
        ("ALTER TABLE feedback ADD COLUMN big TEXT GENERATED ALWAYS AS (zeroblob(1e9))", "changed"),
        (
            "DROP TRIGGER entry_fts_update; CREATE TRIGGER entry_fts_update AFTER UPDATE ON entry "
            "BEGIN DELETE FROM feedback; END",
            "changed",
        ),
        ("DROP TABLE signoff", "missing"),
    ],
    ids=["trigger", "extra-table", "generated-column", "changed-trigger", "missing-table"],
)
def test_merge_refuses_a_schema_that_is_not_ours(
    demo_file: Path, tmp_path: Path, open_as, script: str, words: str
):
    copy = _doctored(demo_file, tmp_path / "odd.portfolio", script)
    before = portfolio_digest(demo_file)
    learner = open_as(demo_file)
    try:
        with pytest.raises(NotAPortfolioError) as refused:
            learner.reviewing.import_review(copy)
    finally:
        learner.close()
    message = str(refused.value)
    assert words in message and "\n" not in message
    assert portfolio_digest(demo_file) == before


def test_a_copy_with_more_rows_than_a_portfolio_may_hold_is_refused(
    demo_file: Path, tmp_path: Path, open_as, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(outside, "TABLE_LIMITS", (TableLimit("entry", 2, "entries"),))
    copy = tmp_path / "big.portfolio"
    shutil.copy2(demo_file, copy)
    learner = open_as(demo_file)
    try:
        with pytest.raises(NotAPortfolioError, match="more entries than a portfolio may"):
            learner.reviewing.import_review(copy)
    finally:
        learner.close()


def test_every_query_on_an_outside_file_is_stopped_after_the_time_limit(
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.setattr(outside, "QUERY_SECONDS", 0.3)
    conn = sqlite3.connect(":memory:")
    outside.guard_connection(conn)
    started = time.monotonic()
    with pytest.raises(sqlite3.OperationalError, match="interrupted"):
        conn.execute(
            "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r"
        ).fetchone()
    assert time.monotonic() - started < 10
    assert conn.execute("PRAGMA trusted_schema").fetchone() == (0,)
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("ATTACH DATABASE ':memory:' AS other")


def test_group_overview_lists_a_hostile_file_with_its_reason(demo_file: Path, tmp_path: Path):
    folder = tmp_path / "group"
    folder.mkdir()
    shutil.copy2(demo_file, folder / "good.portfolio")
    _doctored(demo_file, folder / "hostile.portfolio", ENDLESS_FEEDBACK)
    overview = scan_folder(folder)
    assert [row.path.name for row in overview.learners] == ["good.portfolio"]
    (failure,) = overview.failures
    assert failure.path.name == "hostile.portfolio" and "view" in failure.reason


def test_an_outside_file_that_is_a_pipe_is_refused_without_blocking(tmp_path: Path):
    pipe = tmp_path / "pipe.portfolio"
    os.mkfifo(pipe)
    with pytest.raises(PortfolioError, match="named pipe"):
        outside.open_outside(pipe)
    overview = scan_folder(tmp_path)
    assert "named pipe" in overview.failures[0].reason


def test_the_app_s_own_files_pass_the_check(demo_file: Path, portfolio_file: Path):
    for path in (demo_file, portfolio_file):
        outside.open_outside(path).close()


def test_a_reviewer_opening_a_hostile_file_is_refused(demo_file: Path, tmp_path: Path):
    from portfolio.services.portfolio import Portfolio
    from tests.core.review.conftest import TUTOR

    hostile = _doctored(demo_file, tmp_path / "learner.portfolio", ENDLESS_FEEDBACK)
    with pytest.raises(NotAPortfolioError, match="view"):
        Portfolio.open(hostile, actor=TUTOR)


def test_a_hostile_file_named_as_a_backup_is_not_restored(demo_file: Path, tmp_path: Path):
    from portfolio.services.recovery import restore

    hostile = _doctored(demo_file, tmp_path / "backup.portfolio", ENDLESS_FEEDBACK)
    before = demo_file.read_bytes()
    with pytest.raises(NotAPortfolioError, match="view"):
        restore(hostile, demo_file)
    assert demo_file.read_bytes() == before
