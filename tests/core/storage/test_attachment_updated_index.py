"""Migration 20261203_0014: the index coverage reads after a write (attachments written since
its last report) is added to old files on open, used by that read, and taken off on downgrade."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from alembic import command

from portfolio.services.portfolio import Portfolio
from portfolio.storage import migrate
from portfolio.storage.engine import make_engine

REV1 = Path(__file__).parents[2] / "fixtures" / "portfolios" / "revision-1.portfolio"
BEFORE = "20261203_0013"


def _indexes(path: Path) -> set[str]:
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'index'").fetchall()
    return {name for (name,) in rows}


def _file_at(path: Path, revision: str) -> None:
    shutil.copy2(REV1, path)
    engine = make_engine(path)
    try:
        migrate.upgrade_to(engine, revision)
    finally:
        engine.dispose()


def test_a_file_from_before_the_index_opens_and_gains_it(tmp_path: Path) -> None:
    path = tmp_path / "old.portfolio"
    _file_at(path, BEFORE)
    assert "ix_attachment_updated" not in _indexes(path)
    with Portfolio.open(path) as pf:
        assert pf.storage.schema_revision() == migrate.head_revision()
        (entry,) = pf.entries.list()
        assert pf.entries.get(entry.id).sections["action"] == "I checked the receipt"
        before = pf.coverage.report()
        added = pf.attachments.attach(entry_id=entry.id, data=b"A receipt.", filename="r.txt")
        assert pf.coverage.report() == pf.coverage.full_report()
        pf.attachments.remove(attachment_id=added.attachment.id)
        assert pf.coverage.report() == pf.coverage.full_report() == before
    assert "ix_attachment_updated" in _indexes(path)
    assert (tmp_path / f"old.portfolio.before-{migrate.head_revision()}.bak").exists()


def test_the_read_of_written_attachments_seeks_the_index(portfolio: Portfolio) -> None:
    with sqlite3.connect(portfolio.storage.path) as db:
        plan = db.execute(
            "EXPLAIN QUERY PLAN SELECT entry_id, updated_at FROM attachment "
            "WHERE updated_at >= '2026-12-03'"
        ).fetchall()
    assert any("ix_attachment_updated" in str(row[-1]) for row in plan), plan


def test_downgrade_takes_the_index_off(tmp_path: Path) -> None:
    path = tmp_path / "new.portfolio"
    _file_at(path, "head")
    assert "ix_attachment_updated" in _indexes(path)
    engine = make_engine(path)
    try:
        config = migrate._config()
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, BEFORE)
    finally:
        engine.dispose()
    assert "ix_attachment_updated" not in _indexes(path)
    with Portfolio.open(path) as pf:  # and it comes back on the next open
        assert pf.storage.schema_revision() == migrate.head_revision()
    assert "ix_attachment_updated" in _indexes(path)
