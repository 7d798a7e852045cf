"""The units' common mistakes turned into coach prompts that stay quiet once the entry covers them.

The seeds list mistakes assessors see again and again ("focusing solely on verbal communication
and neglecting non-verbal cues", "neglecting to follow up with customers"). The rules in
``resources/writing/mistakes.json`` say which mistakes a prompt answers, and which phrases in an
entry show the learner has already dealt with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from portfolio.frameworks.model import Unit
from portfolio.writing.phrases import PhraseMatcher, load_writing_data


@dataclass(frozen=True, slots=True)
class MistakeRule:
    """One prompt: when it applies (``mistake``), when it is satisfied (``addressed``)."""

    code: str
    mistake: PhraseMatcher
    addressed: PhraseMatcher
    section: str
    message: str
    how_to_fix: str


@cache
def all_rules() -> tuple[MistakeRule, ...]:
    """Every rule in mistakes.json, in file order."""
    data = load_writing_data("mistakes")
    return tuple(
        MistakeRule(
            code=rule["code"],
            mistake=PhraseMatcher(rule["mistake_patterns"]),
            addressed=PhraseMatcher(rule["addressed_by"]),
            section=rule["section"],
            message=rule["message"],
            how_to_fix=rule["how_to_fix"],
        )
        for rule in data["rules"]
    )


@cache
def _rules_for_mistakes(mistakes: tuple[str, ...]) -> tuple[MistakeRule, ...]:
    # Keyed on the mistakes themselves (cheap to hash), so typing never re-scans a unit.
    return tuple(
        rule for rule in all_rules() if any(rule.mistake.search(text) for text in mistakes)
    )


def rules_for_units(units: Sequence[Unit]) -> list[MistakeRule]:
    """The rules that answer at least one common mistake of these units, each rule once."""
    chosen: dict[str, MistakeRule] = {}
    for unit in units:
        for rule in _rules_for_mistakes(tuple(unit.common_mistakes)):
            chosen.setdefault(rule.code, rule)
    order = {rule.code: i for i, rule in enumerate(all_rules())}
    return sorted(chosen.values(), key=lambda rule: order[rule.code])


def open_rules(units: Sequence[Unit], texts: Iterable[str]) -> list[MistakeRule]:
    """The rules of these units that the entry's (quote-normalised) texts do not yet address."""
    rules = rules_for_units(units)
    if not rules:
        return []
    sections = [text for text in texts if text]
    return [rule for rule in rules if not rule.addressed.occurs_in(sections)]


def open_rules_with_mistakes(
    units: Sequence[Unit], texts: Iterable[str]
) -> list[tuple[MistakeRule, str]]:
    """``open_rules`` with, for each rule, the unit's common mistake that brought it in.

    The mistake is the prompt's evidence: the coach quotes it, so the learner sees which
    warning from the unit the prompt answers.
    """
    rules = open_rules(units, texts)
    result: list[tuple[MistakeRule, str]] = []
    for rule in rules:
        mistake = next(
            (m for unit in units for m in unit.common_mistakes if rule.mistake.search(m)), ""
        )
        result.append((rule, mistake))
    return result
