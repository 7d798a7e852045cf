"""One SQLAlchemy engine per portfolio file, with the SQLite settings that keep it safe.

- WAL journal and ``synchronous=FULL``: with WAL, NORMAL can lose the last commits on power loss.
- SQLAlchemy's "transactional DDL" recipe (pysqlite autocommit off, our own BEGIN): without it a
  migration that fails halfway leaves the file half-migrated (STYLE.md section 8).
- Write transactions start with ``BEGIN IMMEDIATE`` so they take the write lock up front instead
  of failing halfway; read transactions use a plain deferred BEGIN and never block writers.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool

# Written into the SQLite header (PRAGMA application_id) so a portfolio can be told apart from
# any other SQLite file by its first 100 bytes. "PFL1" in ASCII.
APPLICATION_ID = 0x50464C31

BEGIN_OPTION = "portfolio_begin"


def make_engine(path: Path, *, read_only: bool = False) -> Engine:
    """Create the engine for ``path``; ``read_only`` opens the file with SQLite's mode=ro."""
    uri = path.resolve().as_uri()
    mode = "ro" if read_only else "rw"

    def connect() -> sqlite3.Connection:
        # check_same_thread=False: sessions are used from the app's single writer thread, which
        # is not the thread that created the pool; SQLAlchemy serialises use per connection.
        return sqlite3.connect(f"{uri}?mode={mode}", uri=True, check_same_thread=False, timeout=5.0)

    engine = create_engine("sqlite://", creator=connect, poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (see module docstring)
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        if not read_only:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get(
            BEGIN_OPTION, "DEFERRED" if read_only else "IMMEDIATE"
        )
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def create_database(path: Path) -> None:
    """Create an empty SQLite file marked as a portfolio (the schema comes from migrations)."""
    conn = sqlite3.connect(path)
    try:
        conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.commit()
    finally:
        conn.close()


def read_application_id(path: Path) -> int | None:
    """The application id from the SQLite header, or None if the file is not SQLite at all."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError:
        return None
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        return None
    return int.from_bytes(header[68:72], "big")
