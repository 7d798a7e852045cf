"""Frozen records returned by the reviewing services: feedback, judgements, sign-offs, merges and
the group overview. Plain data only, so the CLI, the UI and the PDF can all use them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from portfolio.domain.actor import LEARNER_ROLE
from portfolio.domain.assessment import SignOffView
from portfolio.domain.changes import Changes
from portfolio.domain.otj import OtjSummary

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
class JudgementResult:
    """What ``judge`` recorded, and what it changed."""

    record: JudgementRecord
    changes: Changes


@dataclass(frozen=True, slots=True)
class SampleRecord:
    id: str
    target_kind: str  # "judgement" | "signoff"
    target_id: str
    target_label: str  # "criterion 1.2" / "unit BWRC"
    decision: str  # "agree" | "refer"
    reason: str
    reviewer_name: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class SampleResult:
    record: SampleRecord
    changes: Changes


@dataclass(frozen=True, slots=True)
class SignOffStatus:
    """A unit and its latest sign-off, judged by the rules (valid or void), if it has one."""

    unit_id: str
    unit_label: str
    view: SignOffView | None = None

    @property
    def signed(self) -> bool:
        return self.view is not None

    @property
    def valid(self) -> bool:
        return self.view is not None and self.view.valid

    @property
    def void(self) -> bool:
        return self.view is not None and not self.view.valid

    @property
    def evidence_changed(self) -> bool:
        """True when the sign-off no longer stands (kept for older callers; see ``void``)."""
        return self.void

    @property
    def signoff_id(self) -> str | None:
        return self.view.record.id if self.view else None

    @property
    def reviewer_name(self) -> str:
        return self.view.record.reviewer_name if self.view else ""

    @property
    def reviewer_role(self) -> str:
        return self.view.record.reviewer_role if self.view else ""

    @property
    def signed_at(self) -> datetime | None:
        return self.view.record.signed_at if self.view else None

    @property
    def fingerprint(self) -> str:
        return self.view.record.evidence_fingerprint if self.view else ""

    @property
    def state_label(self) -> str:
        if self.view is None:
            return "Not signed off"
        if self.view.valid:
            return "Signed off"
        return f"Void: {self.view.reason}"

    def to_json(self) -> dict[str, object]:
        return {
            "unit_id": self.unit_id,
            "unit": self.unit_label,
            "signed": self.signed,
            "signoff_id": self.signoff_id,
            "state": "none" if self.view is None else self.view.state,
            "reason": self.view.reason or None if self.view else None,
            "by": self.reviewer_name or None,
            "role": self.reviewer_role or None,
            "date": self.signed_at.isoformat() if self.signed_at else None,
            "label": self.state_label,
        }


@dataclass(frozen=True, slots=True)
class SignOffResult:
    status: SignOffStatus
    changes: Changes


@dataclass(frozen=True, slots=True)
class MergeReport:
    """What a merge brought into the learner's file, what it left out (and why), and the
    conflicts it found and did not resolve (issue 13)."""

    feedback: int = 0
    judgements: int = 0
    signoffs: int = 0
    audit_events: int = 0
    skipped: tuple[str, ...] = ()
    samples: int = 0
    conflicts: tuple[str, ...] = ()
    changes: Changes = field(default_factory=Changes)
    observations: int = 0

    @property
    def changed(self) -> bool:
        return bool(
            self.feedback
            or self.judgements
            or self.signoffs
            or self.samples
            or self.observations
            or self.audit_events
        )

    def to_json(self) -> dict[str, object]:
        return {
            "feedback": self.feedback,
            "judgements": self.judgements,
            "signoffs": self.signoffs,
            "samples": self.samples,
            "observations": self.observations,
            "audit_events": self.audit_events,
            "added": {
                "feedback": self.feedback,
                "judgements": self.judgements,
                "signoffs": self.signoffs,
                "samples": self.samples,
                "observations": self.observations,
            },
            "skipped": list(self.skipped),
            "conflicts": list(self.conflicts),
        }


@dataclass(frozen=True, slots=True)
class UnitProgress:
    unit_id: str
    ref: str
    title: str
    criteria: int
    evidenced: int
    met: int
    drafts: int = 0  # criteria with draft evidence only
    reopened: int = 0  # criteria whose judgement is stale or referred by an IQA
    insufficient: int = 0  # criteria whose evidence falls short of the framework's rule
    signoff_state: str = "none"  # "none" | "valid" | "void" (portfolio.domain.assessment)
    signoff_reason: str = ""  # why it is void
    signoff_by: str = ""
    signoff_date: datetime | None = None

    @property
    def signed_off(self) -> bool:
        """A sign-off that stands (a void one is never counted as signed)."""
        return self.signoff_state == "valid"

    @property
    def signoff_void(self) -> bool:
        return self.signoff_state == "void"

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
    # The off-the-job summary (None: no training plan and nothing logged) (issue 21).
    otj: OtjSummary | None = None
    # When evidence (a ready entry with text, or an observation record) was last added or
    # changed; None when there is none.
    last_evidence: datetime | None = None

    def unit(self, unit_id: str) -> UnitProgress | None:
        return next((u for u in self.units if u.unit_id == unit_id), None)

    @property
    def otj_behind(self) -> bool:
        """Behind on off-the-job hours: a plan, and fewer hours logged than planned to date."""
        return self.otj is not None and self.otj.has_plan and not self.otj.on_track

    def no_new_evidence(self, now: datetime, weeks: int) -> bool:
        """No evidence added or changed in the last ``weeks`` weeks (or none at all)."""
        return self.last_evidence is None or self.last_evidence < now - timedelta(weeks=weeks)


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
