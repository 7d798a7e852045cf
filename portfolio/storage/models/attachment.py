"""Attachments: content-addressed blobs (SHA-256, deduplicated) and their use by entries."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text
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

    entry_id: Mapped[str] = mapped_column(ForeignKey("entry.id", ondelete="CASCADE"), index=True)
    blob_sha256: Mapped[str] = mapped_column(ForeignKey("blob.sha256"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    note: Mapped[str] = mapped_column(Text, default="")
