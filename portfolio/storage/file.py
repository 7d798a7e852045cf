"""PortfolioFile: open or create one *.portfolio file and hand out units of work.

``with pf.write() as session:`` commits on success and rolls back on any exception, so the file
never holds half an operation; ``with pf.read() as session:`` never takes the write lock.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from portfolio.errors import (
    NotAPortfolioError,
    PortfolioError,
    PortfolioNotFoundError,
    ReadOnlyError,
)
from portfolio.storage import migrate
from portfolio.storage.engine import (
    APPLICATION_ID,
    BEGIN_OPTION,
    create_database,
    make_engine,
    read_application_id,
)

SUFFIX = ".portfolio"


class PortfolioFile:
    """The storage handle for one portfolio file. Create with ``create`` or ``open``."""

    def __init__(self, path: Path, engine: Engine, *, read_only: bool) -> None:
        self.path = path
        self.read_only = read_only
        self._engine = engine
        self._write_sessions = sessionmaker(bind=engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(
            bind=engine.execution_options(**{BEGIN_OPTION: "DEFERRED"}), expire_on_commit=False
        )

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path) -> PortfolioFile:
        """Create a new, empty portfolio at ``path`` (which must not exist)."""
        path = Path(path)
        if path.exists():
            raise PortfolioError(f"{path} already exists; choose another name.")
        if not path.parent.is_dir():
            raise PortfolioError(f"The folder {path.parent} does not exist.")
        try:
            create_database(path)
            engine = make_engine(path)
            migrate.upgrade_to_head(engine, path, backup=False)
        except BaseException:
            _remove_with_sidecars(path)
            raise
        return cls(path, engine, read_only=False)

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False) -> PortfolioFile:
        """Open an existing portfolio, migrating its schema if it is older than this app."""
        path = Path(path)
        if not path.exists():
            raise PortfolioNotFoundError(f"There is no file at {path}.")
        if path.is_dir():
            raise NotAPortfolioError(f"{path} is a folder, not a portfolio file.")
        app_id = read_application_id(path)
        if app_id is None:
            raise NotAPortfolioError(
                f"{path.name} is not a portfolio file (or it is damaged beyond reading)."
            )
        if app_id != APPLICATION_ID:
            raise NotAPortfolioError(f"{path.name} is a database, but not one made by Portfolio.")
        engine = make_engine(path, read_only=read_only)
        try:
            if read_only:
                current = migrate.current_revision(engine)
                if current != migrate.head_revision():
                    if current in migrate.known_revisions():
                        raise ReadOnlyError(
                            f"{path.name} was saved by an older version of Portfolio and must "
                            "be opened for writing once to update it."
                        )
                    migrate.upgrade_to_head(engine, path)  # raises NewerVersionError
            else:
                migrate.upgrade_to_head(engine, path)
        except (DatabaseError, sqlite3.DatabaseError) as exc:
            engine.dispose()
            raise NotAPortfolioError(
                f"{path.name} could not be read: it looks damaged ({_sqlite_reason(exc)})."
            ) from exc
        except BaseException:
            engine.dispose()
            raise
        return cls(path, engine, read_only=read_only)

    def close(self) -> None:
        """Checkpoint the WAL into the main file and release it (safe to call twice)."""
        if not self.read_only:
            try:
                with self._engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            except OperationalError:
                pass  # another reader holds the WAL; SQLite will checkpoint later
        self._engine.dispose()

    # -- units of work -------------------------------------------------------------------

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A read-write transaction: commit on success, roll back on any exception."""
        if self.read_only:
            raise ReadOnlyError(f"{self.path.name} is open read-only; changes cannot be saved.")
        with self._write_sessions() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only transaction with a consistent snapshot."""
        with self._read_sessions() as session, session.begin():
            yield session

    def schema_revision(self) -> str | None:
        return migrate.current_revision(self._engine)

    def integrity_problems(self) -> list[str]:
        """SQLite's own integrity check plus the foreign-key check; empty when healthy."""
        with self._engine.connect() as conn:
            rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
            problems = [] if rows == ["ok"] else rows
            for row in conn.execute(text("PRAGMA foreign_key_check")).fetchall():
                problems.append(f"broken reference in table {row[0]} (row {row[1]})")
            conn.rollback()
        return problems


def _sqlite_reason(exc: BaseException) -> str:
    message = str(getattr(exc, "orig", exc)) or exc.__class__.__name__
    return message.splitlines()[0]


def _remove_with_sidecars(path: Path) -> None:
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        candidate.unlink(missing_ok=True)
