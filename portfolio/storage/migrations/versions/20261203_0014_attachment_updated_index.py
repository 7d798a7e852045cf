"""An index on when each attachment was last written, for coverage kept up to date after a write.

A judgement or sign-off is stale once any entry it was made on changes, attachments included
(issue #13), and adding, re-noting or removing an attachment does not move the entry's own
``updated_at``. So after each write the coverage service reads the attachment rows written since
its last report (``updated_at`` at or after the last one it saw; services/coverage_state.py) to
know which stamped entries to fingerprint again. Without an index that read was a scan of every
attachment row (about 2 ms at 20,000 entries, paid after every write); with it, a seek to the
few rows written. It holds the entry id too, so finding them never reads the table.

Revision ID: 20261203_0014
Revises: 20261203_0013
Create Date: 2026-12-03 16:00:00
"""

from __future__ import annotations

from alembic import op

revision = "20261203_0014"
down_revision = "20261203_0013"
branch_labels = None
depends_on = None

# Kept in step with Attachment.__table_args__ (portfolio/storage/models/attachment.py).
COLUMNS = ["updated_at", "entry_id"]


def upgrade() -> None:
    op.create_index("ix_attachment_updated", "attachment", COLUMNS, unique=False)


def downgrade() -> None:
    op.drop_index("ix_attachment_updated", table_name="attachment")
