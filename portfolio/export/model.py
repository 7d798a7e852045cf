"""What an export shows: the read model's records (portfolio.domain.records), filtered by the
learner's choices, with coverage judged by the one set of assessment rules. Read once, then laid
out without touching the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from portfolio.domain.assessment import JudgementView, SignOffView
from portfolio.domain.dto import CoverageReport, LearnerDetails
from portfolio.domain.records import (
    AttachmentInfo,
    CriterionInfo,
    EntryInfo,
    FeedbackInfo,
    FrameworkInfo,
    JudgementRec,
    ObservationRec,
    OutcomeInfo,
    SampleRec,
    SignOffRec,
    TagInfo,
    UnitInfo,
)

if TYPE_CHECKING:  # only an export with charts carries them (services.exporting builds them)
    from portfolio.domain.history import History
    from portfolio.domain.otj import OtjPlan, OtjSummary

# The PDF sections import the records from here, as they always have.
__all__ = [
    "AttachmentInfo",
    "CriterionInfo",
    "EntryInfo",
    "FeedbackInfo",
    "FrameworkInfo",
    "OutcomeInfo",
    "ProgressCharts",
    "Snapshot",
    "TagInfo",
    "UnitInfo",
]


@dataclass(frozen=True, slots=True)
class ProgressCharts:
    """What the optional charts section draws: the same series as the app's charts
    (``services.history`` and ``services.otj``), read when the learner asks for them."""

    today: date
    history: History
    otj_summary: OtjSummary | None = None  # None without an off-the-job plan or log
    otj_plan: OtjPlan | None = None


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
    # The IQA's samples of the exported judgements and sign-offs, oldest first.
    samples: tuple[SampleRec, ...] = ()
    charts: ProgressCharts | None = None  # only when the learner asks for the charts section
    # Assessors' observation records on exported criteria (an evidence item each in the PDF).
    observations: tuple[ObservationRec, ...] = ()

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
        """The running-header name of what is being submitted: the learner's own
        qualification when recorded, else the framework(s) the units come from."""
        if self.learner.qualification:
            return self.learner.qualification
        if not self.frameworks:
            return "No qualification"
        first = self.frameworks[0].label
        more = len(self.frameworks) - 1
        return first if more == 0 else f"{first} and {more} more"
