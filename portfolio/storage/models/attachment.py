"""Attachments: content-addressed blobs (SHA-256, deduplicated) and their use by entries."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column

from portfolio.storage.models.base import Base, TimestampMixin, UUIDMixin


class Blob(TimestampMixin, Base):
    __tablename__ = "blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    # Deferred: listing attachments must never pull megabytes of bytes into memory.
    data: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))


class Attachment(UUIDMixin, TimestampMixin, Base):
    __tablename__ = "attachment"
    # What coverage kept up to date reads after a write: the attachments written since its last
    # report, whose entries' fingerprints may have changed (migration 20261203_0014).
    __table_args__ = (Index("ix_attachment_updated", "updated_at", "entry_id"),)

    entry_id: Mapped[str] = mapped_column(ForeignKey("entry.id", ondelete="CASCADE"), index=True)
    blob_sha256: Mapped[str] = mapped_column(ForeignKey("blob.sha256"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    note: Mapped[str] = mapped_column(Text, default="")
