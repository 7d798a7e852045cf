"""Setting, changing and removing a portfolio's passphrase (SQLCipher 4, whole-file).

The file is rewritten into a new one with the new key (or none) and renamed over the old one,
so a crash half-way leaves the old file untouched. Backups made with the old key (or in plain
text) are replaced by one made with the new key, so no unprotected copy is left beside a
protected file.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from pathlib import Path

from portfolio.errors import PortfolioError, ReadOnlyError
from portfolio.storage.backup import backup_dir, export_copy, fsync_file, make_backup
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
    try:
        export_copy(storage, tmp, passphrase=new)
        fsync_file(tmp)
        storage.dispose_engine()
        os.replace(tmp, path)
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                Path(f"{path}{suffix}").unlink()
    except BaseException:
        tmp.unlink(missing_ok=True)
        storage.rebind(passphrase=storage.passphrase)
        raise
    storage.rebind(passphrase=new)
    _replace_backups(storage)


def _replace_backups(storage: PortfolioFile) -> None:
    folder = backup_dir(storage.path)
    if folder.is_dir():
        shutil.rmtree(folder, ignore_errors=True)
    for stale in storage.path.parent.glob(f"{storage.path.name}.before-*.bak"):
        stale.unlink(missing_ok=True)
    make_backup(storage)
