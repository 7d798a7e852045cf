"""Full disk, read-only file, busy file, drive errors: each becomes one plain sentence, and the
portfolio keeps everything it had (issue 8, part 5).

The errors come from real SQLite situations where one can be made on demand: a full disk is
``PRAGMA max_page_count`` pinned to the file's current size (SQLite then fails exactly as on a
full disk, with SQLITE_FULL), a read-only file is SQLite's ``mode=ro``, a busy file is a second
connection holding the write lock.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hostile_support import portfolio_digest
from reliability_figures import FIGURES
from sqlalchemy import Engine, event
from sqlalchemy.exc import IntegrityError, OperationalError

from portfolio.domain.entry_input import entry_input_from_json
from portfolio.errors import (
    DiskFullError,
    FileBusyError,
    NotAPortfolioError,
    PortfolioError,
    ReadOnlyError,
    ReadOnlyLocationError,
    StorageIOError,
)
from portfolio.services.portfolio import Portfolio
from portfolio.storage.errors import translate_sqlite_error
from portfolio.storage.file import PortfolioFile

BIG_TEXT = "The customer asked about a refund and I explained the policy calmly. " * 1400


def _sqlite_error(path: Path, sql: str, *, uri_mode: str = "rw", pages: int | None = None) -> Any:
    """Run ``sql`` on ``path`` and return the sqlite3 error it raises."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode={uri_mode}", uri=True, timeout=0)
    conn.isolation_level = None
    try:
        if pages is not None:
            conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(sqlite3.Error) as info:
            conn.execute(sql)
        return info.value
    finally:
        conn.close()


def _is_plain(error: PortfolioError, path: Path) -> None:
    message = str(error)
    assert path.name in message
    assert "\n" not in message
    assert "sqlite" not in message.lower()
    assert message.endswith(".")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "learner.portfolio"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE t (x BLOB)")
    conn.execute("INSERT INTO t VALUES (randomblob(10000))")
    conn.commit()
    conn.close()
    return path


def _page_count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA page_count").fetchone()[0])
    finally:
        conn.close()


# -- the translation of each SQLite failure -----------------------------------------------


def test_sqlite_full_becomes_disk_full_saying_nothing_else_was_lost(db: Path):
    exc = _sqlite_error(db, "INSERT INTO t VALUES (randomblob(200000))", pages=_page_count(db))
    assert exc.sqlite_errorname == "SQLITE_FULL"
    error = translate_sqlite_error(exc, db)
    assert isinstance(error, DiskFullError)
    assert str(error) == (
        "The disk is full, so your last change to learner.portfolio was not saved. "
        "Free some space and try again; nothing else was lost."
    )


def test_writing_a_read_only_file_becomes_read_only_location(db: Path):
    exc = _sqlite_error(db, "INSERT INTO t VALUES (1)", uri_mode="ro")
    assert exc.sqlite_errorname.startswith("SQLITE_READONLY")
    error = translate_sqlite_error(exc, db)
    assert isinstance(error, ReadOnlyLocationError)
    assert isinstance(error, ReadOnlyError)  # callers that handle read-only views still match
    _is_plain(error, db)
    assert "cannot be written to" in str(error)
    assert "not saved" in str(error)


def test_a_file_locked_by_another_program_becomes_busy(db: Path):
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        exc = _sqlite_error(db, "BEGIN IMMEDIATE")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert exc.sqlite_errorname == "SQLITE_BUSY"
    error = translate_sqlite_error(exc, db)
    assert isinstance(error, FileBusyError)
    _is_plain(error, db)
    assert "try again" in str(error)


def test_a_missing_folder_says_the_drive_may_be_disconnected(tmp_path: Path):
    gone = tmp_path / "usb-stick" / "learner.portfolio"
    with pytest.raises(sqlite3.OperationalError) as info:
        sqlite3.connect(f"{gone.as_uri()}?mode=rw", uri=True)
    error = translate_sqlite_error(info.value, gone)
    assert isinstance(error, StorageIOError)
    _is_plain(error, gone)
    assert "disconnected" in str(error)


def test_a_damaged_file_points_to_portfolio_check(db: Path):
    data = bytearray(db.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # the table's page
    db.write_bytes(bytes(data))
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    exc = _sqlite_error(db, "SELECT * FROM t")
    error = translate_sqlite_error(exc, db)
    assert isinstance(error, NotAPortfolioError)
    assert "portfolio check" in str(error)


@pytest.mark.parametrize(
    ("message", "code", "expected"),
    [
        ("disk I/O error", 10 | (3 << 8), StorageIOError),  # SQLITE_IOERR_WRITE
        ("disk I/O error", None, StorageIOError),  # sqlcipher3: a message, no code
        ("database or disk is full", None, DiskFullError),
        ("attempt to write a readonly database", None, ReadOnlyLocationError),
        ("database is locked", None, FileBusyError),
        ("database table is locked", None, FileBusyError),
        ("attempt to write a readonly database", 8 | (4 << 8), StorageIOError),  # DBMOVED
    ],
)
def test_each_failure_is_translated_from_its_code_or_its_message(
    tmp_path: Path, message: str, code: int | None, expected: type[PortfolioError]
):
    exc = sqlite3.OperationalError(message)
    if code is not None:
        exc.sqlite_errorcode = code  # type: ignore[attr-defined]
    path = tmp_path / "learner.portfolio"
    error = translate_sqlite_error(exc, path)
    assert type(error) is expected
    _is_plain(error, path)


def test_sqlalchemy_wrapping_and_exception_chains_are_seen_through(db: Path):
    exc = _sqlite_error(db, "INSERT INTO t VALUES (randomblob(200000))", pages=_page_count(db))
    wrapped = OperationalError("INSERT ...", {}, exc)
    assert isinstance(translate_sqlite_error(wrapped, db), DiskFullError)
    outer = RuntimeError("while saving the entry")
    outer.__cause__ = wrapped
    assert isinstance(translate_sqlite_error(outer, db), DiskFullError)


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (errno.ENOSPC, DiskFullError),
        (errno.EROFS, ReadOnlyLocationError),
        (errno.EACCES, ReadOnlyLocationError),
        (errno.EIO, StorageIOError),
    ],
)
def test_os_errors_from_sidecar_files_are_translated_too(
    tmp_path: Path, number: int, expected: type[PortfolioError]
):
    path = tmp_path / "learner.portfolio"
    error = translate_sqlite_error(OSError(number, "boom", f"{path}.lock"), path)
    assert type(error) is expected


