"""EvidenceLink: the learner's claim that an entry meets a criterion, and how."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portfolio.storage.models.base import Base, TimestampMixin, UUIDMixin


class EvidenceLink(UUIDMixin, TimestampMixin, Base):
    __tablename__ = "evidence_link"
    __table_args__ = (UniqueConstraint("entry_id", "criterion_id"),)

    entry_id: Mapped[str] = mapped_column(ForeignKey("entry.id", ondelete="CASCADE"), index=True)
    # Not a foreign key: a tag must survive a framework update that drops its criterion,
    # so the learner can be shown what vanished (issue 10) instead of losing it silently.
    criterion_id: Mapped[str] = mapped_column(String(120), index=True)
    justification: Mapped[str] = mapped_column(Text, default="")
