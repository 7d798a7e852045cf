"""The apprentice's off-the-job (OTJ) training: the plan, the categories and the activities.

Named "training" here so the ORM classes never collide with the plain records of
``portfolio.domain.otj`` that services hand out.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portfolio.storage.models.base import Base, TimestampMixin, UUIDMixin


class TrainingPlan(UUIDMixin, TimestampMixin, Base):
    """The training plan's dates and hours; a portfolio has at most one row."""

    __tablename__ = "otj_plan"

    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    weekly_hours: Mapped[float] = mapped_column(Float)
    planned_hours: Mapped[float] = mapped_column(Float)


class TrainingCategory(Base):
    """One category of OTJ activity; the defaults are added by the migration."""

    __tablename__ = "otj_category"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    label: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(Integer, default=0)


class TrainingActivity(UUIDMixin, TimestampMixin, Base):
    __tablename__ = "otj_activity"

    activity_date: Mapped[date] = mapped_column(Date, index=True)
    hours: Mapped[float] = mapped_column(Float)
    category: Mapped[str] = mapped_column(String(60))
    description: Mapped[str] = mapped_column(Text, default="")
    # The entry this activity was logged from, if any; the entry being deleted keeps the hours.
    entry_id: Mapped[str | None] = mapped_column(
        ForeignKey("entry.id", ondelete="SET NULL"), nullable=True, index=True
    )


class TrainingActivityCriterion(UUIDMixin, Base):
    """A criterion an activity relates to (not a claim of evidence: that is an entry's tag)."""

    __tablename__ = "otj_activity_criterion"
    __table_args__ = (UniqueConstraint("activity_id", "criterion_id"),)

    activity_id: Mapped[str] = mapped_column(
        ForeignKey("otj_activity.id", ondelete="CASCADE"), index=True
    )
    criterion_id: Mapped[str] = mapped_column(String(120))
