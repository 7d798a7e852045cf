"""Migration 20261204_0015: the search index is rebuilt with one- and two-letter prefix indexes;
an old file opens with every entry still found, its triggers keep the index in step, and a
downgrade gives back the index without them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.helpers.migrations import downgrade, file_at, opened_migrated

BEFORE = "20261203_0014"


def _index_sql(path: Path) -> str:
    with sqlite3.connect(path) as db:
        (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE name = 'entry_fts'").fetchone()
    return str(sql)


def test_an_old_file_opens_with_every_entry_found_by_its_first_letters(tmp_path: Path) -> None:
    path = tmp_path / "old.portfolio"
    file_at(path, BEFORE)
    assert "prefix" not in _index_sql(path)
    with opened_migrated(path) as pf:
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


def test_downgrade_rebuilds_the_index_without_prefixes(tmp_path: Path) -> None:
    path = tmp_path / "old.portfolio"
    file_at(path, "head")
    downgrade(path, BEFORE)
    assert "prefix" not in _index_sql(path)
    with sqlite3.connect(path) as db:
        (hits,) = db.execute(
            "SELECT count(*) FROM entry_fts WHERE entry_fts MATCH 'refund'"
        ).fetchone()
    assert hits == 1
