"""Setting, changing and removing a portfolio's passphrase (SQLCipher 4, whole-file).

The file is rewritten into a new one with the new key (or none) and renamed over the old one,
so a crash half-way leaves the old file untouched. Backups made with the old key (or in plain
text) are replaced by one made with the new key, so no unprotected copy is left beside a
protected file.

The order never leaves the file without a good backup, wherever a crash falls (issue 20,
failure 8: the old backups used to be deleted before the new one was written):

1. the new file is written beside the old one, flushed, and opened with the new key and
   checked (SQLite's integrity check) before anything else happens;
2. a copy of it goes into the backup folder as the newest backup, flushed;
3. it is renamed over the portfolio;
4. only then are the backups made with the old key (and the copies kept before migrations)
   deleted.

A crash before 3 leaves the old file with all its old backups (and perhaps one made with the
new key); a crash between 3 and 4 leaves the new file with its good new backup and old backups
that step 4 of the next change, or the user, removes.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from pathlib import Path

from portfolio.errors import PortfolioError, ReadOnlyError
from portfolio.storage.backup import (
    backup_dir,
    backups_allowed,
    export_copy,
    fsync_file,
    fsync_folder,
    list_backups,
    new_backup_path,
)
from portfolio.storage.file import PortfolioFile

MIN_PASSPHRASE = 8


def change_passphrase(storage: PortfolioFile, new: str | None) -> None:
    """Protect the open file with ``new``, or remove protection when ``new`` is None."""
    if storage.read_only:
        raise ReadOnlyError(f"{storage.path.name} is open read-only; its passphrase can't change.")
    if new is not None and len(new) < MIN_PASSPHRASE:
        raise PortfolioError(f"A passphrase needs at least {MIN_PASSPHRASE} characters.")
    path = storage.path
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    storage.checkpoint()
    new_backup: Path | None = None
    try:
        export_copy(storage, tmp, passphrase=new)
        fsync_file(tmp)
        _check_copy(tmp, new, path.name)
        if backups_allowed(new is not None):
            new_backup = _copy_into_backups(tmp, path)
        storage.dispose_engine()
        os.replace(tmp, path)
        fsync_folder(path.parent)
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                Path(f"{path}{suffix}").unlink()
    except BaseException:
        tmp.unlink(missing_ok=True)
        for suffix in ("-wal", "-shm"):
            Path(f"{tmp}{suffix}").unlink(missing_ok=True)
        storage.rebind(passphrase=storage.passphrase)
        raise
    storage.rebind(passphrase=new)
    _remove_old_backups(path, keep=new_backup)


def _check_copy(copy: Path, passphrase: str | None, name: str) -> None:
    """Open the rewritten file with its new key and check it before it replaces anything."""
    try:
        checked = PortfolioFile.open(copy, read_only=True, passphrase=passphrase)
    except PortfolioError as exc:
        raise PortfolioError(
            f"The re-encrypted copy of {name} could not be opened ({exc}); nothing was changed."
        ) from exc
    try:
        problems = checked.integrity_problems()
    finally:
        checked.close()
    if problems:
        raise PortfolioError(
            f"The re-encrypted copy of {name} failed its check ({problems[0]}); nothing was "
            "changed."
        )


def _copy_into_backups(source: Path, path: Path) -> Path:
    """A copy of the checked new file as the newest backup of ``path`` (written whole, then
    renamed into place)."""
    dest = new_backup_path(path)
    partial = dest.with_name(f".{dest.name}.tmp")
    try:
        shutil.copyfile(source, partial)
        fsync_file(partial)
        os.replace(partial, dest)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    fsync_folder(dest.parent)
    return dest


def _remove_old_backups(path: Path, *, keep: Path | None) -> None:
    """Delete every backup made with the old key, and the copies kept before migrations."""
    for old in list_backups(path):
        if old != keep:
            old.unlink(missing_ok=True)
    folder = backup_dir(path)
    if keep is None and folder.is_dir():
        shutil.rmtree(folder, ignore_errors=True)  # shared machine, no passphrase: none kept
    for stale in path.parent.glob(f"{path.name}.before-*.bak"):
        stale.unlink(missing_ok=True)
