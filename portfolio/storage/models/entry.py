"""An evidence entry: when, how, and its reflective writing in the learner's words.

The six text columns are the entry's section slots: a STAR entry uses the first five by name;
another reflective model (``model``) keeps its sections in them in order (see
``portfolio.domain.reflective``).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Float, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portfolio.storage.models.base import Base, TimestampMixin, UTCDateTime, UUIDMixin


class Entry(UUIDMixin, TimestampMixin, Base):
    __tablename__ = "entry"
    # ix_entry_list covers the entry list and the coverage report without reading the STAR text
    # (migration 20261123_0003 creates it; the columns are in the order the list filters and
    # sorts).
    __table_args__ = (
        Index(
            "ix_entry_list",
            "deleted_at",
            "ref_no",
            "id",
            "title",
            "status",
            "event_date",
            "method",
            "hours",
            "updated_at",
        ),
        # What coverage kept up to date reads after a write: the entries written since its
        # last report (migration 20261203_0013).
        Index("ix_entry_updated", "updated_at", "id"),
    )

    # E1, E2 ...: never reused, so references in exported PDFs stay meaningful.
    ref_no: Mapped[int] = mapped_column(Integer, unique=True)
    title: Mapped[str] = mapped_column(Text, default="")
    event_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    method: Mapped[str] = mapped_column(String(40), default="reflective_account")
    hours: Mapped[float] = mapped_column(Float, default=0.0)
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    situation: Mapped[str] = mapped_column(Text, default="")
    task: Mapped[str] = mapped_column(Text, default="")
    action: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str] = mapped_column(Text, default="")
    reflection: Mapped[str] = mapped_column(Text, default="")
    extra: Mapped[str] = mapped_column(Text, default="", server_default="")
    model: Mapped[str] = mapped_column(String(20), default="star", server_default="star")
    witness_name: Mapped[str] = mapped_column(String(200), default="")
    witness_job_title: Mapped[str] = mapped_column(String(200), default="")
    witness_relationship: Mapped[str] = mapped_column(String(200), default="")
    # Soft delete: a deleted entry can be restored until the learner empties it for good.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True, index=True)

    @property
    def ref(self) -> str:
        return f"E{self.ref_no}"
