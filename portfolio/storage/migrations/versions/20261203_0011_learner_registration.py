"""The learner's registration details a centre's cover sheet needs: awarding-body registration
number, centre number, the qualification being taken, the assessor and the IQA.

Revision ID: 20261203_0011
Revises: 20261203_0009
Create Date: 2026-12-03 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "20261203_0011"
down_revision = "20261203_0009"
branch_labels = None
depends_on = None

COLUMNS = (
    ("registration_number", 100),
    ("centre_number", 100),
    ("qualification", 300),
    ("assessor", 200),
    ("iqa", 200),
)


def upgrade() -> None:
    # Every existing file gets empty values: the cover prints "not recorded" until filled in.
    with op.batch_alter_table("learner", schema=None) as batch_op:
        for name, length in COLUMNS:
            batch_op.add_column(
                sa.Column(name, sa.String(length=length), nullable=False, server_default="")
            )


def downgrade() -> None:
    with op.batch_alter_table("learner", schema=None) as batch_op:
        for name, _ in reversed(COLUMNS):
            batch_op.drop_column(name)
