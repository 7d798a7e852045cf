"""The read model: frozen records of what a portfolio file holds, one kind per table.

``portfolio.services.records`` is the one place that maps database rows to these; coverage, the
PDF export, LEAP2A export, the group overview and the app all read them. Plain data only, so
the assessment rules (``portfolio.domain.assessment``) are tested without a database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime


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


@dataclass(frozen=True, slots=True)
class SignOffRec:
    id: str
    unit_id: str
    reviewer_name: str
    reviewer_role: str
    signed_at: datetime
    evidence_fingerprint: str
    # The entries and the judgements in force it covered; None before migration 0004.
    evidence: tuple[EvidenceStamp, ...] | None = None
    judgements: Mapping[str, tuple[str, str]] | None = (
        None  # criterion id -> (judgement id, number)
    )


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
