"""Rolling backups beside the portfolio, restore, and finding the newest good backup.

Backups live in a folder next to the file (``<name> backups/``), so they travel with it on a USB
stick and never stay behind on a shared machine. Each is a complete, consistent portfolio made
with SQLite's ``VACUUM INTO`` (or SQLCipher's export with the same passphrase, so a protected
portfolio's backups are protected too), written to a temporary name and renamed when complete.

In shared-machine mode (paths.shared_machine_mode) no automatic backup is made of a portfolio
without a passphrase: a plain copy of someone's portfolio is exactly what that mode promises not
to leave behind. A protected portfolio's backups are encrypted like the file, so they are kept.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from datetime import datetime, timedelta
from pathlib import Path

from portfolio import paths
from portfolio.errors import PortfolioError
from portfolio.storage.engine import APPLICATION_ID, quote_text
from portfolio.storage.file import PortfolioFile
from portfolio.storage.locking import acquire_writer_lock
from portfolio.storage.outside import check_if_plain_portfolio

KEEP = 10
AUTO_INTERVAL = timedelta(minutes=10)
_STAMP = "%Y-%m-%d %H%M%S"


def backup_dir(path: Path) -> Path:
    return path.with_name(f"{path.stem} backups")


def list_backups(path: Path) -> list[Path]:
    """Backups of ``path``, newest first."""
    folder = backup_dir(path)
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob(f"{path.stem} *.portfolio") if p.is_file()]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def make_backup(storage: PortfolioFile, *, dest: Path | None = None, keep: int = KEEP) -> Path:
    """Write a consistent copy of the open portfolio; returns its path."""
    if dest is None:
        dest = new_backup_path(storage.path)
    tmp = dest.with_name(f".{dest.name}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        export_copy(storage, tmp, passphrase=storage.passphrase)
        fsync_file(tmp)
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if dest.parent == backup_dir(storage.path):
        _rotate(storage.path, keep)
    return dest


def export_copy(storage: PortfolioFile, target: Path, *, passphrase: str | None) -> None:
    """Copy the open portfolio into a new file ``target``, encrypted with ``passphrase``
    (or plain when None). The source's own encryption does not matter."""
    raw = storage.engine.raw_connection()
    try:
        conn = raw.driver_connection
        assert conn is not None
        if storage.encrypted or passphrase is not None:
            # SQLCipher's export copies schema and data into an attached database with its own
            # key ('' = plaintext); it needs a SQLCipher connection, which encrypted files
            # already have. A plain source is reopened through SQLCipher for this.
            if not storage.encrypted:
                import sqlcipher3

                conn = sqlcipher3.connect(str(storage.path))
                conn.execute("PRAGMA cipher_memory_security = ON")
            try:
                key = quote_text(passphrase or "")
                conn.execute(f"ATTACH DATABASE {quote_text(str(target))} AS target KEY {key}")
                conn.execute("SELECT sqlcipher_export('target')")
                conn.execute(f"PRAGMA target.application_id={APPLICATION_ID}")
                conn.execute("PRAGMA target.journal_mode=WAL")
                conn.execute("DETACH DATABASE target")
            finally:
                if not storage.encrypted:
                    conn.close()
        else:
            conn.execute("VACUUM INTO ?", (str(target),))
    finally:
        raw.close()


def auto_backup(storage: PortfolioFile, *, interval: timedelta = AUTO_INTERVAL) -> Path | None:
    """Back up if the newest backup is older than ``interval`` (on open, and by the app's timer)."""
    if storage.read_only or not backups_allowed(storage.encrypted):
        return None
    backups = list_backups(storage.path)
    if backups:
        age = datetime.now().timestamp() - backups[0].stat().st_mtime
        if age < interval.total_seconds():
            return None
    return make_backup(storage)


def backups_allowed(encrypted: bool) -> bool:
    """False in shared-machine mode for a file without a passphrase (see the module doc)."""
    return encrypted or not paths.shared_machine_mode()


def new_backup_path(path: Path) -> Path:
    """A fresh name in the backup folder of ``path`` (the folder is created)."""
    folder = backup_dir(path)
    folder.mkdir(exist_ok=True)
    stamp = datetime.now().strftime(_STAMP)
    dest = folder / f"{path.stem} {stamp}.portfolio"
    counter = 1
    while dest.exists():
        counter += 1
        dest = folder / f"{path.stem} {stamp}-{counter}.portfolio"
    return dest


def backup_problems(path: Path, *, passphrase: str | None = None) -> list[str]:
    """Why a backup (or any portfolio file) cannot be used; empty when it is good."""
    try:
        storage = PortfolioFile.open(path, read_only=True, passphrase=passphrase)
    except PortfolioError as exc:
        if "older version" in str(exc):  # an older schema is still a good backup
            return []
        return [str(exc)]
    try:
        return storage.integrity_problems()
    finally:
        storage.close()


def newest_good_backup(path: Path, *, passphrase: str | None = None) -> Path | None:
    for candidate in list_backups(path):
        if not backup_problems(candidate, passphrase=passphrase):
            return candidate
    return None


def restore(backup: Path, target: Path, *, passphrase: str | None = None) -> Path | None:
    """Put ``backup`` in place of ``target``. The current file is kept aside, never deleted;
    returns where it was put (None if there was no current file)."""
    check_if_plain_portfolio(backup)  # any file can be named as a backup: check it first
    problems = backup_problems(backup, passphrase=passphrase)
    if problems:
        raise PortfolioError(f"{backup.name} cannot be restored: {problems[0]}")
    lock = acquire_writer_lock(target)
    try:
        tmp = target.with_name(f".{target.name}.restore.tmp")
        shutil.copy2(backup, tmp)
        fsync_file(tmp)
        aside = None
        if target.exists():
            stamp = datetime.now().strftime(_STAMP)
            aside = target.with_name(f"{target.stem} (before restore {stamp}).portfolio")
            os.replace(target, aside)
            for suffix in ("-wal", "-shm"):
                sidecar = Path(f"{target}{suffix}")
                if sidecar.exists():
                    # The old file's WAL belongs with it; left here it would be replayed into
                    # the restored file.
                    os.replace(sidecar, Path(f"{aside}{suffix}"))
        os.replace(tmp, target)
        return aside
    finally:
        lock.release()


def _rotate(path: Path, keep: int) -> None:
    for old in list_backups(path)[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()


def fsync_file(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def fsync_folder(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable (POSIX; a no-op where folders cannot
    be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
