"""A small framework whose criteria carry sufficiency rules, and a portfolio enrolled on it.

Unit RCS:
- LO1 "Understand ...": 1.1 needs 2 pieces of evidence; 1.2 has no rule.
- LO2 "Be able to ...": the outcome needs an observation and accepts no witness testimony;
  2.1 takes that rule as it is; 2.2 adds its own "at least 2 pieces".
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from portfolio.domain.entry_input import entry_input_from_json
from portfolio.domain.records import LearnerDetails
from portfolio.frameworks.loader import parse_framework
from portfolio.services.portfolio import Portfolio
from tests.helpers.assessment import TEXT

FRAMEWORK_ID = "ruled-cs"
UNIT = f"{FRAMEWORK_ID}.u1"
C11, C12 = f"{UNIT}.lo1.ac1", f"{UNIT}.lo1.ac2"
C21, C22 = f"{UNIT}.lo2.ac1", f"{UNIT}.lo2.ac2"

DOCUMENT: dict[str, Any] = {
    "format": "portfolio-framework",
    "format_version": 1,
    "id": FRAMEWORK_ID,
    "title": "Customer service with evidence rules",
    "level": "2",
    "version": "1",
    "units": [
        {
            "id": UNIT,
            "ref": "RCS",
            "title": "Deal with customers",
            "outcomes": [
                {
                    "id": f"{UNIT}.lo1",
                    "number": "1",
                    "text": "Understand how to deal with customers",
                    "criteria": [
                        {
                            "id": C11,
                            "number": "1.1",
                            "text": "Describe how to greet a customer",
                            "sufficiency": {"min_pieces": 2, "basis": "test guidance, para 1"},
                        },
                        {"id": C12, "number": "1.2", "text": "Explain why listening matters"},
                    ],
                },
                {
                    "id": f"{UNIT}.lo2",
                    "number": "2",
                    "text": "Be able to deal with customers",
                    "sufficiency": {"methods": ["observation"], "witness_testimony": False},
                    "criteria": [
                        {"id": C21, "number": "2.1", "text": "Greet customers positively"},
                        {
                            "id": C22,
                            "number": "2.2",
                            "text": "Follow the complaints procedure",
                            "sufficiency": {"min_pieces": 2},
                        },
                    ],
                },
            ],
        }
    ],
}


def ruled_document() -> dict[str, Any]:
    return copy.deepcopy(DOCUMENT)


def make_ruled_portfolio(path: Path) -> Path:
    with Portfolio.create(path, learner=LearnerDetails(name="Sam Lee", learner_number="S1")) as pf:
        pf.frameworks_admin.import_framework(parse_framework(ruled_document(), "test"))
    return path


def add_entry(
    path: Path, criteria: list[str], *, method: str = "reflective_account", ready: bool = True
) -> str:
    """As the learner: an entry of ``method`` with text, tagged to ``criteria``."""
    with Portfolio.open(path) as pf:
        entry = pf.entries.add(
            entry_input_from_json(
                {
                    "title": f"A {method.replace('_', ' ')}",
                    "status": "ready" if ready else "draft",
                    "method": method,
                    "situation": TEXT,
                    "tags": [
                        {"criterion_id": c, "justification": "It shows it."} for c in criteria
                    ],
                }
            )
        ).value
    return entry.id


def statuses(path: Path) -> dict[str, tuple[str, str]]:
    """Criterion number -> (status, the rule's shortfall)."""
    with Portfolio.open(path) as pf:
        report = pf.coverage.report()
    return {c.number: (c.status.value, c.shortfall) for c in report.criteria}
