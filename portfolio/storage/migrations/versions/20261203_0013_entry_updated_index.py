"""An index on when each entry was last written, for coverage kept up to date after a write.

After each write the coverage service reads only the entries written since its last report
(``updated_at`` at or after the last one it saw; services/coverage_state.py). Without an index
that was a scan of every entry in the covering list index (about 1 ms per 1,000 entries, paid
after every keystroke that saves); with it, a seek to the few rows written. It holds the entry id
too, so finding them never reads the table.

Revision ID: 20261203_0013
Revises: 20261203_0012
Create Date: 2026-12-03 13:00:00
"""

from __future__ import annotations

from alembic import op

revision = "20261203_0013"
down_revision = "20261203_0012"
branch_labels = None
depends_on = None

# Kept in step with Entry.__table_args__ (portfolio/storage/models/entry.py).
COLUMNS = ["updated_at", "id"]


def upgrade() -> None:
    op.create_index("ix_entry_updated", "entry", COLUMNS, unique=False)


def downgrade() -> None:
    op.drop_index("ix_entry_updated", table_name="entry")
