"""Migration 20261204_0015: the search index is rebuilt with one- and two-letter prefix indexes;
an old file opens with every entry still found, its triggers keep the index in step, and a
downgrade gives back the index without them."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from alembic import command

from portfolio.services.portfolio import Portfolio
from portfolio.storage import migrate
from portfolio.storage.engine import make_engine

REV1 = Path(__file__).parents[2] / "fixtures" / "portfolios" / "revision-1.portfolio"
BEFORE = "20261203_0014"


def _index_sql(path: Path) -> str:
    with sqlite3.connect(path) as db:
        (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE name = 'entry_fts'").fetchone()
    return str(sql)


def _file_at(path: Path, revision: str) -> None:
    shutil.copy2(REV1, path)
    engine = make_engine(path)
    try:
        migrate.upgrade_to(engine, revision)
    finally:
        engine.dispose()


def test_an_old_file_opens_with_every_entry_found_by_its_first_letters(tmp_path: Path) -> None:
    path = tmp_path / "old.portfolio"
    _file_at(path, BEFORE)
    assert "prefix" not in _index_sql(path)
    with Portfolio.open(path) as pf:
        assert pf.storage.schema_revision() == migrate.head_revision()
        (entry,) = pf.entries.list()
        assert pf.entries.search("refund") == [entry.id]
        assert pf.entries.search("r") == pf.entries.search("re") == [entry.id]
        assert pf.entries.search("receipt") == [entry.id]  # a section's text, not the title
        added = pf.entries.add(title="Greeted a visitor").value
        assert pf.entries.search("gr") == [added.id]
        pf.entries.update(entry_id=added.id, title="Welcomed a visitor")
        assert pf.entries.search("gr") == []
        assert pf.entries.search("we") == [added.id]
        pf.entries.delete(added.id)
        pf.entries.purge_deleted()
        assert pf.entries.search("we") == []
    assert "prefix = '1 2'" in _index_sql(path)
    assert (tmp_path / f"old.portfolio.before-{migrate.head_revision()}.bak").exists()


def test_downgrade_rebuilds_the_index_without_prefixes(tmp_path: Path) -> None:
    path = tmp_path / "old.portfolio"
    _file_at(path, "head")
    engine = make_engine(path)
    try:
        with engine.begin() as connection:
            config = migrate._config()
            config.attributes["connection"] = connection
            command.downgrade(config, BEFORE)
    finally:
        engine.dispose()
    assert "prefix" not in _index_sql(path)
    with sqlite3.connect(path) as db:
        (hits,) = db.execute(
            "SELECT count(*) FROM entry_fts WHERE entry_fts MATCH 'refund'"
        ).fetchone()
    assert hits == 1
