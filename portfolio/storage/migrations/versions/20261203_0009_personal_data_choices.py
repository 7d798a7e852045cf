"""Personal data in entries: the learner's kept/replaced choices per entry, and the replacements
remembered per portfolio (issue 15 item 4).

A file written before this revision has no choices yet: every flagged item in it is simply
not yet acknowledged, which is what the export check then reports.

Revision ID: 20261203_0009
Revises: 20261203_0007
Create Date: 2026-12-03 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "20261203_0009"
down_revision = "20261203_0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "personal_data_choice",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("entry_id", sa.String(36), nullable=False),
        sa.Column("text_key", sa.String(200), nullable=False),
        sa.Column("text", sa.String(200), nullable=False),
        sa.Column("category", sa.String(30), nullable=False),
        sa.Column("choice", sa.String(10), nullable=False),
        sa.Column("replacement", sa.Text(), nullable=False),
        sa.Column("chosen_by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["entry.id"],
            name="fk_personal_data_choice_entry_id_entry",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_personal_data_choice"),
        sa.UniqueConstraint(
            "entry_id", "text_key", name="uq_personal_data_choice_entry_id_text_key"
        ),
    )
    op.create_index(
        "ix_personal_data_choice_entry_id", "personal_data_choice", ["entry_id"], unique=False
    )
    op.create_table(
        "personal_data_memory",
        sa.Column("text_key", sa.String(200), nullable=False),
        sa.Column("category", sa.String(30), nullable=False),
        sa.Column("replacement", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("text_key", name="pk_personal_data_memory"),
    )


def downgrade() -> None:
    op.drop_table("personal_data_memory")
    op.drop_index("ix_personal_data_choice_entry_id", table_name="personal_data_choice")
    op.drop_table("personal_data_choice")
