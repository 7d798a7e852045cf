"""The read model: frozen records of what a portfolio file holds, one kind per table.

``portfolio.services.records`` is the one place that maps database rows to these; coverage, the
PDF export, LEAP2A export, the group overview and the app all read them. Plain data only, so
the assessment rules (``portfolio.domain.assessment``) are tested without a database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from portfolio.domain.sufficiency import SufficiencyRule

# -- the learner (table learner) and an entry's witness ----------------------------------------


@dataclass(frozen=True, slots=True)
class LearnerDetails:
    name: str
    learner_number: str = ""  # the ULN or the centre's own learner number
    centre: str = ""
    employer: str = ""
    registration_number: str = ""  # the awarding body's registration number
    centre_number: str = ""
    qualification: str = ""  # the learner's own qualification, as registered
    assessor: str = ""
    iqa: str = ""


@dataclass(frozen=True, slots=True)
class Witness:
    name: str = ""
    job_title: str = ""
    relationship: str = ""


# -- the framework tree (tables framework, unit, outcome, criterion) ---------------------------


@dataclass(frozen=True, slots=True)
class CriterionInfo:
    id: str
    number: str
    text: str
    unit_id: str
    outcome_id: str
    framework_id: str = ""
    # The framework's sufficiency rule for it (its own, over its outcome's); None: one piece of
    # ready evidence of any method is sufficient.
    rule: SufficiencyRule | None = None


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
    # The framework's own words for evidence states (key -> label, e.g. "met" -> "Completed"),
    # kept from a Mahara SmartEvidence import; empty for most frameworks.
    status_labels: tuple[tuple[str, str], ...] = ()

    @property
    def label(self) -> str:
        return f"{self.title} (Level {self.level})"

    def status_label(self, key: str | None) -> str:
        """The framework's own label for an evidence state, or "" when it has none."""
        return dict(self.status_labels).get(key, "") if key else ""


@dataclass(frozen=True, slots=True)
class TagInfo:
    """An entry's tag: the criterion ("" number and text when it vanished from its framework)
    and the learner's justification."""

    criterion_id: str
    number: str
    text: str
    unit_id: str
    justification: str
    unit_ref: str = ""


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
    sections: tuple[tuple[str, str, str], ...]  # (key, label, text) in the model's order
    witness: Witness
    tags: tuple[TagInfo, ...]
    feedback: tuple[FeedbackInfo, ...]
    attachments: tuple[AttachmentInfo, ...]
    created_at: datetime
    updated_at: datetime
    model: str = "star"  # the reflective model whose headings ``sections`` carry

    @property
    def ref(self) -> str:
        return f"E{self.ref_no}"

    def section(self, key: str) -> str:
        """The text of one section of the entry's model ("" when empty)."""
        return next((text for k, _, text in self.sections if k == key), "")


# -- the light rows coverage reads for every entry and tag ---------------------------------------
# Named tuples, not frozen dataclasses: a report builds one per entry and per tag (16,000 on a
# 5,000-entry portfolio), and a frozen dataclass's __init__ costs three times as much as a
# tuple's (benchmarks/run.py, coverage after one tag change).


class EntryHead(NamedTuple):
    """An entry as coverage sees it: no text, only whether it has some."""

    id: str
    ref_no: int
    title: str
    status: str
    has_text: bool = True
    method: str = "reflective_account"


class TagLink(NamedTuple):
    """One evidence link (table evidence_link): an entry claimed against a criterion."""

    entry_id: str
    criterion_id: str
    justification: str


# -- reviewer records (tables criterion_judgement, signoff, iqa_sample) and what they stamp -----


@dataclass(frozen=True, slots=True)
class EvidenceStamp:
    """One entry as a decision saw it: its id, its reference then, and its fingerprint then."""

    entry_id: str
    ref: str
    fingerprint: str


@dataclass(frozen=True, slots=True)
class EntryFacts:
    """Everything about an entry that a judgement or sign-off rests on (what is fingerprinted)."""

    id: str
    ref_no: int
    title: str
    sections: tuple[str, ...]  # in STAR order
    method: str
    event_date: date | None
    witness: tuple[str, str, str]  # name, job title, relationship
    status: str
    tags: tuple[tuple[str, str], ...]  # (criterion id, justification)
    attachments: tuple[str, ...] = ()  # "sha256 filename note" per attachment


@dataclass(frozen=True, slots=True)
class JudgementRec:
    id: str
    criterion_id: str
    judgement: str  # Judgement value: "met" | "not_yet"
    reason: str
    reviewer_name: str
    reviewer_role: str
    created_at: datetime
    # The entries it was made on; None when recorded before judgements kept them (pre-0004).
    evidence: tuple[EvidenceStamp, ...] | None = None
    signature_state: str = "unsigned"  # "unsigned" | "verified" | "tampered" (review.signing)
    signer_key: str = ""  # the signing key's fingerprint, when signed
    # Against the imported centre roster: "on-roster" | "unverified-signer" | "no-roster"
    # (review.roster); "" when unsigned.
    signer: str = ""


@dataclass(frozen=True, slots=True)
class SignOffRec:
    id: str
    unit_id: str
    reviewer_name: str
    reviewer_role: str
    signed_at: datetime
    evidence_fingerprint: str
    # The entries, and the judgements in force (criterion id -> (judgement id, number)), that
    # it covered; None before migration 0004.
    evidence: tuple[EvidenceStamp, ...] | None = None
    judgements: Mapping[str, tuple[str, str]] | None = None
    signature_state: str = "unsigned"
    signer_key: str = ""
    signer: str = ""


@dataclass(frozen=True, slots=True)
class SampleRec:
    """An IQA's sample of an assessor's judgement or sign-off: agree or refer, with a reason."""

    id: str
    target_kind: str  # "judgement" | "signoff"
    target_id: str
    decision: str  # "agree" | "refer"
    reason: str
    reviewer_name: str
    reviewer_role: str
    created_at: datetime
    signature_state: str = "unsigned"
    signer_key: str = ""
    signer: str = ""


@dataclass(frozen=True, slots=True)
class ObservationRec:
    """An assessor's observation record (table observation): a piece of evidence of the
    observation method, written and signed by the assessor, for the criteria it names."""

    id: str
    observed_on: date
    place: str
    seen: str  # what the assessor saw, in their words
    criteria: tuple[str, ...]  # criterion ids
    reviewer_name: str
    reviewer_role: str
    created_at: datetime
    signature_state: str = "unsigned"
    signer_key: str = ""
    signer: str = ""

    @property
    def ref(self) -> str:
        """How it is referred to beside entry references (E1, E2 ...)."""
        return f"OBS-{self.observed_on:%Y%m%d}-{self.id[:4]}"


@dataclass(frozen=True, slots=True)
class SeenRec:
    """When a reviewer last saw (reviewed) an entry (table review_seen)."""

    entry_id: str
    reviewer_name: str
    seen_at: datetime
