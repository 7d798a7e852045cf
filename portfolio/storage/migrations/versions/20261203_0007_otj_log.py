"""Off-the-job training log: the plan, the categories (with the defaults) and the activities.

Revision ID: 20261203_0007
Revises: 20261203_0006
Create Date: 2026-12-03 08:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "20261203_0007"
down_revision = "20261203_0006"
branch_labels = None
depends_on = None

# Kept in step with portfolio.domain.otj.DEFAULT_CATEGORIES (a migration never imports app code,
# so that it stays the same whatever the app later says).
DEFAULT_CATEGORIES = (
    ("training_session", "Off-the-job training session"),
    ("shadowing", "Shadowing"),
    ("mentoring", "Mentoring"),
    ("industry_visit", "Industry visit"),
    ("self_study", "Self-study"),
    ("assignment", "Assignment or project work"),
    ("other", "Other"),
)


def upgrade() -> None:
    op.create_table(
        "otj_plan",
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("weekly_hours", sa.Float(), nullable=False),
        sa.Column("planned_hours", sa.Float(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_otj_plan")),
    )
    category = op.create_table(
        "otj_category",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("label", sa.String(length=120), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_otj_category")),
    )
    op.bulk_insert(
        category,
        [
            {"key": key, "label": label, "position": position}
            for position, (key, label) in enumerate(DEFAULT_CATEGORIES)
        ],
    )
    op.create_table(
        "otj_activity",
        sa.Column("activity_date", sa.Date(), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.Column("category", sa.String(length=60), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("entry_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["entry.id"],
            name=op.f("fk_otj_activity_entry_id_entry"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_otj_activity")),
    )
    with op.batch_alter_table("otj_activity") as batch_op:
        batch_op.create_index(
            batch_op.f("ix_otj_activity_activity_date"), ["activity_date"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_otj_activity_entry_id"), ["entry_id"], unique=False)
    op.create_table(
        "otj_activity_criterion",
        sa.Column("activity_id", sa.String(length=36), nullable=False),
        sa.Column("criterion_id", sa.String(length=120), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["otj_activity.id"],
            name=op.f("fk_otj_activity_criterion_activity_id_otj_activity"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_otj_activity_criterion")),
        sa.UniqueConstraint(
            "activity_id",
            "criterion_id",
            name=op.f("uq_otj_activity_criterion_activity_id_criterion_id"),
        ),
    )
    with op.batch_alter_table("otj_activity_criterion") as batch_op:
        batch_op.create_index(
            batch_op.f("ix_otj_activity_criterion_activity_id"), ["activity_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("otj_activity_criterion")
    op.drop_table("otj_activity")
    op.drop_table("otj_category")
    op.drop_table("otj_plan")
