"""Search index with prefix indexes for one- and two-letter prefixes (issue #17).

Search treats every word as a prefix ("apolog" finds "apologised"), and the Entries page
searches as the learner types, so the first letter typed is a one-letter prefix query. Without
a prefix index FTS5 answers ``c*`` by merging the lists of every indexed word starting with
"c" before it can return the first row: 25 ms at 20,000 entries (``s*`` 40-50 ms), growing with
the portfolio. With ``prefix='1 2'`` those are read from their own index a row at a time, so a
page of results costs the same at any size (0.2 ms). Three letters and more are already cheap
without it (about 1 ms at 20,000 entries); the index grows by about 1.2x its size for two
prefix lengths, against 2x for three.

The index is rebuilt from the entry table (rowid = ref_no, as revision 0002 explains), with the
same columns, tokenizer and triggers as revision 0012.

Revision ID: 20261204_0015
Revises: 20261203_0014
Create Date: 2026-12-04 09:00:00
"""

from __future__ import annotations

from alembic import op

revision = "20261204_0015"
down_revision = "20261203_0014"
branch_labels = None
depends_on = None

_COLUMNS = "title, situation, task, action, result, reflection, extra"
_TRIGGERS = ("entry_fts_insert", "entry_fts_delete", "entry_fts_update")
_TOKENIZE = "tokenize = 'porter unicode61 remove_diacritics 2'"


def _rebuild(options: str) -> None:
    for trigger in _TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS entry_fts")
    new = ", ".join(f"new.{c.strip()}" for c in _COLUMNS.split(","))
    op.execute(f"CREATE VIRTUAL TABLE entry_fts USING fts5({_COLUMNS}, {options})")
    op.execute(f"INSERT INTO entry_fts(rowid, {_COLUMNS}) SELECT ref_no, {_COLUMNS} FROM entry")
    op.execute(
        "CREATE TRIGGER entry_fts_insert AFTER INSERT ON entry BEGIN "
        f"INSERT INTO entry_fts(rowid, {_COLUMNS}) VALUES (new.ref_no, {new}); END"
    )
    op.execute(
        "CREATE TRIGGER entry_fts_delete AFTER DELETE ON entry BEGIN "
        "DELETE FROM entry_fts WHERE rowid = old.ref_no; END"
    )
    op.execute(
        f"CREATE TRIGGER entry_fts_update AFTER UPDATE OF {_COLUMNS} ON entry BEGIN "
        "DELETE FROM entry_fts WHERE rowid = old.ref_no; "
        f"INSERT INTO entry_fts(rowid, {_COLUMNS}) VALUES (new.ref_no, {new}); END"
    )


def upgrade() -> None:
    _rebuild(f"{_TOKENIZE}, prefix = '1 2'")


def downgrade() -> None:
    _rebuild(_TOKENIZE)
