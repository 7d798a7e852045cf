"""PortfolioFile: open or create one *.portfolio file and hand out units of work.

``with pf.write() as session:`` commits on success and rolls back on any exception, so the file
never holds half an operation; ``with pf.read() as session:`` never takes the write lock.
Opening for writing takes the one-writer lock (storage/locking.py); a passphrase opens a
SQLCipher-encrypted file.
"""

from __future__ import annotations

import glob
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from portfolio import paths
from portfolio.errors import (
    NotAPortfolioError,
    PassphraseRequiredError,
    PortfolioError,
    PortfolioNotFoundError,
    ReadOnlyError,
    WrongPassphraseError,
)
from portfolio.files import is_special
from portfolio.storage import migrate
from portfolio.storage.engine import (
    APPLICATION_ID,
    BEGIN_OPTION,
    create_database,
    looks_encrypted,
    make_engine,
    read_application_id,
)
from portfolio.storage.errors import translate_sqlite_error
from portfolio.storage.locking import SharedWriterLock, acquire_writer_lock
from portfolio.storage.sidecars import remove_new_sidecars, sidecars_present
from portfolio.storage.suffix import SUFFIX

__all__ = ["SUFFIX", "PortfolioFile"]


class PortfolioFile:
    """The storage handle for one portfolio file. Create with ``create`` or ``open``."""

    def __init__(
        self,
        path: Path,
        engine: Engine,
        *,
        read_only: bool,
        passphrase: str | None = None,
        lock: SharedWriterLock | None = None,
    ) -> None:
        self.path = path
        self.read_only = read_only
        self._passphrase = passphrase
        self._lock = lock
        self._closed = False
        self._sidecars_before = True  # set by open(); True means "leave side files alone"
        # Counts units of work that may have written (see ``generation``).
        self._generation = 0
        self._bind(engine)

    def _bind(self, engine: Engine) -> None:
        self._generation += 1
        self._engine = engine
        self._write_sessions = sessionmaker(bind=engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(
            bind=engine.execution_options(**{BEGIN_OPTION: "DEFERRED"}), expire_on_commit=False
        )

    @property
    def encrypted(self) -> bool:
        return self._passphrase is not None

    @property
    def generation(self) -> int:
        """A number that changes after every write (and when the engine is replaced).

        While this file is open for writing it holds the writer lock, so every change to it
        comes through ``write()`` here: a result computed at one generation is still right
        while the generation is unchanged. It moves on only after a write has ended, so a
        result computed during a write is never taken for the newer state. Read-only opens do
        not hold the lock (the learner may be writing), so nothing may be cached on them.
        """
        return self._generation

    @property
    def passphrase(self) -> str | None:
        return self._passphrase

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, *, passphrase: str | None = None) -> PortfolioFile:
        """Create a new, empty portfolio at ``path`` (which must not exist)."""
        path = Path(path)
        if path.exists():
            raise PortfolioError(f"{path} already exists; choose another name.")
        if not path.parent.is_dir():
            raise PortfolioError(f"The folder {path.parent} does not exist.")
        if passphrase is not None and not passphrase:
            raise PortfolioError("A passphrase cannot be empty.")
        lock = acquire_writer_lock(path)
        try:
            create_database(path, passphrase=passphrase)
            engine = make_engine(path, passphrase=passphrase)
            migrate.upgrade_to_head(engine, path, backup=False)
        except BaseException:
            lock.release()
            _remove_with_sidecars(path)
            raise
        return cls(path, engine, read_only=False, passphrase=passphrase, lock=lock)

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        read_only: bool = False,
        passphrase: str | None = None,
        on_connect: Callable[[Any], None] | None = None,
    ) -> PortfolioFile:
        """Open an existing portfolio, migrating its schema if it is older than this app.

        ``on_connect`` runs on every new SQLite connection (storage/outside.py limits the
        connections to a file from someone else with it).

        Raises LockedError if another program has it open for writing (open it read-only
        instead), PassphraseRequiredError / WrongPassphraseError for encrypted files.
        """
        path = Path(path)
        if not path.exists():
            raise PortfolioNotFoundError(f"There is no file at {path}.")
        if path.is_dir():
            raise NotAPortfolioError(f"{path} is a folder, not a portfolio file.")
        special = is_special(path)
        if special is not None:
            raise NotAPortfolioError(f"{path.name} is {special}, not a portfolio file.")
        app_id = read_application_id(path)
        if app_id is None:
            if not looks_encrypted(path):
                raise NotAPortfolioError(
                    f"{path.name} is not a portfolio file (or it is damaged beyond reading)."
                )
            if not passphrase:
                raise PassphraseRequiredError(f"{path.name} is protected by a passphrase.")
        elif app_id != APPLICATION_ID:
            raise NotAPortfolioError(f"{path.name} is a database, but not one made by Portfolio.")
        else:
            passphrase = None  # a plain file: a passphrase given for it is simply not needed
        lock = None if read_only else acquire_writer_lock(path)
        if lock is not None:
            remove_leftover_temporaries(path)
        sidecars_before = sidecars_present(path)
        immutable = read_only and _on_read_only_drive(path)
        engine = make_engine(
            path,
            read_only=read_only,
            passphrase=passphrase,
            immutable=immutable,
            on_connect=on_connect,
        )
        try:
            if passphrase is not None:
                _check_passphrase(engine, path)
            _bring_up_to_date(engine, path, read_only=read_only, encrypted=passphrase is not None)
        except (DatabaseError, sqlite3.DatabaseError) as exc:
            _abandon(engine, lock, path, read_only=read_only, sidecars_before=sidecars_before)
            raise NotAPortfolioError(
                f"{path.name} could not be read: it looks damaged ({_sqlite_reason(exc)})."
            ) from exc
        except BaseException:
            _abandon(engine, lock, path, read_only=read_only, sidecars_before=sidecars_before)
            raise
        storage = cls(path, engine, read_only=read_only, passphrase=passphrase, lock=lock)
        storage._sidecars_before = sidecars_before
        return storage

    def close(self) -> None:
        """Checkpoint the WAL into the main file and release it (safe to call twice)."""
        if self._closed:
            return
        self._closed = True
        try:
            if not self.read_only:
                self.checkpoint()
            self._engine.dispose()
            if self.read_only:
                # Leave no -wal/-shm behind on a shared drive after only looking at a file.
                remove_new_sidecars(self.path, existed_before=self._sidecars_before)
        finally:
            if self._lock is not None:
                self._lock.release()

    def checkpoint(self) -> bool:
        """Copy the WAL into the main file and empty it; False if a reader prevented it."""
        # On a raw connection in autocommit mode: inside a transaction SQLite refuses it.
        raw = self._engine.raw_connection()
        try:
            conn = raw.driver_connection
            assert conn is not None
            busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            return not busy or busy[0] == 0
        except (sqlite3.OperationalError, DatabaseError):
            return False  # another connection holds the WAL; SQLite checkpoints later
        finally:
            raw.close()

    def dispose_engine(self) -> None:
        """Close every connection (before the file is replaced on disk)."""
        self._generation += 1
        self._engine.dispose()

    def rebind(self, *, passphrase: str | None) -> None:
        """Use a fresh engine after the file on disk was replaced (a passphrase change)."""
        self._engine.dispose()
        self._passphrase = passphrase
        self._bind(make_engine(self.path, read_only=self.read_only, passphrase=passphrase))

    @property
    def engine(self) -> Engine:
        return self._engine

    # -- units of work -------------------------------------------------------------------

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A read-write transaction: commit on success, roll back on any exception."""
        if self.read_only:
            raise ReadOnlyError(f"{self.path.name} is open read-only; changes cannot be saved.")
        try:
            with self._write_sessions() as session, session.begin():
                yield session
        except (OperationalError, DatabaseError) as exc:
            translated = translate_sqlite_error(exc, self.path)
            if translated is None:
                raise
            raise translated from exc
        finally:
            self._generation += 1  # after the commit (or rollback), never before it

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only transaction with a consistent snapshot."""
        with self._read_sessions() as session, session.begin():
            yield session

    def schema_revision(self) -> str | None:
        return migrate.current_revision(self._engine)

    def integrity_problems(self) -> list[str]:
        """SQLite's own integrity check plus the foreign-key check; empty when healthy.

        Each problem is one line; a file too damaged to check at all is one problem too.
        """
        try:
            with self._engine.connect() as conn:
                rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
                problems = [] if rows == ["ok"] else _one_line_each(rows)
                for row in conn.execute(text("PRAGMA foreign_key_check")).fetchall():
                    problems.append(f"broken reference in table {row[0]} (row {row[1]})")
                conn.rollback()
        except (DatabaseError, sqlite3.DatabaseError) as exc:
            return [f"the file is damaged ({_sqlite_reason(exc)})"]
        return problems


