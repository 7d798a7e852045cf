"""String enums stored in the portfolio file and shown to users."""

from __future__ import annotations

from enum import StrEnum


class EvidenceMethod(StrEnum):
    REFLECTIVE_ACCOUNT = "reflective_account"
    OBSERVATION = "observation"
    PROFESSIONAL_DISCUSSION = "professional_discussion"
    WITNESS_TESTIMONY = "witness_testimony"
    PRODUCT_EVIDENCE = "product_evidence"
    QUESTIONING = "questioning"

    @property
    def label(self) -> str:
        return _METHOD_LABELS[self]


_METHOD_LABELS = {
    EvidenceMethod.REFLECTIVE_ACCOUNT: "Reflective account",
    EvidenceMethod.OBSERVATION: "Observation",
    EvidenceMethod.PROFESSIONAL_DISCUSSION: "Professional discussion",
    EvidenceMethod.WITNESS_TESTIMONY: "Witness testimony",
    EvidenceMethod.PRODUCT_EVIDENCE: "Product evidence",
    EvidenceMethod.QUESTIONING: "Questioning",
}


class EntryStatus(StrEnum):
    DRAFT = "draft"
    READY = "ready"

    @property
    def label(self) -> str:
        return "Draft" if self is EntryStatus.DRAFT else "Ready for review"


class Judgement(StrEnum):
    MET = "met"
    NOT_YET = "not_yet"

    @property
    def label(self) -> str:
        return "Met" if self is Judgement.MET else "Not yet met"


class ReviewerRole(StrEnum):
    TUTOR = "tutor"
    ASSESSOR = "assessor"
    IQA = "iqa"

    @property
    def label(self) -> str:
        return {"tutor": "Tutor", "assessor": "Assessor", "iqa": "Internal quality assurer"}[
            self.value
        ]


class CriterionState(StrEnum):
    """Coverage status of one criterion, as in the `coverage --json` contract."""

    NONE = "none"
    DRAFT = "draft"  # tagged only by drafts (or entries with no text): not evidence yet
    CLAIMED = "claimed"
    INSUFFICIENT = "insufficient"  # reserved for the framework's sufficiency rules
    MET = "met"
