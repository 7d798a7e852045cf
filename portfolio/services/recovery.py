"""Recovering a portfolio that will not open: its backups, the newest good one, and restore.

The UI may not reach into storage, so this is the one door to the backup folder beside a file.
``restore`` never deletes anything: the damaged file is kept aside (its path is returned).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from portfolio.errors import ReadOnlyError
from portfolio.storage import backup as _backup
from portfolio.storage import migrate
from portfolio.storage.encryption import MIN_PASSPHRASE
from portfolio.storage.file import PortfolioFile

__all__ = [
    "MIN_PASSPHRASE",
    "HealthReport",
    "app_schema_revision",
    "backup_time",
    "check",
    "list_backups",
    "newest_good_backup",
    "restore",
]


@dataclass(frozen=True, slots=True)
class HealthReport:
    """What ``check`` found: SQLite's integrity problems (none when healthy) and the schema."""

    problems: tuple[str, ...]
    schema_revision: str | None  # None when the file is damaged


def check(path: Path | str, *, passphrase: str | None = None) -> HealthReport:
    """Run SQLite's integrity check on a portfolio, opening it read-only when it is current.

    Raises NotAPortfolioError (not a portfolio, or damaged beyond opening),
    PassphraseRequiredError and WrongPassphraseError.
    """
    try:
        # Read-only, so checking a current file never changes it.
        storage = PortfolioFile.open(Path(path), read_only=True, passphrase=passphrase)
    except ReadOnlyError:
        storage = PortfolioFile.open(Path(path), passphrase=passphrase)  # older: migrate it
    try:
        problems = tuple(storage.integrity_problems())
        return HealthReport(problems, None if problems else storage.schema_revision())
    finally:
        storage.close()


def app_schema_revision() -> str:
    """The schema revision this version of Portfolio writes."""
    return migrate.head_revision()


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
