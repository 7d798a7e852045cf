"""Opening a portfolio from someone else (a reviewed copy, a file in a group folder) safely.

A file handed over on a USB stick or found on a shared drive may have been made by anything,
not by this app. Opened as it is, a copy whose ``feedback`` table had been replaced by a view
over an endless recursive query grew memory at 100 MB/s inside ``portfolio merge`` (issue 20,
failure 2). So a file from outside is only ever opened read-only and defensively:

- it must be a regular file (never a pipe or device, which would block);
- before any query touches its tables, its schema is compared with the one this app's
  migrations make: no views, no triggers or virtual tables other than ours (with our exact
  definition), no missing or extra tables, every table with exactly our columns (so no
  generated columns); only SQLite's own bookkeeping tables are allowed besides;
- it may not hold more rows of anything than a portfolio may (``domain/limits.py``);
- every connection runs with ``trusted_schema`` off, no attached databases, capped value,
  statement and expression sizes, a small page cache, no memory mapping, and a progress handler
  that stops any query running past ``QUERY_SECONDS``.

A refused file gets one sentence (NotAPortfolioError / NewerVersionError / ReadOnlyError) and
nothing is read from it or written anywhere.
"""

from __future__ import annotations

import sqlite3
import tempfile
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from portfolio import paths
from portfolio.domain.limits import TABLE_LIMITS
from portfolio.errors import NewerVersionError, NotAPortfolioError, ReadOnlyError
from portfolio.files import require_regular_file
from portfolio.storage import migrate
from portfolio.storage.engine import (
    APPLICATION_ID,
    create_database,
    make_engine,
    read_application_id,
)
from portfolio.storage.file import PortfolioFile
from portfolio.storage.sidecars import remove_new_sidecars, sidecars_present

QUERY_SECONDS = 30.0
"""The longest any one connection to an outside file may spend running queries."""
MAX_SCHEMA_OBJECTS = 1_000
_PROGRESS_STEPS = 20_000
_SQLITE_OWN_TABLES = frozenset({"sqlite_sequence", "sqlite_stat1", "sqlite_stat4"})
_LIMITS = (
    (sqlite3.SQLITE_LIMIT_LENGTH, 64 * 1024 * 1024),
    (sqlite3.SQLITE_LIMIT_SQL_LENGTH, 1_000_000),
    (sqlite3.SQLITE_LIMIT_COLUMN, 200),
    (sqlite3.SQLITE_LIMIT_EXPR_DEPTH, 200),
    (sqlite3.SQLITE_LIMIT_COMPOUND_SELECT, 50),
    (sqlite3.SQLITE_LIMIT_ATTACHED, 0),
    (sqlite3.SQLITE_LIMIT_TRIGGER_DEPTH, 1),
    (sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 10_000),
)


@dataclass(frozen=True, slots=True)
class SchemaObject:
    kind: str  # table, index, trigger, view
    table: str
    shape: tuple[Any, ...]  # a table's columns, or the normalised SQL of anything else


def open_outside(path: Path | str) -> PortfolioFile:
    """Open a portfolio that came from elsewhere, read-only and defensively (see above)."""
    path = Path(path)
    require_regular_file(path, "portfolio")
    if path.is_file() and read_application_id(path) == APPLICATION_ID:
        check_outside_file(path)
        return PortfolioFile.open(path, read_only=True, on_connect=guard_connection)
    # Not a plain portfolio (missing, a folder, another app's database, garbage, encrypted):
    # the ordinary open reads only the header and says which, in its own words.
    storage = PortfolioFile.open(path, read_only=True, on_connect=guard_connection)
    storage.close()
    raise NotAPortfolioError(f"{path.name} is protected or not a portfolio; it was not used.")


def guard_connection(conn: Any) -> None:
    """Limits for one SQLite connection to a file from outside (a DB-API connection)."""
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA cell_size_check = ON")
    conn.execute("PRAGMA mmap_size = 0")
    conn.execute("PRAGMA cache_size = -8192")  # 8 MB of pages at most
    setlimit = getattr(conn, "setlimit", None)
    if setlimit is not None:
        for category, value in _LIMITS:
            setlimit(category, value)
    deadline = time.monotonic() + QUERY_SECONDS
    conn.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0, _PROGRESS_STEPS)


def check_if_plain_portfolio(path: Path) -> None:
    """The same checks before a file from someone else is opened for writing (a tutor opening
    a learner's file for review, a backup put back): for a plain portfolio only (an encrypted
    one cannot be read before its passphrase is checked), and one from an older version is
    let through to be migrated (its schema is not the current one yet)."""
    require_regular_file(path, "portfolio")
    if path.is_file() and read_application_id(path) == APPLICATION_ID:
        check_outside_file(path, allow_older=True)


