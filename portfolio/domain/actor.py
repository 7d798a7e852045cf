"""Who is acting on a portfolio: the learner, or a named reviewer in a role."""

from __future__ import annotations

from dataclasses import dataclass

LEARNER_ROLE = "learner"


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    role: str = LEARNER_ROLE  # "learner" or a ReviewerRole value

    @property
    def is_reviewer(self) -> bool:
        return self.role != LEARNER_ROLE
