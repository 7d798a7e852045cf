"""The reviewer's day (issue 13 item 7): which entries want a reviewer's attention, and why.

Three flags, each from one reviewer's side (plain rules over plain values, tested without a
database; ``services.reviewers_day`` loads the values):

- **new since my last review**: the entry was written or changed after this reviewer last saw it
  (or they have never seen it). "Seen" is recorded when the reviewer opens the entry in the app,
  marks it seen from the command line, or comments on or judges from it.
- **learner replied**: the latest message in the entry's feedback is the learner's, and it came
  after this reviewer last saw the entry.
- **awaiting review**: the entry is evidence (ready for review, with text), no assessor judgement
  in force rests on it as it is now, and no reviewer has commented since it last changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from portfolio.domain.actor import LEARNER_ROLE

NEW, REPLIED, AWAITING = "new", "replied", "awaiting"
FLAG_WORDS = {
    NEW: "new since my last review",
    REPLIED: "learner replied",
    AWAITING: "awaiting review",
}
FILTERS = (NEW, REPLIED, AWAITING)


@dataclass(frozen=True, slots=True)
class EntryFlags:
    """One entry's flags for one reviewer."""

    entry_id: str
    ref: str
    title: str
    new: bool
    replied: bool
    awaiting: bool
    seen_at: datetime | None  # when this reviewer last saw it (None: never)

    def has(self, flag: str) -> bool:
        """True when the entry carries ``flag`` (NEW, REPLIED or AWAITING)."""
        return {NEW: self.new, REPLIED: self.replied, AWAITING: self.awaiting}[flag]

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(FLAG_WORDS[f] for f in FILTERS if self.has(f))

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.entry_id,
            "ref": self.ref,
            "title": self.title,
            "new": self.new,
            "learner_replied": self.replied,
            "awaiting_review": self.awaiting,
            "seen_at": self.seen_at.isoformat() if self.seen_at else None,
        }


def entry_flags(
    *,
    entry_id: str,
    ref: str,
    title: str,
    is_evidence: bool,
    changed_at: datetime,
    seen_at: datetime | None,
    feedback: Iterable[tuple[str, datetime]],
    judged_as_is: bool,
) -> EntryFlags:
    """The flags of one entry for one reviewer.

    ``changed_at``: when the entry was last written; ``seen_at``: when this reviewer last saw it;
    ``feedback``: (author role, when) of each message on it; ``judged_as_is``: an assessor
    judgement in force rests on the entry as it is now (not stale).
    """
    messages = sorted(feedback, key=lambda m: m[1])
    latest = messages[-1] if messages else None
    replied = (
        latest is not None
        and latest[0] == LEARNER_ROLE
        and (seen_at is None or latest[1] > seen_at)
    )
    reviewed_since = any(role != LEARNER_ROLE and when >= changed_at for role, when in messages)
    return EntryFlags(
        entry_id=entry_id,
        ref=ref,
        title=title,
        new=seen_at is None or changed_at > seen_at,
        replied=replied,
        awaiting=is_evidence and not judged_as_is and not reviewed_since,
        seen_at=seen_at,
    )


def parse_filter(value: str) -> str:
    """A filter's key from its key or words ("new", "learner replied" ...).

    Raises:
        ValueError: not a filter; the message lists them.
    """
    word = " ".join(value.strip().lower().replace("-", " ").replace("_", " ").split())
    known = {key: key for key in FILTERS} | {words: key for key, words in FLAG_WORDS.items()}
    if word not in known:
        raise ValueError(f"{value!r} is not a review filter; use new, replied or awaiting.")
    return known[word]
