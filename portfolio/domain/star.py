"""The five STAR sections, the prompts that tell a learner what to write, and word counts."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class StarSection:
    key: str
    label: str
    prompt: str
    hint: str
    min_words: int


SECTIONS: tuple[StarSection, ...] = (
    StarSection(
        key="situation",
        label="Situation",
        prompt="Where were you and what was happening? Set the scene in a few sentences.",
        hint="Say where you work, when it happened and who was involved (use roles such as "
        "'a customer' or 'my supervisor', not real names).",
        min_words=25,
    ),
    StarSection(
        key="task",
        label="Task",
        prompt="What did you need to do, and why did it matter to the customer or your team?",
        hint="Describe your responsibility, the customer's need, and any standard, target or "
        "procedure you had to meet.",
        min_words=20,
    ),
    StarSection(
        key="action",
        label="Action",
        prompt="What did *you* do, step by step, and which organisational procedure did you "
        "follow?",
        hint="Write in the first person ('I greeted...', 'I checked...'). Include what you said, "
        "your body language and tone, and why you chose each step.",
        min_words=60,
    ),
    StarSection(
        key="result",
        label="Result",
        prompt="How did it end? What changed for the customer, your team or the organisation?",
        hint="Give the outcome: was the problem solved, how did the customer respond, what "
        "feedback or follow-up was there? Figures help (time saved, a rating).",
        min_words=25,
    ),
    StarSection(
        key="reflection",
        label="Reflection",
        prompt="What did you learn, what went well, and what would you do differently next time?",
        hint="Explain why things went the way they did, link them to what good practice says, "
        "and say how you will use this next time.",
        min_words=40,
    ),
)

SECTION_KEYS: tuple[str, ...] = tuple(section.key for section in SECTIONS)
SECTIONS_BY_KEY: dict[str, StarSection] = {section.key: section for section in SECTIONS}

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)


def word_count(text: str) -> int:
    """Words as a reader counts them: contractions and hyphenated words count once."""
    return sum(1 for _ in _WORD.finditer(text or ""))
