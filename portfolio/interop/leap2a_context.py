"""What the LEAP2A export needs beyond the shared snapshot: the enrolled frameworks (to name
each criterion's framework, unit and level in its tag, and to ship the framework as a
SmartEvidence ``.matrix``) and creation dates for ``<published>``.

Kept apart from ``portfolio.interop.snapshot`` (the shared read records); plain Python: the
service that reads the portfolio (services.interop.LeapSource) hands the values in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from portfolio.frameworks.loader import parse_framework
from portfolio.frameworks.model import Framework

MAX_TAG = 128  # Mahara's tag column


@dataclass(frozen=True, slots=True)
class CriterionContext:
    framework_id: str
    framework_title: str
    level: str
    unit_ref: str
    number: str

    @property
    def tag(self) -> str:
        """A Mahara tag naming the framework, its level, the unit and the criterion:
        'Building Working Relationships with Customers L2: BWRC 1.2'."""
        level = f" L{self.level}" if self.level and self.level != "not stated" else ""
        tail = f"{level}: {self.unit_ref} {self.number}".replace("  ", " ")
        head = self.framework_title[: MAX_TAG - len(tail)].rstrip()
        return f"{head}{tail}"


@dataclass(frozen=True, slots=True)
class ExportContext:
    frameworks: tuple[Framework, ...]
    criteria: dict[str, CriterionContext]
    attachment_created: dict[str, datetime]
    learner_created: datetime | None
    first_entry_created: datetime | None


def build_context(
    documents: list[tuple[str, str]],
    attachment_created: dict[str, datetime],
    learner_created: datetime | None,
    first_entry_created: datetime | None,
) -> ExportContext:
    """The context from what ``services.interop.LeapSource`` read in one read transaction:
    each enrolled framework's (id, stored document) in order, and the creation dates."""
    frameworks = tuple(
        parse_framework(json.loads(document), framework_id, trusted=True)
        for framework_id, document in documents
    )
    criteria: dict[str, CriterionContext] = {}
    for framework in frameworks:
        for unit in framework.units:
            for criterion in unit.criteria():
                criteria[criterion.id] = CriterionContext(
                    framework.id, framework.title, framework.level, unit.ref, criterion.number
                )
    return ExportContext(
        frameworks, criteria, attachment_created, learner_created, first_entry_created
    )
