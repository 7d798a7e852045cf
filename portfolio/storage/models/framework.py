"""Frameworks copied into the file at enrolment, so a portfolio is self-contained.

The verbatim framework JSON is kept in ``FrameworkRecord.document`` (guidance, key terms and
everything else the editor shows); the tree tables below exist so coverage and tagging can
join on criteria with plain SQL.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portfolio.storage.models.base import Base, UTCDateTime, utcnow


class FrameworkRecord(Base):
    __tablename__ = "framework"

    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    level: Mapped[str] = mapped_column(String(20))
    version: Mapped[str] = mapped_column(String(40))
    document: Mapped[str] = mapped_column(Text)  # the framework JSON, verbatim
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    position: Mapped[int] = mapped_column(Integer, default=0)
    # The framework's own words for evidence states, as a JSON object (revision 20261203_0005).
    status_labels: Mapped[str] = mapped_column(Text, default="", server_default="")


class Unit(Base):
    __tablename__ = "unit"

    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    framework_id: Mapped[str] = mapped_column(
        ForeignKey("framework.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    ref: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(Text)


class Outcome(Base):
    __tablename__ = "outcome"

    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    unit_id: Mapped[str] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    short_name: Mapped[str] = mapped_column(String(100), default="", server_default="")
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The framework's sufficiency rule for the outcome as JSON (domain.sufficiency), NULL when
    # none (revision 20261203_0008).
    sufficiency: Mapped[str | None] = mapped_column(Text, nullable=True, default=None)


class Criterion(Base):
    __tablename__ = "criterion"

    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    outcome_id: Mapped[str] = mapped_column(
        ForeignKey("outcome.id", ondelete="CASCADE"), index=True
    )
    # Denormalised so coverage needs no joins up the tree.
    unit_id: Mapped[str] = mapped_column(String(120), index=True)
    framework_id: Mapped[str] = mapped_column(String(120), index=True)
    position: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    short_name: Mapped[str] = mapped_column(String(100), default="", server_default="")
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The criterion this one sits under (Mahara nests elements); not a foreign key, like
    # evidence links, so a framework update can replace the rows in any order.
    parent_id: Mapped[str | None] = mapped_column(String(120), default=None)
    source_id: Mapped[str] = mapped_column(String(100), default="", server_default="")
    # The rule in force for this criterion (its own over its outcome's) as JSON
    # (domain.sufficiency), NULL when none (revision 20261203_0008).
    sufficiency: Mapped[str | None] = mapped_column(Text, nullable=True, default=None)
