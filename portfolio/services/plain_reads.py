"""Read-only commands without SQLAlchemy: `portfolio entry list` read with the standard library.

Importing SQLAlchemy and declaring the storage models costs about 0.35 s of CPU, more than the
whole budget of a 1,000-entry `entry list --json` (issue #17: 0.3 s as a whole process). So when
the file is a plain (not passphrase-protected) portfolio already at this version's schema, it is
opened read-only through ``sqlite3`` and read in one read transaction with the SAME statements
and row mappings the session path uses (``services.records.entry_summaries`` and
``entry_writings`` take either driver's ``execute``); a test holds both outputs byte-identical.

Anything else returns None and the caller takes the ordinary path (``Portfolio.open``), which
migrates, refuses or explains the problem in its own words, exactly as before: a missing or
special file, a folder, a file that is not a portfolio, a protected one, an older or newer
schema, a file without exactly one learner, a read-only drive, or any SQLite error (locked past
the same five-second wait, damaged). Like the ordinary read-only open it leaves no ``-wal`` or
``-shm`` file behind that was not there before (storage/sidecars.py). Like quick_suggest.py,
this is a service: only services open the database. ``read_current`` is the opener every plain
read shares: `portfolio export` and `export --check` read through it too
(services/plain_export.py).
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import NamedTuple, TypeVar

from portfolio.domain.dto import EntrySummary
from portfolio.files import open_regular
from portfolio.services import records
from portfolio.storage.revisions import head_revision
from portfolio.storage.sidecars import remove_new_sidecars, sidecars_present

T = TypeVar("T")

# storage.engine.APPLICATION_ID ("PFL1"): a test keeps the two equal (that module imports
# SQLAlchemy).
APPLICATION_ID = 0x50464C31
_SQLITE_HEADER = b"SQLite format 3\x00"
# The ordinary path's busy wait (storage.engine: timeout=5.0, busy_timeout=5000).
_BUSY_SECONDS = 5.0


class EntryListing(NamedTuple):
    """What `entry list` prints: the entries, and (for --json) each one's model and sections."""

    entries: list[EntrySummary]
    writing: dict[str, tuple[str, dict[str, str]]]


def entry_listing(path: Path, *, binned: bool, with_writing: bool) -> EntryListing | None:
    """The entries of ``path`` as ``EntryService.list(binned=...)`` and ``writing()`` give them,
    or None when the ordinary path must open the file."""

    def read(db: sqlite3.Connection) -> EntryListing:
        entries = records.entry_summaries(db.execute, binned=binned)
        writing = records.entry_writings(db.execute) if with_writing else {}
        return EntryListing(entries, writing)

    return read_current(path, read)


def read_current(path: Path, reader: Callable[[sqlite3.Connection], T]) -> T | None:
    """``reader`` run on ``path`` opened read-only, in one read transaction, when it is a plain
    portfolio at this version's schema; None (nothing read, nothing left behind) otherwise."""
    if not _plain_portfolio(path):
        return None
    existed = sidecars_present(path)
    try:
        connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=_BUSY_SECONDS
        )
    except (OSError, sqlite3.Error):
        return None
    try:
        with closing(connection) as db:
            db.isolation_level = None  # our own BEGIN: one snapshot for every statement
            db.execute("BEGIN DEFERRED")
            if not _current(db):
                return None
            return reader(db)
    except (sqlite3.Error, ValueError, TypeError):
        return None  # locked, damaged or odd: the ordinary path says what is wrong
    finally:
        remove_new_sidecars(path, existed_before=existed)


def _plain_portfolio(path: Path) -> bool:
    """A regular file with Portfolio's SQLite header, in a folder SQLite can write its side
    files to (a read-only drive is opened ``immutable`` by the ordinary path)."""
    try:
        if not stat.S_ISREG(path.stat().st_mode) or not os.access(path.parent, os.W_OK):
            return False
        with open_regular(path) as handle:
            header = handle.read(100)
    except (OSError, ValueError):
        return False
    return (
        len(header) == 100
        and header.startswith(_SQLITE_HEADER)
        and int.from_bytes(header[68:72], "big") == APPLICATION_ID
    )


def _current(db: sqlite3.Connection) -> bool:
    """At this version's schema, with the one learner ``Portfolio.open`` reads."""
    revisions = db.execute("SELECT version_num FROM alembic_version").fetchall()
    if revisions != [(head_revision(),)]:
        return False
    (learners,) = db.execute("SELECT count(*) FROM learner").fetchone()
    return bool(learners == 1)
