"""Suggestion feedback: the criteria a learner rejected for an entry, so suggestions learn;
and a cache of the term vectors of the entries the suggester learns from.

A file written before this revision simply has no rejections yet and an empty cache; its tags
already teach the suggester, so nothing else changes.

Revision ID: 20261203_0006
Revises: 20261203_0005
Create Date: 2026-12-03 07:35:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "20261203_0006"
down_revision = "20261203_0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "suggestion_feedback",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("entry_id", sa.String(36), nullable=False),
        sa.Column("criterion_id", sa.String(120), nullable=False),
        sa.Column("verdict", sa.String(20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["entry.id"],
            name="fk_suggestion_feedback_entry_id_entry",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_suggestion_feedback"),
        sa.UniqueConstraint(
            "entry_id", "criterion_id", name="uq_suggestion_feedback_entry_id_criterion_id"
        ),
    )
    op.create_index(
        "ix_suggestion_feedback_entry_id", "suggestion_feedback", ["entry_id"], unique=False
    )
    op.create_table(
        "suggestion_vector",
        sa.Column("entry_id", sa.String(36), nullable=False),
        sa.Column("text_hash", sa.String(64), nullable=False),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["entry.id"],
            name="fk_suggestion_vector_entry_id_entry",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("entry_id", name="pk_suggestion_vector"),
    )


def downgrade() -> None:
    op.drop_table("suggestion_vector")
    op.drop_index("ix_suggestion_feedback_entry_id", table_name="suggestion_feedback")
    op.drop_table("suggestion_feedback")
