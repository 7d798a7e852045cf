"""The learner's decisions about personal data typed into entries (issue 15 item 4).

PersonalDataChoice: for one entry and one flagged item (keyed by its normalised text, so
"Mrs Okafor" and "mrs  okafor" are the same item), whether the learner kept it on purpose
("kept": the export check and the exports then let it through) or replaced it ("replaced", with
what). Keyed by text, not position, so a kept item stays kept while the rest of the entry is
edited.

PersonalDataMemory: per portfolio, what the learner last replaced an item with ("okafor" ->
"the customer"), offered first the next time the same item is flagged in any entry.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portfolio.storage.models.base import Base, TimestampMixin, UUIDMixin


class PersonalDataChoice(UUIDMixin, TimestampMixin, Base):
    __tablename__ = "personal_data_choice"
    __table_args__ = (UniqueConstraint("entry_id", "text_key"),)

    entry_id: Mapped[str] = mapped_column(ForeignKey("entry.id", ondelete="CASCADE"), index=True)
    text_key: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(String(200))  # as the learner saw it when choosing
    category: Mapped[str] = mapped_column(String(30))
    choice: Mapped[str] = mapped_column(String(10))  # "kept" | "replaced"
    replacement: Mapped[str] = mapped_column(Text, default="")
    chosen_by: Mapped[str] = mapped_column(String(200), default="")


class PersonalDataMemory(TimestampMixin, Base):
    __tablename__ = "personal_data_memory"

    text_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    category: Mapped[str] = mapped_column(String(30))
    replacement: Mapped[str] = mapped_column(Text)