def check_outside_file(path: Path, *, allow_older: bool = False) -> None:
    """Refuse a file whose schema is not ours or which holds more than a portfolio may."""
    sidecars_before = sidecars_present(path)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=2.0)
    except sqlite3.Error as exc:
        raise NotAPortfolioError(f"{path.name} could not be read: {exc}.") from exc
    try:
        guard_connection(conn)
        if _check_schema(conn, path, allow_older=allow_older):
            _check_counts(conn, path)
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc):
            raise NotAPortfolioError(
                f"{path.name} took too long to read (over {QUERY_SECONDS:g} s); it was not used."
            ) from exc
        raise NotAPortfolioError(f"{path.name} could not be read: it looks damaged.") from exc
    except sqlite3.Error as exc:
        raise NotAPortfolioError(f"{path.name} could not be read: it looks damaged.") from exc
    finally:
        conn.close()
        remove_new_sidecars(path, existed_before=sidecars_before)


def _check_schema(conn: sqlite3.Connection, path: Path, *, allow_older: bool) -> bool:
    """Raise if the schema is not ours; False (nothing more to check) for an older version's
    file when ``allow_older``."""
    found = describe_schema(conn)
    if found is None:
        raise NotAPortfolioError(
            f"{path.name} has more parts than any portfolio has; it was not used."
        )
    views = sorted(name for name, obj in found.items() if obj.kind == "view")
    if views:
        raise NotAPortfolioError(
            f"{path.name} is not a portfolio as this app writes it: it holds a view "
            f"({views[0]}), which a portfolio never has; it was not used."
        )
    version = found.get("alembic_version")
    if version is None or version.kind != "table" or version.shape != _version_shape():
        raise NotAPortfolioError(f"{path.name} is not a portfolio file (it has no schema version).")
    revisions = [r[0] for r in conn.execute("SELECT version_num FROM alembic_version LIMIT 2")]
    if len(revisions) != 1 or not isinstance(revisions[0], str):
        raise NotAPortfolioError(f"{path.name} is damaged: its schema version cannot be read.")
    revision = revisions[0]
    if revision not in migrate.known_revisions():
        raise NewerVersionError(
            f"{path.name} was saved by a newer version of Portfolio; please update the app "
            "to open it."
        )
    if revision != migrate.head_revision():
        if allow_older:
            return False
        raise ReadOnlyError(
            f"{path.name} was saved by an older version of Portfolio and must be opened for "
            "writing once to update it."
        )
    expected = expected_schema()
    for name, obj in sorted(found.items()):
        if name in _SQLITE_OWN_TABLES and obj.kind == "table":
            continue
        want = expected.get(name)
        if want is None:
            raise NotAPortfolioError(
                f"{path.name} is not a portfolio as this app writes it: it holds a {obj.kind} "
                f"({name}) that a portfolio never has; it was not used."
            )
        if want != obj:
            raise NotAPortfolioError(
                f"{path.name} is not a portfolio as this app writes it: its {obj.kind} {name} "
                "has been changed; it was not used."
            )
    missing = sorted(set(expected) - set(found) - _SQLITE_OWN_TABLES)
    if missing:
        raise NotAPortfolioError(
            f"{path.name} is damaged: part of a portfolio ({missing[0]}) is missing; "
            "it was not used."
        )
    return True


def _check_counts(conn: sqlite3.Connection, path: Path) -> None:
    for rule in TABLE_LIMITS:
        count = conn.execute(
            f'SELECT count(*) FROM (SELECT 1 FROM "{rule.table}" LIMIT ?)', (rule.limit + 1,)
        ).fetchone()[0]
        if count > rule.limit:
            raise NotAPortfolioError(
                f"{path.name} holds more {rule.what} than a portfolio may ({rule.limit:,}); "
                "it was not used."
            )


def describe_schema(conn: sqlite3.Connection) -> dict[str, SchemaObject] | None:
    """Every object in the file's schema by name; None if there are implausibly many."""
    rows = conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master LIMIT ?", (MAX_SCHEMA_OBJECTS + 1,)
    ).fetchall()
    if len(rows) > MAX_SCHEMA_OBJECTS:
        return None
    found: dict[str, SchemaObject] = {}
    for kind, name, table, sql in rows:
        text = " ".join(str(sql or "").split())
        if kind == "table" and not text.upper().startswith("CREATE VIRTUAL TABLE"):
            columns = conn.execute(f'PRAGMA table_xinfo("{_quoted(name)}")').fetchall()
            # cid, name, type, notnull, default, pk, hidden (2 and 3: generated columns)
            shape: tuple[Any, ...] = tuple(
                (c[1], str(c[2]).upper(), c[3], c[5], c[6]) for c in columns
            )
        else:
            shape = (text,)
        found[str(name)] = SchemaObject(str(kind), str(table), shape)
    return found


@cache
def expected_schema() -> dict[str, SchemaObject]:
    """The schema this app's migrations make, read from a scratch file made once."""
    with tempfile.TemporaryDirectory(prefix="portfolio-schema-", dir=paths.temp_dir()) as folder:
        reference = Path(folder) / "reference.portfolio"
        create_database(reference)
        engine = make_engine(reference)
        try:
            migrate.upgrade_to_head(engine, reference, backup=False)
        finally:
            engine.dispose()
        conn = sqlite3.connect(reference)
        try:
            described = describe_schema(conn)
        finally:
            conn.close()
    assert described is not None
    return described


def _version_shape() -> tuple[Any, ...]:
    return expected_schema()["alembic_version"].shape


def _quoted(name: object) -> str:
    return str(name).replace('"', '""')
