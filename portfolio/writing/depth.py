"""An estimate of an entry's reflective depth on Hatton and Smith's four levels.

Hatton & Smith (1995) describe four kinds of reflective writing: descriptive writing (no
reflection), descriptive reflection (some reasons, one point of view), dialogic reflection
(stepping back, weighing alternatives: the level a good NVQ account reaches) and critical
reflection (other people's points of view and the wider context). The estimate looks for the
practical markers of research/nvq-eportfolio-landscape.md, section 3.5, and each level needs real
evidence of its own (docs/writing/reflective-depth.md gives the rules with examples):

1. descriptive writing: the starting point; a bare verdict ("it went well") does not lift it;
2. descriptive reflection: a reason ("because...", "so that...") or a lesson or plan ("I
   learned...", "next time I will...") from the Task onwards;
3. dialogic: reasons, a judgement or lesson, and another way weighed ("I could have...",
   "instead...") where the learner looks back (Result or Reflection);
4. critical: level 3, plus another person's point of view and the wider context (law, policy,
   reputation...) *connected to the learner's reasoning* in the same sentence, in the Result or
   Reflection. Naming a law in the Situation is setting the scene, not critical reflection.

Every signal quotes the learner's words that produced it, so the learner (and a test) can check
it; what is missing is said separately, in plain words, never dressed up as a signal.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
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
    "('because...', 'so that...'), and what you learned or will do next time.",
    2: "To reach dialogic reflection, step back and weigh it up: what else could you have done, "
    "why did you choose this way, and what would you do differently next time?",
    3: "To reach critical reflection, look wider: how did the customer, your manager or a "
    "colleague see it, and how does it connect to policy, the law or the organisation's "
    "reputation? Say why it matters there, not just that it exists.",
    4: "This is the deepest level. Keep it concise and make sure each claim is backed by "
    "what actually happened.",
}

# (marker category, how the signal reads to a learner, sections it is looked for in)
_TASK_ON = ("task", "action", "result", "reflection")
_LOOKING_BACK = ("result", "reflection")
_ANALYTICAL: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("causal", "explains why", _TASK_ON),
    ("evaluation", "judges what went well or less well", _TASK_ON),
    ("learning", "says what was learned", _TASK_ON),
    ("transfer", "says what will happen next time", _TASK_ON),
    ("feelings", "separates feelings from facts", _TASK_ON),
    ("linking", "links to a procedure or standard", _TASK_ON),
    ("alternatives", "weighs other ways it could have gone", _LOOKING_BACK),
    ("perspectives", "considers other people's points of view", _LOOKING_BACK),
)

# Words that tie a piece of wider context to the learner's reasoning in the same sentence.
_CONNECTING = PhraseMatcher(
    [
        "affect*",
        "impact*",
        "damag*",
        "protect*",
        "depends on",
        "depend on",
        "matters",
        "so I",
        "so we",
        "puts",
        "put the",
        "risk*",
        "means",
        "meant",
    ]
)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


@dataclass(frozen=True, slots=True)
class DepthSignal:
    """One piece of evidence: what it shows, and the learner's words that show it."""

    category: str
    description: str
    quotes: tuple[str, ...]

    def text(self) -> str:
        return f"{self.description} ({', '.join(repr(q) for q in self.quotes)})"


@dataclass(frozen=True, slots=True)
class DepthEstimate:
    """Where the entry sits on Hatton and Smith's levels, and why.

    ``level`` is 1 to 4, ``label`` its name, ``evidence`` the signals found (each quoting the
    learner's words), ``signals`` the same as plain sentences, ``missing`` what the next level
    needs that the entry does not show yet, and ``next_step`` how to lift it a level.
    """

    level: int
    label: str
    signals: tuple[str, ...]
    next_step: str
    evidence: tuple[DepthSignal, ...] = ()
    missing: tuple[str, ...] = ()


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


def _connected_context(texts: Sequence[str]) -> list[str]:
    """Wider-context phrases that sit in a sentence with the learner's reasoning."""
    found: list[str] = []
    wider = marker("wider_context")
    reasoning = (marker("causal"), marker("evaluation"), _CONNECTING)
    for text in texts:
        for sentence in _SENTENCE.finditer(text):
            words = sentence.group(0)
            context = wider.search(words)
            if context is None:
                continue
            rest = words.replace(context.text, " " * len(context.text))
            if any(m.search(rest) for m in reasoning) and context.text not in found:
                found.append(context.text)
    return found[:2]


def estimate_depth(sections: Mapping[str, str]) -> DepthEstimate:
    """Estimate the reflective depth of a STAR entry from its section texts."""
    words = sum(section_word_count(sections.get(key, "") or "") for key in SECTION_KEYS)
    texts = {key: normalise_quotes(sections.get(key, "") or "") for key in SECTION_KEYS}
    if words < MIN_WORDS_TO_JUDGE:
        return DepthEstimate(
            level=1,
            label=LEVEL_LABELS[1],
            signals=(),
            next_step=_NEXT_STEPS[1],
            missing=(f"only {words} words so far: too little to judge yet",),
        )

    evidence: list[DepthSignal] = []
    found: set[str] = set()
    for category, description, where in _ANALYTICAL:
        examples = _examples(marker(category), [texts[key] for key in where])
        if examples:
            found.add(category)
            evidence.append(DepthSignal(category, description, tuple(examples)))
    context = _connected_context([texts[key] for key in _LOOKING_BACK])
    if context:
        found.add("wider_context")
        evidence.append(
            DepthSignal("wider_context", "connects it to the wider context", tuple(context))
        )

    # Descriptive signals: what keeps writing at the first level, quoted like the rest.
    story = [texts[key] for key in _TASK_ON]
    chronological = sum(marker("chronological").count(text) for text in story)
    if chronological >= 3 and chronological * 40 >= words:
        steps = _examples(marker("chronological"), story, limit=3)
        evidence.append(
            DepthSignal(
                "chronological",
                f"tells the story step by step ({chronological} times)",
                tuple(steps),
            )
        )

    level = _level(found)
    return DepthEstimate(
        level=level,
        label=LEVEL_LABELS[level],
        signals=tuple(signal.text() for signal in evidence),
        next_step=_NEXT_STEPS[level],
        evidence=tuple(evidence),
        missing=tuple(_missing(found, level)),
    )


def _level(found: set[str]) -> int:
    """The level the evidence supports (module docstring; docs/writing/reflective-depth.md)."""
    reasons = "causal" in found
    lesson = bool(found & {"learning", "transfer"})
    judges = lesson or "evaluation" in found
    if not (reasons or lesson):
        return 1
    if not (reasons and judges and "alternatives" in found):
        return 2
    if "perspectives" in found and "wider_context" in found:
        return 4
    return 3


def _missing(found: set[str], level: int) -> list[str]:
    notes: list[str] = []
    if "causal" not in found:
        notes.append("no reasons given for what you did")
    if not found & {"learning", "transfer"}:
        notes.append("nothing yet on what you learned or will do next time")
    if level >= 2 and "alternatives" not in found:
        notes.append("no other way of handling it weighed up")
    if level >= 3 and "perspectives" not in found:
        notes.append("no one else's point of view")
    if level >= 3 and "wider_context" not in found:
        notes.append("nothing connecting it to the wider picture (policy, law, reputation)")
    return notes
