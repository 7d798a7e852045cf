"""Recovering a portfolio that will not open: its backups, the newest good one, and restore.

The UI may not reach into storage, so this is the one door to the backup folder beside a file.
``restore`` never deletes anything: the damaged file is kept aside (its path is returned).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from portfolio.storage import backup as _backup
from portfolio.storage.encryption import MIN_PASSPHRASE

__all__ = [
    "MIN_PASSPHRASE",
    "backup_time",
    "list_backups",
    "newest_good_backup",
    "restore",
]


def list_backups(path: Path | str) -> list[Path]:
    """The backups of ``path``, newest first (empty when there are none)."""
    return _backup.list_backups(Path(path))


def newest_good_backup(path: Path | str, *, passphrase: str | None = None) -> Path | None:
    """The newest backup of ``path`` that opens and passes an integrity check, if any."""
    return _backup.newest_good_backup(Path(path), passphrase=passphrase)


def restore(
    backup: Path | str, target: Path | str, *, passphrase: str | None = None
) -> Path | None:
    """Put ``backup`` in place of ``target``; returns where the old file was kept aside."""
    return _backup.restore(Path(backup), Path(target), passphrase=passphrase)


def backup_time(backup: Path | str) -> datetime:
    """When a backup was made (its file time, local time)."""
    return datetime.fromtimestamp(Path(backup).stat().st_mtime)
