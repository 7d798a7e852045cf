"""Reviewer records: threaded feedback, criterion judgements and unit sign-offs.

Every row has a stable UUID so a reviewer's copy can be merged into the learner's file.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portfolio.storage.models.base import Base, UTCDateTime, UUIDMixin, utcnow


class Feedback(UUIDMixin, Base):
    __tablename__ = "feedback"

    entry_id: Mapped[str] = mapped_column(ForeignKey("entry.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    author_name: Mapped[str] = mapped_column(String(200))
    author_role: Mapped[str] = mapped_column(String(20))  # "learner" or a ReviewerRole
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class CriterionJudgement(UUIDMixin, Base):
    """One decision; the latest per criterion is the one in force."""

    __tablename__ = "criterion_judgement"

    criterion_id: Mapped[str] = mapped_column(String(120), index=True)
    judgement: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    reviewer_name: Mapped[str] = mapped_column(String(200))
    reviewer_role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # JSON stamps of the entries it was made on (migration 20261203_0004); NULL before it.
    evidence: Mapped[str | None] = mapped_column(Text, nullable=True, default=None)
    # The reviewer's Ed25519 signature over the decision and their public key (base64); NULL
    # when unsigned (portfolio/review/signing.py).
    signature: Mapped[str | None] = mapped_column(Text, nullable=True, default=None)
    public_key: Mapped[str | None] = mapped_column(Text, nullable=True, default=None)


class SignOff(UUIDMixin, Base):
    __tablename__ = "signoff"

    unit_id: Mapped[str] = mapped_column(String(120), index=True)
    reviewer_name: Mapped[str] = mapped_column(String(200))
    reviewer_role: Mapped[str] = mapped_column(String(20))
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    evidence_fingerprint: Mapped[str] = mapped_column(String(64))
    # JSON stamps of the entries, and criterion id -> [judgement id, number] of the judgements
    # in force, that it covered (migration 20261203_0004); NULL before it.
    evidence: Mapped[str | None] = mapped_column(Text, nullable=True, default=None)
    judgements: Mapped[str | None] = mapped_column(Text, nullable=True, default=None)
    # The reviewer's Ed25519 signature over the decision and their public key (base64); NULL
    # when unsigned (portfolio/review/signing.py).
    signature: Mapped[str | None] = mapped_column(Text, nullable=True, default=None)
    public_key: Mapped[str | None] = mapped_column(Text, nullable=True, default=None)


class IqaSample(UUIDMixin, Base):
    """An IQA's "agree" or "refer" against an assessor's judgement or sign-off (never a
    replacement for it)."""

    __tablename__ = "iqa_sample"

    target_kind: Mapped[str] = mapped_column(String(20))  # "judgement" | "signoff"
    target_id: Mapped[str] = mapped_column(String(36), index=True)
    decision: Mapped[str] = mapped_column(String(20))  # "agree" | "refer"
    reason: Mapped[str] = mapped_column(Text, default="")
    reviewer_name: Mapped[str] = mapped_column(String(200))
    reviewer_role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The reviewer's Ed25519 signature over the decision and their public key (base64); NULL
    # when unsigned (portfolio/review/signing.py).
    signature: Mapped[str | None] = mapped_column(Text, nullable=True, default=None)
    public_key: Mapped[str | None] = mapped_column(Text, nullable=True, default=None)


class Observation(UUIDMixin, Base):
    """An assessor's observation record (issue 13 item 7): evidence of the observation method,
    written and signed by the assessor, for the criteria it names (revision 20261203_0008).
    Never edited: a correction is a new record."""

    __tablename__ = "observation"

    observed_on: Mapped[date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(Text)
    seen: Mapped[str] = mapped_column(Text)  # what was seen, in the assessor's words
    criteria: Mapped[str] = mapped_column(Text)  # JSON list of criterion ids
    reviewer_name: Mapped[str] = mapped_column(String(200))
    reviewer_role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    signature: Mapped[str | None] = mapped_column(Text, nullable=True, default=None)
    public_key: Mapped[str | None] = mapped_column(Text, nullable=True, default=None)


class ReviewSeen(UUIDMixin, Base):
    """When a reviewer last saw (reviewed) an entry: "new since my last review" is judged
    against it (revision 20261203_0008). One row per reviewer name and entry."""

    __tablename__ = "review_seen"
    __table_args__ = (UniqueConstraint("entry_id", "reviewer_name"),)

    entry_id: Mapped[str] = mapped_column(ForeignKey("entry.id", ondelete="CASCADE"), index=True)
    reviewer_name: Mapped[str] = mapped_column(String(200))
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
