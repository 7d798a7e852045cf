"""A covering index for the entry list and coverage: their columns without the STAR text.

An entry row holds the five STAR sections, a few kilobytes, so reading only the title and status
of every entry still read every page of the entry table (the id, deleted_at and updated_at
columns come after the text). This index holds just the listed columns, in the order the list
sorts them, so the entry list and the coverage report read it alone: about five times faster on a
5,000-entry portfolio (benchmarks/run.py), at a few hundred bytes per entry.

Revision ID: 20261123_0003
Revises: 20261123_0002
Create Date: 2026-11-23 14:00:00
"""

from __future__ import annotations

from alembic import op

revision = "20261123_0003"
down_revision = "20261123_0002"
branch_labels = None
depends_on = None

# Kept in step with Entry.__table_args__ (portfolio/storage/models/entry.py).
COLUMNS = [
    "deleted_at",
    "ref_no",
    "id",
    "title",
    "status",
    "event_date",
    "method",
    "hours",
    "updated_at",
]


def upgrade() -> None:
    op.create_index("ix_entry_list", "entry", COLUMNS, unique=False)


def downgrade() -> None:
    op.drop_index("ix_entry_list", table_name="entry")
