"""What a decision rests on (issue 13): judgements and sign-offs keep the evidence they saw, and
an IQA's samples get their own table.

- ``criterion_judgement.evidence``: JSON list of {"entry", "ref", "fp"}, one per entry the
  judgement was made on (fp: fingerprint of text, method, date, witness, status, tags).
- ``signoff.evidence`` and ``signoff.judgements``: the entries and the judgements in force (by
  criterion) the sign-off covered.
- ``iqa_sample``: "agree" or "refer" with a reason, against a judgement or a sign-off; it never
  replaces the assessor's record.
- ``signature`` and ``public_key`` on all three: the reviewer's Ed25519 signature over the
  decision (portfolio/review/signing.py) and the public key that checks it.

Rows written before this revision keep NULL in the new columns. NULL means "not recorded", and the
rules (portfolio/domain/assessment.py) treat such a judgement as stale and such a sign-off as
void: nothing can show what they were made on, so the record does not claim it.

Revision ID: 20261203_0004
Revises: 20261123_0003
Create Date: 2026-12-03 07:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "20261203_0004"
down_revision = "20261123_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("criterion_judgement", schema=None) as batch_op:
        batch_op.add_column(sa.Column("evidence", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("signature", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("public_key", sa.Text(), nullable=True))
    with op.batch_alter_table("signoff", schema=None) as batch_op:
        batch_op.add_column(sa.Column("evidence", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("judgements", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("signature", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("public_key", sa.Text(), nullable=True))
    op.create_table(
        "iqa_sample",
        sa.Column("target_kind", sa.String(length=20), nullable=False),
        sa.Column("target_id", sa.String(length=36), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("reviewer_name", sa.String(length=200), nullable=False),
        sa.Column("reviewer_role", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("signature", sa.Text(), nullable=True),
        sa.Column("public_key", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_iqa_sample")),
    )
    with op.batch_alter_table("iqa_sample", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_iqa_sample_target_id"), ["target_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("iqa_sample", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_iqa_sample_target_id"))
    op.drop_table("iqa_sample")
    with op.batch_alter_table("signoff", schema=None) as batch_op:
        batch_op.drop_column("public_key")
        batch_op.drop_column("signature")
        batch_op.drop_column("judgements")
        batch_op.drop_column("evidence")
    with op.batch_alter_table("criterion_judgement", schema=None) as batch_op:
        batch_op.drop_column("public_key")
        batch_op.drop_column("signature")
        batch_op.drop_column("evidence")
