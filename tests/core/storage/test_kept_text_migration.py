"""Migration 20261205_0016: the learner's kept list (words that are not personal). A file from
before it opens with an empty list that then works; a downgrade takes the table away and the
file opens again (and gains it again) in this version."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.helpers.migrations import downgrade, file_at, opened_migrated

BEFORE = "20261204_0015"


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {name for (name,) in rows}


def test_an_old_file_opens_with_an_empty_kept_list_that_works(tmp_path: Path) -> None:
    path = tmp_path / "old.portfolio"
    file_at(path, BEFORE)
    assert "kept_text" not in _tables(path)
    with opened_migrated(path) as pf:
        (entry,) = pf.entries.list()
        assert pf.learner.kept() == []
        pf.learner.add_kept("Kipling")
        result = pf.attachments.attach(
            entry_id=entry.id, data=b"Ask Mr Kipling about it.", filename="a.txt"
        )
        assert b"Mr Kipling" in pf.attachments.read(result.attachment.id)
    assert "kept_text" in _tables(path)


def test_downgrade_drops_the_kept_list_and_the_file_opens_again(tmp_path: Path) -> None:
    path = tmp_path / "new.portfolio"
    file_at(path, "head")
    with sqlite3.connect(path) as db:
        db.execute(
            "INSERT INTO kept_text (id, text, text_key, created_at, updated_at) "
            "VALUES ('k1', 'Kipling', 'kipling', '2026-12-05', '2026-12-05')"
        )
    downgrade(path, BEFORE)
    assert "kept_text" not in _tables(path)
    with opened_migrated(path) as pf:
        assert pf.learner.kept() == []
        assert len(pf.entries.list()) == 1
