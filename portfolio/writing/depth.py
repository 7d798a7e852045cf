"""An estimate of an entry's reflective depth on Hatton and Smith's four levels.

Hatton & Smith (1995) describe four kinds of reflective writing: descriptive writing (no
reflection), descriptive reflection (some reasons, one point of view), dialogic reflection
(stepping back, weighing alternatives, linking factors: the level a good NVQ account reaches)
and critical reflection (several perspectives and the wider context). The estimate counts the
practical markers listed in research/nvq-eportfolio-landscape.md, section 3.5, so the learner can
see which signals led to it and what would lift the entry a level. It is a guide, not a grade.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from portfolio.domain.star import SECTION_KEYS
from portfolio.writing.phrases import PhraseMatcher, marker, normalise_quotes, section_word_count

LEVEL_LABELS: dict[int, str] = {
    1: "Descriptive writing",
    2: "Descriptive reflection",
    3: "Dialogic reflection",
    4: "Critical reflection",
}

# Below this many words there is too little to judge, so the estimate stays at level 1.
MIN_WORDS_TO_JUDGE = 30

_NEXT_STEPS: dict[int, str] = {
    1: "To reach descriptive reflection, explain why: say why you chose what you did "
    "('because...', 'so that...'), and what went well or what you learned.",
    2: "To reach dialogic reflection, step back and weigh it up: what else could you have done, "
    "why did you choose this way, and what would you do differently next time?",
    3: "To reach critical reflection, look wider: how did the customer, your manager or a "
    "colleague see it, and how does it connect to policy, the law or the organisation's "
    "reputation?",
    4: "This is the deepest level. Keep it concise and make sure each claim is backed by "
    "what actually happened.",
}

# (marker category, how the signal reads to a learner)
_ANALYTICAL: tuple[tuple[str, str], ...] = (
    ("causal", "explains why"),
    ("evaluation", "judges what went well or less well"),
    ("learning", "says what was learned"),
    ("transfer", "says what will happen next time"),
    ("feelings", "separates feelings from facts"),
    ("linking", "links to a procedure or standard"),
    ("alternatives", "weighs other ways it could have gone"),
    ("perspectives", "considers other people's points of view"),
    ("wider_context", "connects to the wider context"),
)


@dataclass(frozen=True, slots=True)
class DepthEstimate:
    """Where the entry sits on Hatton and Smith's levels, and why.

    ``level`` is 1 to 4, ``label`` its name, ``signals`` the evidence in plain words (with the
    learner's own phrases quoted), and ``next_step`` what would lift the entry a level.
    """

    level: int
    label: str
    signals: tuple[str, ...]
    next_step: str


def _examples(matcher: PhraseMatcher, texts: Sequence[str], limit: int = 2) -> list[str]:
    """Up to ``limit`` distinct phrases as the learner wrote them."""
    seen: dict[str, str] = {}
    for text in texts:
        for match in matcher.finditer(text):
            key = match.text.lower()
            if key not in seen:
                seen[key] = match.text
                if len(seen) == limit:
                    return list(seen.values())
    return list(seen.values())


def _quoted(phrases: list[str]) -> str:
    return ", ".join(f"'{p}'" for p in phrases)


def estimate_depth(sections: Mapping[str, str]) -> DepthEstimate:
    """Estimate the reflective depth of a STAR entry from its section texts."""
    words = sum(section_word_count(sections.get(key, "") or "") for key in SECTION_KEYS)
    # The Situation only sets the scene: a "because" there explains the event, not the learner's
    # thinking, so the markers are counted from the Task onwards. Sections are matched one by
    # one (phrases never run across them), which reuses the coach's analysis of each.
    texts = [
        normalise_quotes(sections.get(key, "") or "") for key in SECTION_KEYS if key != "situation"
    ]
    if words < MIN_WORDS_TO_JUDGE:
        return DepthEstimate(
            level=1,
            label=LEVEL_LABELS[1],
            signals=(f"only {words} words so far: too little to judge yet",),
            next_step=_NEXT_STEPS[1],
        )

    found: dict[str, list[str]] = {}
    signals: list[str] = []
    for category, description in _ANALYTICAL:
        examples = _examples(marker(category), texts)
        if examples:
            found[category] = examples
            signals.append(f"{description} ({_quoted(examples)})")

    # Descriptive signals: what keeps writing at the first level.
    chronological = sum(marker("chronological").count(text) for text in texts)
    if chronological >= 3 and chronological * 40 >= words:
        signals.append(
            f"tells the story step by step ('then', 'after that': {chronological} times)"
        )
    if "causal" not in found:
        signals.append("no reasons given for what happened")
    if not found.keys() & {"evaluation", "learning", "transfer"}:
        signals.append("no judgement of how it went or what was learned")

    level = _level(found.keys())
    return DepthEstimate(
        level=level,
        label=LEVEL_LABELS[level],
        signals=tuple(signals),
        next_step=_NEXT_STEPS[level],
    )


def _level(found: Collection[str]) -> int:
    """The level implied by which marker categories were found."""
    has = found.__contains__
    reasons = has("causal")
    reflects = has("evaluation") or has("learning") or has("transfer")
    if not (reasons or reflects):
        return 1
    # Dialogic: reasons *and* judgement, plus stepping back to weigh another way.
    if not (reasons and reflects and has("alternatives")):
        return 2
    # Critical: other people's points of view *and* the wider context.
    if has("perspectives") and has("wider_context"):
        return 4
    return 3
