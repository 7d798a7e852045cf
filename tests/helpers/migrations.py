"""Files at an older schema revision, for the migration tests: made from the revision-1 fixture
file (upgraded to the revision wanted) or taken down from a newer file, and opened as the app
opens them (migrated to the head, a backup kept beside them)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command

from portfolio.services.portfolio import Portfolio
from portfolio.storage import migrate
from portfolio.storage.engine import make_engine

REV1 = Path(__file__).parents[1] / "fixtures" / "portfolios" / "revision-1.portfolio"


def file_at(path: Path, revision: str) -> None:
    """Write at ``path`` the revision-1 fixture file, upgraded to ``revision`` ("head" too)."""
    shutil.copy2(REV1, path)
    engine = make_engine(path)
    try:
        migrate.upgrade_to(engine, revision)
    finally:
        engine.dispose()


def downgrade(path: Path, revision: str) -> None:
    """Take the file at ``path`` down to ``revision`` through every later migration's downgrade,
    so it is as an older version of the app wrote it."""
    engine = make_engine(path)
    try:
        config = migrate._config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, revision)
    finally:
        engine.dispose()


@contextmanager
def opened_migrated(path: Path) -> Iterator[Portfolio]:
    """The older file at ``path`` opened as the app opens it: at the head once open, and a
    backup of the old file kept beside it once closed."""
    with Portfolio.open(path) as pf:
        assert pf.storage.schema_revision() == migrate.head_revision()
        yield pf
    assert path.with_name(f"{path.name}.before-{migrate.head_revision()}.bak").exists()
