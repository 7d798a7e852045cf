"""Full-text search over entry text (SQLite FTS5), kept in step by triggers.

The index keeps its own copy of the text with rowid = entry.ref_no (never reused), because an
external-content index keyed on the entry table's implicit rowid would break when VACUUM
renumbers rowids.

Revision ID: 20261123_0002
Revises: 20261123_0001
Create Date: 2026-11-23 13:10:00
"""

from __future__ import annotations

from alembic import op

revision = "20261123_0002"
down_revision = "20261123_0001"
branch_labels = None
depends_on = None

_COLUMNS = "title, situation, task, action, result, reflection"
_NEW = ", ".join(f"new.{c.strip()}" for c in _COLUMNS.split(","))


def upgrade() -> None:
    op.execute(
        f"CREATE VIRTUAL TABLE entry_fts USING fts5({_COLUMNS}, "
        "tokenize = 'porter unicode61 remove_diacritics 2')"
    )
    op.execute(f"INSERT INTO entry_fts(rowid, {_COLUMNS}) SELECT ref_no, {_COLUMNS} FROM entry")
    op.execute(
        "CREATE TRIGGER entry_fts_insert AFTER INSERT ON entry BEGIN "
        f"INSERT INTO entry_fts(rowid, {_COLUMNS}) VALUES (new.ref_no, {_NEW}); END"
    )
    op.execute(
        "CREATE TRIGGER entry_fts_delete AFTER DELETE ON entry BEGIN "
        "DELETE FROM entry_fts WHERE rowid = old.ref_no; END"
    )
    op.execute(
        f"CREATE TRIGGER entry_fts_update AFTER UPDATE OF {_COLUMNS} ON entry BEGIN "
        "DELETE FROM entry_fts WHERE rowid = old.ref_no; "
        f"INSERT INTO entry_fts(rowid, {_COLUMNS}) VALUES (new.ref_no, {_NEW}); END"
    )


def downgrade() -> None:
    for trigger in ("entry_fts_insert", "entry_fts_delete", "entry_fts_update"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS entry_fts")
