"""Frozen records an export works from: read once, then laid out without touching the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from portfolio.domain.assessment import JudgementView, SignOffView
from portfolio.domain.dto import CoverageReport, LearnerDetails, Witness
from portfolio.domain.records import JudgementRec, SignOffRec


@dataclass(frozen=True, slots=True)
class CriterionInfo:
    id: str
    number: str
    text: str
    unit_id: str
    outcome_id: str


@dataclass(frozen=True, slots=True)
class OutcomeInfo:
    id: str
    number: str
    text: str
    criteria: tuple[CriterionInfo, ...]


@dataclass(frozen=True, slots=True)
class UnitInfo:
    id: str
    ref: str
    title: str
    framework_id: str
    outcomes: tuple[OutcomeInfo, ...]

    @property
    def label(self) -> str:
        return f"Unit {self.ref}: {self.title}"

    def criteria(self) -> tuple[CriterionInfo, ...]:
        return tuple(c for o in self.outcomes for c in o.criteria)


@dataclass(frozen=True, slots=True)
class FrameworkInfo:
    id: str
    title: str
    level: str
    version: str
    awarding_body: str
    qualifications: tuple[str, ...]
    units: tuple[UnitInfo, ...]

    @property
    def label(self) -> str:
        return f"{self.title} (Level {self.level})"


@dataclass(frozen=True, slots=True)
class TagInfo:
    criterion_id: str
    number: str
    text: str
    unit_id: str
    justification: str


@dataclass(frozen=True, slots=True)
class FeedbackInfo:
    id: str
    author_name: str
    author_role: str
    body: str
    created_at: datetime
    parent_id: str | None


@dataclass(frozen=True, slots=True)
class AttachmentInfo:
    id: str
    entry_id: str
    sha256: str
    filename: str
    media_type: str
    note: str
    size: int

    @property
    def kind(self) -> str:
        """ "image" (placed in the entry), "pdf" (an appendix) or "other" (listed)."""
        media = self.media_type.lower()
        name = self.filename.lower()
        if media in ("image/png", "image/jpeg") or name.endswith((".png", ".jpg", ".jpeg")):
            return "image"
        if media == "application/pdf" or name.endswith(".pdf"):
            return "pdf"
        return "other"


@dataclass(frozen=True, slots=True)
class EntryInfo:
    id: str
    ref_no: int
    title: str
    event_date: date | None
    method: str
    hours: float
    status: str
    sections: tuple[tuple[str, str, str], ...]  # (key, label, text) in STAR order
    witness: Witness
    tags: tuple[TagInfo, ...]
    feedback: tuple[FeedbackInfo, ...]
    attachments: tuple[AttachmentInfo, ...]

    @property
    def ref(self) -> str:
        return f"E{self.ref_no}"


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Everything one export shows, already filtered by the learner's choices."""

    learner: LearnerDetails
    frameworks: tuple[FrameworkInfo, ...]
    entries: tuple[EntryInfo, ...]
    judgements: tuple[JudgementRec, ...]  # every judgement on an exported criterion, oldest first
    signoffs: tuple[SignOffRec, ...]
    coverage: CoverageReport  # judged by portfolio.domain.assessment: the one set of rules
    generated_at: datetime
    show_employer: bool = False
    include_feedback: bool = True

    @property
    def units(self) -> tuple[UnitInfo, ...]:
        return tuple(u for f in self.frameworks for u in f.units)

    def judgement(self, criterion_id: str) -> JudgementView | None:
        """The assessor's judgement in force for a criterion, compared with the evidence now."""
        if not self.include_feedback:
            return None
        return self.coverage.criterion(criterion_id).judgement

    def signoff(self, unit_id: str) -> SignOffView | None:
        """The unit's latest sign-off, valid or void by the rules, if it has one."""
        return self.coverage.signoff(unit_id)

    def qualification_line(self) -> str:
        """The running-header name of what is being submitted."""
        if not self.frameworks:
            return "No qualification"
        first = self.frameworks[0].label
        more = len(self.frameworks) - 1
        return first if more == 0 else f"{first} and {more} more"
