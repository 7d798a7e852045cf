"""The learner's details, their anonymisation term list and kept list, and per-portfolio
settings."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portfolio.storage.models.base import Base, TimestampMixin, UUIDMixin


class Learner(UUIDMixin, TimestampMixin, Base):
    """Exactly one row per portfolio file."""

    __tablename__ = "learner"

    name: Mapped[str] = mapped_column(String(200))
    learner_number: Mapped[str] = mapped_column(String(100), default="")
    centre: Mapped[str] = mapped_column(String(200), default="")
    employer: Mapped[str] = mapped_column(String(200), default="")
    # Revision 20261203_0011: what a centre's cover sheet names.
    registration_number: Mapped[str] = mapped_column(String(100), default="", server_default="")
    centre_number: Mapped[str] = mapped_column(String(100), default="", server_default="")
    qualification: Mapped[str] = mapped_column(String(300), default="", server_default="")
    assessor: Mapped[str] = mapped_column(String(200), default="", server_default="")
    iqa: Mapped[str] = mapped_column(String(200), default="", server_default="")


class AnonymisationTerm(UUIDMixin, TimestampMixin, Base):
    """A word or phrase the learner wants removed from every attachment (colleagues, places)."""

    __tablename__ = "anonymisation_term"

    text: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(40), default="other")


class KeptText(UUIDMixin, TimestampMixin, Base):
    """A word the learner said is not personal ("Dettol", "Brakes"): the anonymiser leaves it in
    every document they attach, as a spell-checker's "add to dictionary" (revision 0016).

    ``text_key`` is the text as the anonymiser compares findings (case- and spacing-insensitive,
    ``domain.text_match.normalise``), so a keep covers exactly that text and no other.
    """

    __tablename__ = "kept_text"

    text: Mapped[str] = mapped_column(String(200))
    text_key: Mapped[str] = mapped_column(String(200), unique=True)


class Setting(Base):
    """Per-portfolio preferences (not per-machine UI state, which lives in QSettings)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
