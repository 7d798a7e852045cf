"""Criteria recognised by what the writing that evidences them looks like, not by keywords.

A criterion asking the learner to *reflect* is evidenced by reflective writing (judging how it
went, what was learned, what next time, the learner's own part), whatever the words; one about
the *impact* of an interaction on the organisation by a reason that links one person's behaviour
to the organisation as a whole. ``resources/writing/criterion_kinds.json`` says which criterion
wording marks each kind and which marker categories show it; the suggester adds weight to a
criterion of a kind in proportion to how strongly the entry shows that kind.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from portfolio.writing.phrases import PhraseMatcher, load_writing_data, marker, normalise_quotes


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of criterion: how to spot it and what evidences it."""

    name: str
    criterion: PhraseMatcher
    signals: tuple[str, ...]
    enough: int


@cache
def kinds() -> tuple[Kind, ...]:
    """Every kind in criterion_kinds.json, in file order."""
    data = load_writing_data("criterion_kinds")["kinds"]
    return tuple(
        Kind(name, PhraseMatcher(spec["criterion_phrases"]), tuple(spec["signals"]), spec["enough"])
        for name, spec in data.items()
    )


def kind_of(criterion_text: str) -> str | None:
    """The kind a criterion's wording marks it as, or None."""
    text = normalise_quotes(criterion_text)
    for kind in kinds():
        if kind.criterion.search(text) is not None:
            return kind.name
    return None


def strengths(text: str, wanted: Iterable[str]) -> dict[str, float]:
    """How strongly ``text`` shows each wanted kind, 0..1 (share of its signals found)."""
    text = normalise_quotes(text)
    chosen = set(wanted)
    result: dict[str, float] = {}
    for kind in kinds():
        if kind.name in chosen:
            found = sum(1 for category in kind.signals if marker(category).search(text))
            result[kind.name] = min(1.0, found / kind.enough)
    return result
