"""Plain, immutable framework trees: qualification > unit > learning outcome > criterion.

These are what the loader returns and what enrolment copies into a portfolio file. They carry
no database or Qt state, so coverage, suggestions and the UI can all share them.

Fields added for fidelity with Mahara SmartEvidence (issue 22) are optional everywhere: a short
name beside the number, a description kept apart from the statement, a criterion's parent
(elements nest in Mahara), the source file's own id, and the framework's own words for the
evidence states.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from portfolio.domain.sufficiency import SufficiencyRule

STATUS_KEYS = ("claimed", "not_yet", "partial", "met")
"""Evidence states a framework may name in its own words: evidence put forward (Mahara's
'begun'), judged not yet met ('incomplete'), partly met ('partialcomplete', which has no
state of its own here) and met ('completed')."""


@dataclass(frozen=True, slots=True)
class KeyTerm:
    term: str
    definition: str


@dataclass(frozen=True, slots=True)
class Criterion:
    id: str
    number: str
    text: str
    derived: bool = False
    marking_points: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    short_name: str = ""
    description: str = ""
    parent: str = ""  # id of the criterion this one sits under ("" at the top)
    source_id: str = ""  # the id the source file gave it (a Mahara element id)
    rule: SufficiencyRule | None = None  # its own sufficiency rule (domain.sufficiency)


@dataclass(frozen=True, slots=True)
class Outcome:
    id: str
    number: str
    text: str
    criteria: tuple[Criterion, ...]
    derived: bool = False
    short_name: str = ""
    description: str = ""
    rule: SufficiencyRule | None = None  # for each of its criteria, under their own rules

    def rule_for(self, criterion: Criterion) -> SufficiencyRule | None:
        """The rule in force for one of its criteria: the criterion's own over this one's."""
        if criterion.rule is None:
            return self.rule
        return criterion.rule.merged_over(self.rule)


@dataclass(frozen=True, slots=True)
class Unit:
    id: str
    ref: str
    title: str
    outcomes: tuple[Outcome, ...]
    derived: bool = False
    overview: str = ""
    key_concepts: tuple[str, ...] = ()
    guidance: tuple[str, ...] = ()
    exam_tips: tuple[str, ...] = ()
    common_mistakes: tuple[str, ...] = ()
    key_skills: tuple[str, ...] = ()
    key_terms: tuple[KeyTerm, ...] = ()
    # Criterion numbers are the source file's own ids and need not start with the outcome's.
    source_numbering: bool = False

    def criteria(self) -> Iterator[Criterion]:
        for outcome in self.outcomes:
            yield from outcome.criteria


@dataclass(frozen=True, slots=True)
class Framework:
    id: str
    title: str
    level: str
    version: str
    units: tuple[Unit, ...]
    awarding_body: str = ""
    qualifications: tuple[str, ...] = ()
    description: str = ""
    derived: bool = False
    source_seed: str = ""
    source_notes: str = ""
    # The framework's own words for evidence states: keys from STATUS_KEYS.
    status_labels: tuple[tuple[str, str], ...] = ()
    institution: str = ""  # Mahara: "all" or an institution's short name
    selfassess: bool = False  # Mahara: learners may assess their own evidence
    # The validated JSON document itself, kept so enrolment can copy the file verbatim.
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def criteria(self) -> Iterator[Criterion]:
        for unit in self.units:
            yield from unit.criteria()

    def status_label(self, key: str, default: str) -> str:
        """The framework's own label for an evidence state ('claimed', 'met' ...), or default."""
        return dict(self.status_labels).get(key, default)

    def unit_of(self, criterion_id: str) -> Unit | None:
        for unit in self.units:
            if any(c.id == criterion_id for c in unit.criteria()):
                return unit
        return None
