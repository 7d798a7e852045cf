"""The learner's list of words that are not personal (issue 15): a word unticked in the attach
review dialog is remembered, so the next document keeps it without asking again.

A new table, not a kind on ``anonymisation_term``: every reader of that table (the attach
pipeline, the entry flags, the export check, the plain export's raw SQL) takes each row as a
word to remove, so a kept word stored there would be removed by any reader that forgot to
filter it. A file written before this revision simply has an empty list.

Revision ID: 20261205_0016
Revises: 20261204_0015
Create Date: 2026-12-05 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "20261205_0016"
down_revision = "20261204_0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kept_text",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("text", sa.String(200), nullable=False),
        sa.Column("text_key", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_kept_text"),
        sa.UniqueConstraint("text_key", name="uq_kept_text_text_key"),
    )


def downgrade() -> None:
    op.drop_table("kept_text")
