"""Measures the criterion suggester against a labelled set of entries (top-1 and top-3 accuracy).

The labelled set (tests/fixtures/writing/labelled_entries.json) holds STAR entries, each labelled
with every criterion it evidences in some frameworks. The suggester is asked the way the app asks
it: with the index of one framework, as for a learner enrolled on it. A case is one (entry,
framework) pair; top-k is a hit when any of the first k suggestions is a labelled criterion.
Shared by the tests and benchmarks/bench_suggest.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from portfolio.domain.star import SECTION_KEYS
from portfolio.frameworks.model import Framework
from portfolio.writing.suggest import CriterionIndex


@dataclass(frozen=True, slots=True)
class LabelledEntry:
    """One entry of the labelled set."""

    id: str
    split: str
    text: str
    labels: Mapping[str, frozenset[str]]  # framework id -> criterion ids


@dataclass(frozen=True, slots=True)
class Accuracy:
    """Top-1 and top-3 accuracy over ``cases`` (entry, framework) pairs from ``entries`` entries."""

    entries: int
    cases: int
    top1: float
    top3: float
    misses: tuple[str, ...]  # "entry/framework" of cases missed at top 3


def entry_text(sections: Mapping[str, str]) -> str:
    """The sections of an entry joined in STAR order, as the editor sends them to the suggester."""
    return "\n\n".join(sections.get(key, "") for key in SECTION_KEYS if sections.get(key))


def load_labelled(path: Path) -> list[LabelledEntry]:
    """Read a labelled set file."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return [
        LabelledEntry(
            id=item["id"],
            split=item["split"],
            text=entry_text(item["sections"]),
            labels={fw: frozenset(ids) for fw, ids in item["labels"].items()},
        )
        for item in data["entries"]
    ]


def measure(entries: Iterable[LabelledEntry], frameworks: Sequence[Framework]) -> Accuracy:
    """Accuracy of the suggester on these entries, one framework index at a time."""
    by_id = {framework.id: framework for framework in frameworks}
    indexes = {fid: CriterionIndex.build([fw]) for fid, fw in by_id.items()}
    counted = cases = hit1 = hit3 = 0
    misses: list[str] = []
    for entry in entries:
        counted += 1
        for framework_id, wanted in entry.labels.items():
            if framework_id not in indexes:
                continue
            ranked = [s.criterion_id for s in indexes[framework_id].suggest(entry.text, top=3)]
            cases += 1
            hit1 += bool(ranked[:1] and ranked[0] in wanted)
            if wanted.intersection(ranked):
                hit3 += 1
            else:
                misses.append(f"{entry.id}/{framework_id}")
    return Accuracy(
        entries=counted,
        cases=cases,
        top1=hit1 / cases if cases else 0.0,
        top3=hit3 / cases if cases else 0.0,
        misses=tuple(misses),
    )
