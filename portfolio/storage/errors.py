"""Turn SQLite's failures (full disk, read-only place, busy file, drive errors) into one plain
sentence the learner can act on.

SQLite reports these as ``OperationalError`` with terse texts such as "database or disk is full"
(SQLITE_FULL) or "attempt to write a readonly database" (SQLITE_READONLY). SQLite rolls the failed
transaction back itself, so the only thing lost is the change that was being saved, and the
message says exactly that (issue 8, "Full disk and read-only location"). ``PortfolioFile.write``
calls ``translate_sqlite_error`` on whatever escapes a unit of work.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from portfolio.errors import (
    DiskFullError,
    FileBusyError,
    NotAPortfolioError,
    PortfolioError,
    ReadOnlyLocationError,
    StorageIOError,
)

# SQLite primary result codes (https://sqlite.org/rescode.html); an extended code keeps the
# primary one in its low byte.
SQLITE_READONLY = 8
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26
SQLITE_READONLY_DBMOVED = SQLITE_READONLY | (4 << 8)

# sqlcipher3 and older Pythons give no error code, only SQLite's message.
_MESSAGES: tuple[tuple[str, int], ...] = (
    ("database or disk is full", SQLITE_FULL),
    ("readonly database", SQLITE_READONLY),
    ("read-only database", SQLITE_READONLY),
    ("database is locked", SQLITE_BUSY),
    ("table is locked", SQLITE_LOCKED),
    ("schema is locked", SQLITE_LOCKED),
    ("disk i/o error", SQLITE_IOERR),
    ("unable to open database file", SQLITE_CANTOPEN),
    ("database disk image is malformed", SQLITE_CORRUPT),
    ("file is not a database", SQLITE_NOTADB),
)
_OS_ERRORS = {
    errno.ENOSPC: SQLITE_FULL,
    errno.EDQUOT: SQLITE_FULL,
    errno.EFBIG: SQLITE_FULL,
    errno.EROFS: SQLITE_READONLY,
    errno.EACCES: SQLITE_READONLY,
    errno.EPERM: SQLITE_READONLY,
    errno.EIO: SQLITE_IOERR,
}
_DRIVER_MODULES = frozenset({"sqlite3", "sqlcipher3", "pysqlcipher3", "sqlalchemy"})


def translate_sqlite_error(
    exc: BaseException, path: Path | str, *, opening: bool = False
) -> PortfolioError | None:
    """The user-facing error for a storage failure of the portfolio at ``path``, or None.

    ``exc`` may be a ``sqlite3`` (or ``sqlcipher3``) error, SQLAlchemy's wrapper of one, or an
    ``OSError``; the whole ``__cause__`` / ``__context__`` chain is searched. ``opening`` words
    the message for a failure while opening the file rather than while saving a change.

    Returns:
        DiskFullError, ReadOnlyLocationError, FileBusyError, StorageIOError or
        NotAPortfolioError (damaged file), each one plain sentence naming the file; None when
        ``exc`` is not one of these storage failures (including when it is a PortfolioError
        already, which needs no translation).
    """
    if isinstance(exc, PortfolioError):
        return None
    name = Path(path).name
    for cause in _chain(exc):
        code = _code(cause)
        if code is not None:
            return _error_for(code, name, Path(path), opening=opening)
    return None


def _chain(exc: BaseException) -> list[BaseException]:
    """``exc``, the DB-API error SQLAlchemy wraps, and every cause and context, once each."""
    found: list[BaseException] = []
    pending: list[BaseException | None] = [exc]
    while pending:
        current = pending.pop(0)
        if current is None or any(current is seen for seen in found):
            continue
        found.append(current)
        orig = getattr(current, "orig", None)
        pending.extend(
            [
                orig if isinstance(orig, BaseException) else None,
                current.__cause__,
                current.__context__,
            ]
        )
    return found


def _code(exc: BaseException) -> int | None:
    """The SQLite result code ``exc`` stands for, or None if it is no storage failure."""
    if isinstance(exc, OSError):
        return _OS_ERRORS.get(exc.errno) if exc.errno is not None else None
    raw = getattr(exc, "sqlite_errorcode", None)
    if not _from_driver(exc):
        return None
    if isinstance(raw, int) and raw:
        return raw if _known(raw) else None
    text = str(exc).lower()
    for fragment, code in _MESSAGES:
        if fragment in text:
            return code
    return None


def _known(code: int) -> bool:
    return code & 0xFF in {
        SQLITE_READONLY,
        SQLITE_BUSY,
        SQLITE_LOCKED,
        SQLITE_IOERR,
        SQLITE_CORRUPT,
        SQLITE_FULL,
        SQLITE_CANTOPEN,
        SQLITE_NOTADB,
    }


def _from_driver(exc: BaseException) -> bool:
    return any(cls.__module__.split(".")[0] in _DRIVER_MODULES for cls in type(exc).__mro__)


def _error_for(code: int, name: str, path: Path, *, opening: bool) -> PortfolioError:
    lost = (
        f"so {name} could not be opened for writing"
        if opening
        else f"so your last change to {name} was not saved"
    )
    rest = "nothing in it was changed" if opening else "nothing else was lost"
    primary = code & 0xFF
    if primary == SQLITE_FULL:
        return DiskFullError(f"The disk is full, {lost}. Free some space and try again; {rest}.")
    if code == SQLITE_READONLY_DBMOVED:
        return StorageIOError(
            f"{name} was moved or deleted while it was open, {lost}. "
            f"Open it again from where it is now; {rest}."
        )
    if primary == SQLITE_CANTOPEN and not path.parent.is_dir():
        return StorageIOError(
            f"The folder holding {name} can no longer be found (was a USB stick or network "
            f"drive disconnected?), {lost}. Reconnect it and try again; {rest}."
        )
    if primary == SQLITE_READONLY or (primary == SQLITE_CANTOPEN and not _writable(path)):
        return ReadOnlyLocationError(
            f"{name} is on a drive or in a folder that cannot be written to, {lost}. "
            f"Save a copy somewhere you can write to, such as your Documents folder; {rest}."
        )
    if primary in (SQLITE_BUSY, SQLITE_LOCKED):
        return FileBusyError(
            f"{name} is busy (another program is using it), {lost}. "
            f"Wait a moment and try again; {rest}."
        )
    if primary in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return NotAPortfolioError(
            f"{name} looks damaged, {lost}. "
            f"Run 'portfolio check {name}' to find the newest good backup."
        )
    return StorageIOError(
        f"The drive holding {name} reported an error, {lost}. If it is a USB stick or a network "
        f"drive, check it is still connected and try again; {rest}."
    )


def _writable(path: Path) -> bool:
    """Whether the file and its folder (SQLite creates its -wal and -shm files there) can be
    written to."""
    folder = path.parent
    if path.exists() and not os.access(path, os.W_OK):
        return False
    return os.access(folder, os.W_OK)
