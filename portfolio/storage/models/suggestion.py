"""What the suggester learns from, kept in the file.

SuggestionFeedback: a criterion the learner said an entry does NOT evidence. Confirmed tags are
already evidence links; rejections are kept here so the suggester learns from both
(portfolio.writing.learning). A row is only a learner's "not this one": it is never shown to an
assessor and carries no text.

SuggestionVector: a cache of the term vector of an entry the model learns from, keyed by a hash
of the entry's text, so opening a portfolio with hundreds of tagged entries does not re-analyse
them all. Derived data: deleting every row loses nothing.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portfolio.storage.models.base import Base, TimestampMixin, UUIDMixin


class SuggestionFeedback(UUIDMixin, TimestampMixin, Base):
    __tablename__ = "suggestion_feedback"
    __table_args__ = (UniqueConstraint("entry_id", "criterion_id"),)

    entry_id: Mapped[str] = mapped_column(ForeignKey("entry.id", ondelete="CASCADE"), index=True)
    # Not a foreign key, like evidence_link.criterion_id: it must survive a framework update.
    criterion_id: Mapped[str] = mapped_column(String(120))
    verdict: Mapped[str] = mapped_column(String(20), default="rejected")


class SuggestionVector(Base):
    __tablename__ = "suggestion_vector"

    entry_id: Mapped[str] = mapped_column(
        ForeignKey("entry.id", ondelete="CASCADE"), primary_key=True
    )
    text_hash: Mapped[str] = mapped_column(String(64))
    terms: Mapped[str] = mapped_column(Text)  # JSON object: term -> weight
