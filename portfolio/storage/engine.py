"""One SQLAlchemy engine per portfolio file, with the SQLite settings that keep it safe.

- WAL journal and ``synchronous=FULL``: with WAL, NORMAL can lose the last commits on power loss.
- SQLAlchemy's "transactional DDL" recipe (pysqlite autocommit off, our own BEGIN): without it a
  migration that fails halfway leaves the file half-migrated (STYLE.md section 8).
- Write transactions start with ``BEGIN IMMEDIATE`` so they take the write lock up front instead
  of failing halfway; read transactions use a plain deferred BEGIN and never block writers.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from portfolio.errors import PortfolioError
from portfolio.files import open_regular

# Written into the SQLite header (PRAGMA application_id) so a portfolio can be told apart from
# any other SQLite file by its first 100 bytes. "PFL1" in ASCII.
APPLICATION_ID = 0x50464C31

BEGIN_OPTION = "portfolio_begin"


def make_engine(
    path: Path,
    *,
    read_only: bool = False,
    passphrase: str | None = None,
    immutable: bool = False,
    on_connect: Callable[[Any], None] | None = None,
) -> Engine:
    """Create the engine for ``path``.

    ``read_only`` opens the file with SQLite's mode=ro (``immutable`` for a read-only drive).
    ``passphrase`` opens a SQLCipher 4 encrypted file (the whole file, WAL included, is
    encrypted).

    Connections are pooled (two kept, more opened when sessions overlap, never a wait): a new
    SQLite connection runs the PRAGMAs below, parses the schema and starts with an empty page
    cache, which cost a few milliseconds on every unit of work and made every coverage report
    read its pages from the operating system again (benchmarks/run.py); for SQLCipher each new
    connection also pays for the deliberately slow key derivation. ``PortfolioFile.close`` and
    ``dispose_engine`` close them all.
    """
    uri = f"{path.resolve().as_uri()}?mode={'ro' if read_only else 'rw'}"
    if immutable:
        # For a file on a read-only drive: SQLite cannot create the WAL index (-shm) there, and
        # promises it will not change, so no locking is needed. Only safe with no pending WAL.
        uri += "&immutable=1"
    if passphrase is None:

        def connect() -> Any:
            # check_same_thread=False: sessions run on the app's writer thread as well as the GUI
            # thread; each connection is used by one session at a time.
            return sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=5.0)

        engine = create_engine(
            "sqlite://", creator=connect, poolclass=QueuePool, pool_size=2, max_overflow=-1
        )
    else:
        sqlcipher = _sqlcipher()

        def connect() -> Any:
            conn = sqlcipher.connect(uri, uri=True, check_same_thread=False, timeout=5.0)
            conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our error to report
            # Wipe freed memory and lock key material in RAM (off by default since 4.5).
            conn.execute("PRAGMA cipher_memory_security = ON")
            return conn

        # The pysqlcipher dialect issues PRAGMA key (safely quoted) from the URL's password on
        # every new connection, before anything else touches the file.
        url = URL.create("sqlite+pysqlcipher", password=passphrase)
        engine = create_engine(
            url, creator=connect, poolclass=QueuePool, pool_size=2, max_overflow=-1
        )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (see module docstring)
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        if not read_only:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()
        if on_connect is not None:
            on_connect(dbapi_conn)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        default = "DEFERRED" if read_only else "IMMEDIATE"
        mode = conn.get_execution_options().get(BEGIN_OPTION, default)
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def _sqlcipher() -> Any:
    try:
        import sqlcipher3
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise PortfolioError(
            "Passphrase-protected portfolios need the sqlcipher3 package, which is missing."
        ) from exc
    return sqlcipher3


def create_database(path: Path, *, passphrase: str | None = None) -> None:
    """Create an empty file marked as a portfolio (the schema comes from migrations)."""
    if passphrase is None:
        conn = sqlite3.connect(path)
    else:
        conn = _sqlcipher().connect(str(path))
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute("PRAGMA cipher_memory_security = ON")
        conn.execute(f"PRAGMA key = {quote_text(passphrase)}")
    try:
        conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.commit()
    finally:
        conn.close()


def quote_text(value: str) -> str:
    """A SQL string literal (PRAGMA and ATTACH ... KEY take no bound parameters)."""
    return "'" + value.replace("'", "''") + "'"


def looks_encrypted(path: Path) -> bool:
    """True if the file could be a SQLCipher database: no SQLite header, whole 4 KiB pages.

    SQLCipher files start with a random salt, so this is a guess that the passphrase confirms.
    """
    try:
        size = path.stat().st_size
        with open_regular(path) as handle:
            header = handle.read(16)
    except OSError:
        return False
    return size >= 4096 and size % 1024 == 0 and header != b"SQLite format 3\x00"


def read_application_id(path: Path) -> int | None:
    """The application id from the SQLite header, or None if the file is not SQLite at all."""
    try:
        with open_regular(path) as handle:
            header = handle.read(100)
    except OSError:
        return None
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        return None
    return int.from_bytes(header[68:72], "big")