def remove_leftover_temporaries(path: Path) -> list[Path]:
    """Delete the half-written copies a killed process left beside ``path``: a re-keyed copy
    from a passphrase change (``.<name>.<id>.tmp``, perhaps a plain copy of a protected file),
    a restore in progress, a backup being written. Only called with the write lock held, so
    no living process is writing any of them."""
    found = [
        *path.parent.glob(f".{glob.escape(path.name)}.*.tmp"),
        *path.parent.glob(f".{glob.escape(path.name)}.*.tmp-*"),  # -wal, -shm, -journal
        *path.with_name(f"{path.stem} backups").glob(".*.portfolio.tmp"),
    ]
    removed = []
    for leftover in found:
        try:
            if leftover.is_file():
                leftover.unlink()
                removed.append(leftover)
        except OSError:
            continue  # read-only or busy: harmless, tried again next time
    return removed


def _abandon(
    engine: Engine,
    lock: SharedWriterLock | None,
    path: Path,
    *,
    read_only: bool,
    sidecars_before: bool,
) -> None:
    """Undo a failed open: connections closed, lock released, no side files left behind."""
    engine.dispose()
    if lock is not None:
        lock.release()
    if read_only:
        remove_new_sidecars(path, existed_before=sidecars_before)


def _on_read_only_drive(path: Path) -> bool:
    """True when SQLite could not create its WAL index beside the file, and no WAL is pending
    (a pending WAL holds committed changes: then the file must be opened where it can be
    written, rather than read without them)."""
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return False
    if Path(f"{path}-shm").exists():
        return False
    return not os.access(path.parent, os.W_OK) or _cannot_create_in(path.parent)


