"""Changes: which kinds of record an operation changed, and who started it (anki's OpChanges).

The UI's one ``changed`` signal carries this, so each page refreshes only what it shows, and the
editor ignores the saves it started itself (autosave never moves the learner's cursor).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Changes:
    entries: bool = False
    evidence: bool = False
    attachments: bool = False
    learner: bool = False
    frameworks: bool = False
    review: bool = False
    otj: bool = False  # the off-the-job training log or plan
    initiator: object | None = None
    # When only some entries changed (an autosave), their ids: lists refresh just those rows.
    # Empty means "any entry may have changed".
    entry_ids: tuple[str, ...] = ()

    @property
    def coverage(self) -> bool:
        """Coverage depends on entries (status), evidence links, frameworks and judgements."""
        return self.entries or self.evidence or self.frameworks or self.review
