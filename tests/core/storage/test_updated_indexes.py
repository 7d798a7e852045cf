"""Migrations 20261203_0013 and _0014: the indexes coverage reads after a write (entries and
attachments written since its last report) are added to old files on open, used by those reads,
and taken off on downgrade (and come back on the next open)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from portfolio.services.portfolio import Portfolio
from portfolio.storage import migrate
from tests.helpers.migrations import downgrade, file_at, opened_migrated

ENTRY = ("ix_entry_updated", "20261203_0012")  # the index, and the revision before it
ATTACHMENT = ("ix_attachment_updated", "20261203_0013")
INDEXES = [
    pytest.param(*ENTRY, "SELECT id FROM entry WHERE updated_at >= '2026-12-03'", id="entry"),
    pytest.param(
        *ATTACHMENT,
        "SELECT entry_id, updated_at FROM attachment WHERE updated_at >= '2026-12-03'",
        id="attachment",
    ),
]


def _indexes(path: Path) -> set[str]:
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'index'").fetchall()
    return {name for (name,) in rows}


@contextmanager
def _opened_from_before(tmp_path: Path, index: str, before: str) -> Iterator[Portfolio]:
    """A file at the revision before ``index``, opened as the app opens it (migrated to the
    head, a backup kept); the index is there once it is closed again."""
    path = tmp_path / "old.portfolio"
    file_at(path, before)
    assert index not in _indexes(path)
    with opened_migrated(path) as pf:
        yield pf
    assert index in _indexes(path)


def _the_one_entry(pf: Portfolio) -> str:
    """The fixture file's one entry, read whole after the migration; its id."""
    (entry,) = pf.entries.list()
    assert pf.entries.get(entry.id).sections["action"] == "I checked the receipt"
    return entry.id


def test_a_file_from_before_the_entry_index_opens_and_gains_it(tmp_path: Path) -> None:
    with _opened_from_before(tmp_path, *ENTRY) as pf:
        entry_id = _the_one_entry(pf)
        before = pf.coverage.report()
        assert before.criterion("mini.u1.lo1.ac1").entry_refs == ("E1",)
        pf.tagging.untag(entry_id=entry_id, criterion="mini.u1.lo1.ac1")
        after = pf.coverage.report()  # kept, updated from the entry found through the index
        assert after.criterion("mini.u1.lo1.ac1").entry_refs == ()
        assert after == pf.coverage.full_report()


def test_a_file_from_before_the_attachment_index_opens_and_gains_it(tmp_path: Path) -> None:
    with _opened_from_before(tmp_path, *ATTACHMENT) as pf:
        entry_id = _the_one_entry(pf)
        before = pf.coverage.report()
        added = pf.attachments.attach(entry_id=entry_id, data=b"A receipt.", filename="r.txt")
        assert pf.coverage.report() == pf.coverage.full_report()
        pf.attachments.remove(attachment_id=added.attachment.id)
        assert pf.coverage.report() == pf.coverage.full_report() == before


@pytest.mark.parametrize(("index", "before", "read"), INDEXES)
def test_the_read_of_written_rows_seeks_the_index(
    portfolio: Portfolio, index: str, before: str, read: str
) -> None:
    with sqlite3.connect(portfolio.storage.path) as db:
        plan = db.execute(f"EXPLAIN QUERY PLAN {read}").fetchall()
    assert any(index in str(row[-1]) for row in plan), plan


@pytest.mark.parametrize(("index", "before", "read"), INDEXES)
def test_downgrade_takes_the_index_off(tmp_path: Path, index: str, before: str, read: str) -> None:
    path = tmp_path / "new.portfolio"
    file_at(path, "head")
    assert index in _indexes(path)
    downgrade(path, before)
    assert index not in _indexes(path)
    with Portfolio.open(path) as pf:  # and it comes back on the next open
        assert pf.storage.schema_revision() == migrate.head_revision()
    assert index in _indexes(path)
