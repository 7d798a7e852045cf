"""Framework fidelity (issue 22): the fields a Mahara SmartEvidence framework carries.

Outcomes and criteria get a short name and a description kept apart from their statement;
criteria also get the criterion they sit under (``parent_id``) and the id the source file gave
them (``source_id``); a framework gets its own words for the evidence states
(``status_labels``, a JSON object). Every new column has a default, so a file written before
this revision opens unchanged: its frameworks simply have none of these yet (the verbatim
framework document in ``framework.document`` was always the full record).

Revision ID: 20261203_0005
Revises: 20261203_0004
Create Date: 2026-12-03 07:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "20261203_0005"
down_revision = "20261203_0004"  # after the assessment record (re-chained at merge)
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("framework") as batch:
        batch.add_column(sa.Column("status_labels", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("outcome") as batch:
        batch.add_column(
            sa.Column("short_name", sa.String(length=100), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("description", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("criterion") as batch:
        batch.add_column(
            sa.Column("short_name", sa.String(length=100), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("description", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("parent_id", sa.String(length=120), nullable=True))
        batch.add_column(
            sa.Column("source_id", sa.String(length=100), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("criterion") as batch:
        for name in ("source_id", "parent_id", "description", "short_name"):
            batch.drop_column(name)
    with op.batch_alter_table("outcome") as batch:
        for name in ("description", "short_name"):
            batch.drop_column(name)
    with op.batch_alter_table("framework") as batch:
        batch.drop_column("status_labels")
