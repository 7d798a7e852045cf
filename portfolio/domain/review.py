"""Frozen records returned by the reviewing services: feedback, judgements, sign-offs, merges and
the group overview. Plain data only, so the CLI, the UI and the PDF can all use them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from portfolio.domain.actor import LEARNER_ROLE

ROLE_LABELS = {
    LEARNER_ROLE: "Learner",
    "tutor": "Tutor",
    "assessor": "Assessor",
    "iqa": "Internal quality assurer",
}


def role_label(role: str) -> str:
    return ROLE_LABELS.get(role, role.title())


@dataclass(frozen=True, slots=True)
class FeedbackItem:
    """One comment or reply; ``unread`` is from the point of view of whoever asked."""

    id: str
    entry_id: str
    parent_id: str | None
    author_name: str
    author_role: str
    body: str
    created_at: datetime
    read_at: datetime | None
    depth: int = 0
    unread: bool = False

    @property
    def by_reviewer(self) -> bool:
        return self.author_role != LEARNER_ROLE


@dataclass(frozen=True, slots=True)
class JudgementRecord:
    id: str
    criterion_id: str
    criterion_number: str
    judgement: str  # Judgement value: "met" | "not_yet"
    reason: str
    reviewer_name: str
    reviewer_role: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class SignOffStatus:
    """The sign-off in force for a unit (the latest), compared with the evidence as it is now."""

    unit_id: str
    unit_label: str
    signoff_id: str | None = None
    reviewer_name: str = ""
    reviewer_role: str = ""
    signed_at: datetime | None = None
    fingerprint: str = ""
    current_fingerprint: str = ""  # computed only for signed units (empty when not signed)

    @property
    def signed(self) -> bool:
        return self.signoff_id is not None

    @property
    def evidence_changed(self) -> bool:
        """True when the learner edited the unit's evidence after it was signed off."""
        return self.signed and self.fingerprint != self.current_fingerprint

    @property
    def state_label(self) -> str:
        if not self.signed:
            return "Not signed off"
        if self.evidence_changed:
            return "Evidence changed since sign-off"
        return "Signed off"

    def to_json(self) -> dict[str, object]:
        return {
            "unit_id": self.unit_id,
            "unit": self.unit_label,
            "signed": self.signed,
            "reviewer": self.reviewer_name,
            "role": self.reviewer_role,
            "signed_at": self.signed_at.isoformat() if self.signed_at else None,
            "evidence_changed": self.evidence_changed,
            "state": self.state_label,
        }


@dataclass(frozen=True, slots=True)
class MergeReport:
    """What a merge brought into the learner's file, and what it had to leave out (and why)."""

    feedback: int = 0
    judgements: int = 0
    signoffs: int = 0
    audit_events: int = 0
    skipped: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.feedback or self.judgements or self.signoffs or self.audit_events)

    def to_json(self) -> dict[str, object]:
        return {
            "feedback": self.feedback,
            "judgements": self.judgements,
            "signoffs": self.signoffs,
            "audit_events": self.audit_events,
            "skipped": list(self.skipped),
        }


@dataclass(frozen=True, slots=True)
class UnitProgress:
    unit_id: str
    ref: str
    title: str
    criteria: int
    evidenced: int
    met: int
    signed_off: bool = False
    signoff_changed: bool = False

    @property
    def label(self) -> str:
        return f"{self.ref}: {self.title}"


@dataclass(frozen=True, slots=True)
class LearnerSummary:
    """One learner's row in the group overview."""

    path: Path
    learner_id: str
    name: str
    learner_number: str
    units: tuple[UnitProgress, ...]
    entries: int
    awaiting_review: int
    last_activity: datetime | None

    def unit(self, unit_id: str) -> UnitProgress | None:
        return next((u for u in self.units if u.unit_id == unit_id), None)


@dataclass(frozen=True, slots=True)
class ScanFailure:
    path: Path
    reason: str


@dataclass(frozen=True, slots=True)
class GroupOverview:
    folder: Path
    learners: tuple[LearnerSummary, ...]
    failures: tuple[ScanFailure, ...]
    # Every unit any learner is enrolled on, in first-seen order: (unit id, ref, title).
    units: tuple[tuple[str, str, str], ...] = ()