def test_other_errors_are_left_alone(db: Path, tmp_path: Path):
    constraint = IntegrityError("INSERT", {}, sqlite3.IntegrityError("UNIQUE constraint failed"))
    assert translate_sqlite_error(constraint, db) is None
    assert translate_sqlite_error(ValueError("database is locked"), db) is None
    assert translate_sqlite_error(FileNotFoundError(errno.ENOENT, "gone"), db) is None
    assert translate_sqlite_error(DiskFullError("already plain"), db) is None


def test_opening_wording_does_not_speak_of_a_lost_change(db: Path):
    exc = _sqlite_error(db, "INSERT INTO t VALUES (randomblob(200000))", pages=_page_count(db))
    error = translate_sqlite_error(exc, db, opening=True)
    assert isinstance(error, DiskFullError)
    assert "could not be opened for writing" in str(error)
    assert "nothing in it was changed" in str(error)


# -- real portfolios ---------------------------------------------------------------------


@pytest.fixture
def full_disk() -> Iterator[None]:
    """Every new SQLite connection may not grow its file by a single page: a full disk."""

    def _pin(dbapi_conn: Any, _record: Any) -> None:
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(Engine, "connect", _pin)
    try:
        yield
    finally:
        event.remove(Engine, "connect", _pin)


def test_a_full_disk_refuses_a_big_entry_and_keeps_the_portfolio_intact(
    portfolio_file: Path, request: pytest.FixtureRequest
):
    with Portfolio.open(portfolio_file) as pf:
        kept = pf.entries.add(entry_input_from_json({"title": "Before the disk filled"})).value.id
    before = portfolio_digest(portfolio_file)
    request.getfixturevalue("full_disk")
    with Portfolio.open(portfolio_file) as pf:
        big = {"title": "Too big", **dict.fromkeys(("situation", "action", "result"), BIG_TEXT)}
        FIGURES.faults_injected += 1
        # PortfolioFile.write translates the failure itself (storage/errors.py).
        with pytest.raises(DiskFullError) as info:
            pf.entries.add(entry_input_from_json(big))
        error = info.value
        assert str(error).startswith("The disk is full, so your last change to learner.portfolio")
        assert [e.id for e in pf.entries.list()] == [kept]
    assert portfolio_digest(portfolio_file) == before
    with Portfolio.open(portfolio_file) as pf:
        assert pf.storage.integrity_problems() == []
    FIGURES.faults_survived += 1


def test_after_space_is_freed_the_same_save_succeeds(portfolio_file: Path):
    with Portfolio.open(portfolio_file) as pf:
        big = {"title": "Retry", "situation": BIG_TEXT, "reflection": BIG_TEXT}
        pf.entries.add(entry_input_from_json(big))
        assert pf.storage.integrity_problems() == []
        assert [e.title for e in pf.entries.list()] == ["Retry"]


def test_a_portfolio_opened_read_only_refuses_writes_and_stays_unchanged(portfolio_file: Path):
    before = portfolio_digest(portfolio_file)
    with Portfolio.open(portfolio_file, read_only=True) as pf:
        with pytest.raises(ReadOnlyError) as info:
            pf.entries.add(entry_input_from_json({"title": "Not allowed"}))
        _is_plain(info.value, portfolio_file)
        with pytest.raises(ReadOnlyError), pf.storage.write():
            pass
    assert portfolio_digest(portfolio_file) == before


def test_sqlite_refusing_a_write_on_a_read_only_handle_is_translated(portfolio_file: Path):
    """Below the app's own read-only flag: SQLite's mode=ro refuses, and the user is told why."""
    before = portfolio_digest(portfolio_file)
    storage = PortfolioFile.open(portfolio_file, read_only=True)
    try:
        with pytest.raises(Exception) as info, storage.read() as s:
            s.connection().exec_driver_sql("DELETE FROM entry")
        error = translate_sqlite_error(info.value, portfolio_file)
        assert isinstance(error, ReadOnlyLocationError)
        _is_plain(error, portfolio_file)
    finally:
        storage.close()
    assert portfolio_digest(portfolio_file) == before
