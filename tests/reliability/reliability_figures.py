"""The reliability suite's running totals, printed by conftest.py at the end of the session.

Module-level counters (not a fixture's state) so that helpers, hypothesis-driven tests and the
fault-injection loop can all add to them without threading a fixture through every call.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass
class Figures:
    """What the suite did: issue 8 asks for these four numbers (and records lost must be 0)."""

    faults_injected: int = 0
    faults_survived: int = 0
    hostile_inputs_tried: int = 0
    hostile_inputs_refused: int = 0
    records_lost: int = 0

    def rows(self) -> list[tuple[str, int]]:
        return [(f.name.replace("_", " "), getattr(self, f.name)) for f in fields(self)]

    @property
    def used(self) -> bool:
        return any(value for _, value in self.rows())


FIGURES = Figures()
SEEDS: dict[str, int] = {}
"""The seeds this run used, by the environment variable that repeats them."""
