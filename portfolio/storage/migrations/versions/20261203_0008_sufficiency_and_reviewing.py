"""Sufficiency rules and the reviewer's day (issue 13 items 6 and 7).

Outcomes and criteria get the framework's sufficiency rule (``sufficiency``, JSON, NULL when the
framework says nothing: a file written before this revision simply has no rules, and coverage
then asks for one piece of ready evidence as before). New tables: ``observation`` (an assessor's
signed observation record, evidence of the observation method) and ``review_seen`` (when each
reviewer last saw each entry, for "new since my last review").

Revision ID: 20261203_0008
Revises: 20261203_0007
Create Date: 2026-12-03 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "20261203_0008"
down_revision = "20261203_0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outcome") as batch:
        batch.add_column(sa.Column("sufficiency", sa.Text(), nullable=True))
    with op.batch_alter_table("criterion") as batch:
        batch.add_column(sa.Column("sufficiency", sa.Text(), nullable=True))
    op.create_table(
        "observation",
        sa.Column("observed_on", sa.Date(), nullable=False),
        sa.Column("place", sa.Text(), nullable=False),
        sa.Column("seen", sa.Text(), nullable=False),
        sa.Column("criteria", sa.Text(), nullable=False),
        sa.Column("reviewer_name", sa.String(length=200), nullable=False),
        sa.Column("reviewer_role", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("signature", sa.Text(), nullable=True),
        sa.Column("public_key", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_observation")),
    )
    op.create_table(
        "review_seen",
        sa.Column("entry_id", sa.String(length=36), nullable=False),
        sa.Column("reviewer_name", sa.String(length=200), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["entry.id"],
            name=op.f("fk_review_seen_entry_id_entry"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_seen")),
        sa.UniqueConstraint(
            "entry_id", "reviewer_name", name=op.f("uq_review_seen_entry_id_reviewer_name")
        ),
    )
    op.create_index(op.f("ix_review_seen_entry_id"), "review_seen", ["entry_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_review_seen_entry_id"), table_name="review_seen")
    op.drop_table("review_seen")
    op.drop_table("observation")
    with op.batch_alter_table("criterion") as batch:
        batch.drop_column("sufficiency")
    with op.batch_alter_table("outcome") as batch:
        batch.drop_column("sufficiency")