def _cannot_create_in(folder: Path) -> bool:
    # os.access says yes to root even on a read-only mount; trying is the only sure test.
    probe = folder / f".portfolio-probe-{os.getpid()}"
    try:
        probe.touch(exist_ok=False)
    except FileExistsError:
        return False
    except OSError:
        return True
    probe.unlink(missing_ok=True)
    return False


def _check_passphrase(engine: Engine, path: Path) -> None:
    try:
        with engine.connect() as conn:
            app_id = conn.exec_driver_sql("PRAGMA application_id").scalar()
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
    except DatabaseError:
        raise WrongPassphraseError(
            f"That passphrase does not open {path.name}. Check it (capitals count) and try again."
        ) from None
    if app_id != APPLICATION_ID:
        raise NotAPortfolioError(f"{path.name} is a database, but not one made by Portfolio.")


def _bring_up_to_date(engine: Engine, path: Path, *, read_only: bool, encrypted: bool) -> None:
    if not read_only:
        # The copy kept before a migration is a backup too: none of a plain file in
        # shared-machine mode (see storage/backup.py).
        migrate.upgrade_to_head(engine, path, backup=encrypted or not paths.shared_machine_mode())
        return
    current = migrate.current_revision(engine)
    if current == migrate.head_revision():
        return
    if current in migrate.known_revisions():
        raise ReadOnlyError(
            f"{path.name} was saved by an older version of Portfolio and must be opened for "
            "writing once to update it."
        )
    migrate.upgrade_to_head(engine, path)  # raises NewerVersionError for unknown revisions


def _one_line_each(rows: list[str]) -> list[str]:
    """SQLite may put several findings, and a header, into one integrity_check row."""
    lines = (line.strip() for row in rows for line in str(row).splitlines())
    return [line for line in lines if line and not line.startswith("***")]


def _sqlite_reason(exc: BaseException) -> str:
    message = str(getattr(exc, "orig", exc)) or exc.__class__.__name__
    return message.splitlines()[0]


def _remove_with_sidecars(path: Path) -> None:
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        candidate.unlink(missing_ok=True)
