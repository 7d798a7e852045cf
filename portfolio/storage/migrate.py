"""Schema migrations (Alembic, shipped inside the package) applied automatically on open.

A file written by an older version always opens in a newer one; a file written by a newer version
is refused with a clear message rather than damaged. The upgrade runs in one transaction
(transactional DDL, see engine.py) and the file is copied aside first.


Alembic itself (about 180 ms to import) is loaded only when a file actually needs upgrading:
the head and the known revisions are read from the folder's file names (storage/revisions.py).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from portfolio.errors import NewerVersionError
from portfolio.storage.revisions import MIGRATIONS_DIR as _MIGRATIONS_DIR
from portfolio.storage.revisions import head_revision as head_revision
from portfolio.storage.revisions import revision_chain as revision_chain

if TYPE_CHECKING:
    from alembic.config import Config


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS_DIR))
    return config


def known_revisions() -> frozenset[str]:
    return frozenset(revision_chain())


def current_revision(engine: Engine) -> str | None:
    """The file's schema revision, or None for a file with no schema yet."""
    with engine.connect() as conn:
        try:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except OperationalError as exc:
            if "no such table" in str(exc):
                return None
            raise


def upgrade_to_head(engine: Engine, path: Path, *, backup: bool = True) -> str | None:
    """Bring the file's schema to the newest revision; returns the revision it started from.

    Raises NewerVersionError if the file was written by a newer version of the app.
    """
    start = current_revision(engine)
    if start == head_revision():
        return start
    if start is not None and start not in known_revisions():
        raise NewerVersionError(
            f"{path.name} was saved by a newer version of Portfolio; please update the app "
            "to open it."
        )
    if backup and start is not None:
        # Keep a copy of the file as it was before migration (vorta's habit on top of the
        # transactional upgrade).
        engine.dispose()
        shutil.copy2(path, path.with_name(f"{path.name}.before-{head_revision()}.bak"))
    _upgrade(engine, "head")
    return start


def upgrade_to(engine: Engine, revision: str) -> None:
    """Upgrade to a specific revision (used by tests that build old-format files)."""
    _upgrade(engine, revision)


def _upgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    config = _config()
    # One transaction for the whole chain: a failure anywhere leaves the file as it was.
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
