"""Schema migrations (Alembic, shipped inside the package) applied automatically on open.

A file written by an older version always opens in a newer one; a file written by a newer version
is refused with a clear message rather than damaged. The upgrade runs in one transaction
(transactional DDL, see engine.py) and the file is copied aside first.
"""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from portfolio.errors import NewerVersionError

_MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS_DIR))
    return config


@cache
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


@cache
def known_revisions() -> frozenset[str]:
    return frozenset(rev.revision for rev in _script().walk_revisions())


@cache
def head_revision() -> str:
    head = _script().get_current_head()
    assert head is not None, "the migration chain has no head"
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


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
    config = _config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    return start


def upgrade_to(engine: Engine, revision: str) -> None:
    """Upgrade to a specific revision (used by tests that build old-format files)."""
    config = _config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
