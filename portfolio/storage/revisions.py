"""The schema revisions this version knows, read from the migrations' file names.

Revision ids are the date-prefixed file names of ``migrations/versions`` (``YYYYMMDD_NNNN``), one
linear chain in name order (tests/core/storage/test_migrations.py holds the chain to that rule).
Kept apart from migrate.py, which imports SQLAlchemy, so the readers that skip it
(services/plain_reads.py, services/quick_suggest.py) ask the same question the same way.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_REVISION_FILE = re.compile(r"^(\d{8}_\d{4})_\w+\.py$")


@cache
def revision_chain() -> tuple[str, ...]:
    """Every revision the app knows, oldest first."""
    names = (_REVISION_FILE.match(p.name) for p in (MIGRATIONS_DIR / "versions").iterdir())
    return tuple(sorted(m.group(1) for m in names if m))


def head_revision() -> str:
    """The newest revision: what a file written by this version is at."""
    return revision_chain()[-1]
