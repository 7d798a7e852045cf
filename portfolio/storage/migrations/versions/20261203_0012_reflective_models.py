"""Reflective models: an entry's model (STAR by default) and a sixth section slot (Gibbs).

Every existing entry becomes a STAR entry with its text where it was. The search index is
rebuilt with the new slot so an entry's last Gibbs stage is found too.

Revision ID: 20261203_0012
Revises: 20261203_0011
Create Date: 2026-12-03 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "20261203_0012"
down_revision = "20261203_0011"
branch_labels = None
depends_on = None

_OLD = "title, situation, task, action, result, reflection"
_NEW_COLUMNS = f"{_OLD}, extra"
_TRIGGERS = ("entry_fts_insert", "entry_fts_delete", "entry_fts_update")


def _index(columns: str) -> None:
    new = ", ".join(f"new.{c.strip()}" for c in columns.split(","))
    op.execute(
        f"CREATE VIRTUAL TABLE entry_fts USING fts5({columns}, "
        "tokenize = 'porter unicode61 remove_diacritics 2')"
    )
    op.execute(f"INSERT INTO entry_fts(rowid, {columns}) SELECT ref_no, {columns} FROM entry")
    op.execute(
        "CREATE TRIGGER entry_fts_insert AFTER INSERT ON entry BEGIN "
        f"INSERT INTO entry_fts(rowid, {columns}) VALUES (new.ref_no, {new}); END"
    )
    op.execute(
        "CREATE TRIGGER entry_fts_delete AFTER DELETE ON entry BEGIN "
        "DELETE FROM entry_fts WHERE rowid = old.ref_no; END"
    )
    op.execute(
        f"CREATE TRIGGER entry_fts_update AFTER UPDATE OF {columns} ON entry BEGIN "
        "DELETE FROM entry_fts WHERE rowid = old.ref_no; "
        f"INSERT INTO entry_fts(rowid, {columns}) VALUES (new.ref_no, {new}); END"
    )


def _drop_index() -> None:
    for trigger in _TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS entry_fts")


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN: the table is not copied, so its other indexes stay as
    # they are and old rows read the defaults.
    op.add_column("entry", sa.Column("extra", sa.Text(), nullable=False, server_default=""))
    op.add_column(
        "entry", sa.Column("model", sa.String(length=20), nullable=False, server_default="star")
    )
    _drop_index()
    _index(_NEW_COLUMNS)


def downgrade() -> None:
    _drop_index()
    with op.batch_alter_table("entry") as batch:
        batch.drop_column("model")
        batch.drop_column("extra")
    _index(_OLD)
