"""Typed ORM models of the portfolio file; importing this package registers every table."""

from portfolio.storage.models.attachment import Attachment, Blob
from portfolio.storage.models.audit import AuditEvent
from portfolio.storage.models.base import Base
from portfolio.storage.models.entry import Entry
from portfolio.storage.models.evidence import EvidenceLink
from portfolio.storage.models.framework import Criterion, FrameworkRecord, Outcome, Unit
from portfolio.storage.models.learner import AnonymisationTerm, KeptText, Learner, Setting
from portfolio.storage.models.privacy import PersonalDataChoice, PersonalDataMemory
from portfolio.storage.models.review import (
    CriterionJudgement,
    Feedback,
    IqaSample,
    Observation,
    ReviewSeen,
    SignOff,
)
from portfolio.storage.models.suggestion import SuggestionFeedback, SuggestionVector
from portfolio.storage.models.training import (
    TrainingActivity,
    TrainingActivityCriterion,
    TrainingCategory,
    TrainingPlan,
)

__all__ = [
    "AnonymisationTerm",
    "Attachment",
    "AuditEvent",
    "Base",
    "Blob",
    "Criterion",
    "CriterionJudgement",
    "Entry",
    "EvidenceLink",
    "Feedback",
    "FrameworkRecord",
    "IqaSample",
    "KeptText",
    "Learner",
    "Observation",
    "Outcome",
    "PersonalDataChoice",
    "PersonalDataMemory",
    "ReviewSeen",
    "Setting",
    "SignOff",
    "SuggestionFeedback",
    "SuggestionVector",
    "TrainingActivity",
    "TrainingActivityCriterion",
    "TrainingCategory",
    "TrainingPlan",
    "Unit",
]
