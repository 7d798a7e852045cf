"""Frozen dataclasses that services return: only these (and ids) leave a database session."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from portfolio.domain.assessment import STATUS_WORDS, JudgementView, SignOffView
from portfolio.domain.enums import CriterionState
from portfolio.domain.records import LearnerDetails, Witness

__all__ = [
    "CoverageReport",
    "CriterionCoverage",
    "EntryDetail",
    "EntrySummary",
    "Gap",
    "GroupCoverage",
    "LearnerDetails",
    "TagDetail",
    "Witness",
]


@dataclass(frozen=True, slots=True)
class TagDetail:
    criterion_id: str
    number: str
    text: str
    justification: str
    unit_id: str


@dataclass(frozen=True, slots=True)
class EntrySummary:
    id: str
    ref: str
    title: str
    event_date: date | None
    method: str
    status: str
    hours: float
    criteria_count: int
    updated_at: datetime
    unread_feedback: int = 0
    deleted_at: datetime | None = None  # set while the entry is in the bin


@dataclass(frozen=True, slots=True)
class EntryDetail:
    id: str
    ref: str
    title: str
    event_date: date | None
    method: str
    hours: float
    status: str
    sections: dict[str, str]  # the model's section keys, in its order
    witness: Witness
    tags: tuple[TagDetail, ...]
    created_at: datetime
    updated_at: datetime
    deleted: bool = False
    model: str = "star"  # the reflective model (portfolio.domain.reflective)

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "ref": self.ref,
            "title": self.title,
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "method": self.method,
            "hours": self.hours,
            "status": self.status,
            # A STAR entry's sections stay top-level keys too, as before models existed.
            **(self.sections if self.model == "star" else {}),
            "model": self.model,
            "sections": dict(self.sections),
            "witness": {
                "name": self.witness.name,
                "job_title": self.witness.job_title,
                "relationship": self.witness.relationship,
            },
            "tags": [
                {
                    "criterion_id": t.criterion_id,
                    "number": t.number,
                    "justification": t.justification,
                }
                for t in self.tags
            ],
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class CriterionCoverage:
    id: str
    number: str
    text: str
    unit_id: str
    outcome_id: str
    framework_id: str
    status: CriterionState
    entries: tuple[str, ...]  # every tagged entry's id (evidence or not), in reference order
    entry_refs: tuple[str, ...]
    draft_only: bool  # status is "draft": tagged only by drafts or entries without text
    judgement: JudgementView | None  # the assessor's judgement in force, compared with now
    evidence: tuple[str, ...] = ()  # the entries that count: ready for review, with text
    detail: str = ""  # what goes with the status: who judged and when, or why it is stale
    observations: tuple[str, ...] = ()  # observation records that count as its evidence
    shortfall: str = ""  # what the framework's sufficiency rule still wants ("" when met)
    rule: str = ""  # the framework's sufficiency rule for it, in words ("" when none)
    # The framework's own word for this state (e.g. Mahara's "Completed" for met), or "".
    framework_label: str = ""

    @property
    def evidence_refs(self) -> tuple[str, ...]:
        refs = dict(zip(self.entries, self.entry_refs, strict=True))
        return tuple(refs[e] for e in self.evidence)

    @property
    def status_words(self) -> str:
        """The state in words: the framework's own label where it has one, else ours."""
        return self.framework_label or STATUS_WORDS[self.status]


@dataclass(frozen=True, slots=True)
class GroupCoverage:
    """Progress of a framework, unit or learning outcome."""

    id: str
    label: str  # "Unit BWRC: ..." / "LO 1: ..."
    total: int
    evidenced: int
    met: int
    parent_id: str | None = None

    @property
    def fraction_evidenced(self) -> float:
        return self.evidenced / self.total if self.total else 0.0

    @property
    def fraction_met(self) -> float:
        return self.met / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class Gap:
    kind: str  # "no_evidence" | "drafts_only" | "missing_justification" | "untagged_entry"
    message: str
    criterion_id: str | None = None
    criterion_number: str | None = None
    entry_id: str | None = None
    entry_ref: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "criterion_id": self.criterion_id,
            "number": self.criterion_number,
            "entry_id": self.entry_id,
            "ref": self.entry_ref,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class CoverageReport:
    criteria: tuple[CriterionCoverage, ...]
    frameworks: tuple[GroupCoverage, ...]
    units: tuple[GroupCoverage, ...]
    outcomes: tuple[GroupCoverage, ...]
    gaps: tuple[Gap, ...]
    signoffs: tuple[SignOffView, ...] = ()  # the latest sign-off of each signed unit
    _by_id: dict[str, CriterionCoverage] = field(default_factory=dict, compare=False, repr=False)

    def criterion(self, criterion_id: str) -> CriterionCoverage:
        if not self._by_id:
            self._by_id.update({c.id: c for c in self.criteria})
        return self._by_id[criterion_id]

    def signoff(self, unit_id: str) -> SignOffView | None:
        """The latest sign-off of a unit, judged by the rules (valid or void), if any."""
        return next((o for o in self.signoffs if o.record.unit_id == unit_id), None)

    def to_json(self) -> dict[str, object]:
        """The ``coverage --json`` contract (DESIGN.md, issue 13), plus a few helpful extras."""
        return {
            "criteria": [
                {
                    "id": c.id,
                    "number": c.number,
                    "text": c.text,
                    "unit_id": c.unit_id,
                    "status": c.status.value,
                    "status_label": c.status_words,
                    "entries": list(c.evidence),
                    "refs": list(c.evidence_refs),
                    "drafts": [e for e in c.entries if e not in c.evidence],
                    "detail": c.detail,
                    "observations": list(c.observations),
                    "insufficient": c.shortfall or None,
                    "rule": c.rule or None,
                    "judgement": None if c.judgement is None else c.judgement.to_json(),
                }
                for c in self.criteria
            ],
            "units": [
                {
                    "id": u.id,
                    "label": u.label,
                    "framework_id": u.parent_id,
                    "criteria": u.total,
                    "evidenced": u.evidenced,
                    "met": u.met,
                }
                for u in self.units
            ],
            "gaps": [g.to_json() for g in self.gaps],
            "signoffs": [o.to_json() for o in self.signoffs],
        }
