"""Plain, immutable framework trees: qualification > unit > learning outcome > criterion.

These are what the loader returns and what enrolment copies into a portfolio file. They carry
no database or Qt state, so coverage, suggestions and the UI can all share them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


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


@dataclass(frozen=True, slots=True)
class Outcome:
    id: str
    number: str
    text: str
    criteria: tuple[Criterion, ...]
    derived: bool = False


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
    # The validated JSON document itself, kept so enrolment can copy the file verbatim.
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def criteria(self) -> Iterator[Criterion]:
        for unit in self.units:
            yield from unit.criteria()

    def unit_of(self, criterion_id: str) -> Unit | None:
        for unit in self.units:
            if any(c.id == criterion_id for c in unit.criteria()):
                return unit
        return None
