"""Leave no SQLite side files next to a portfolio that was only read.

Opening a WAL-mode file read-only makes SQLite create ``-wal`` and ``-shm`` files that a
read-only connection may not delete. Scanning a group folder or merging a copy must not leave
sixty such files on a shared drive, so after closing we open one ordinary connection and close
it: SQLite deletes both side files only when it is the last connection (so never while anyone
else has the file open), and it writes nothing to the database itself.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

SIDECARS = ("-wal", "-shm")


def sidecars_present(path: Path) -> bool:
    return any(Path(f"{path}{suffix}").exists() for suffix in SIDECARS)


def remove_new_sidecars(path: Path, *, existed_before: bool) -> None:
    """Remove side files the caller's read-only open created (not ones that were there)."""
    if existed_before or not sidecars_present(path):
        return
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=0.5)
        try:
            conn.execute("PRAGMA schema_version").fetchall()
        finally:
            conn.close()
    except (sqlite3.Error, OSError):
        pass  # read-only medium or busy: the side files are harmless and SQLite reuses them
