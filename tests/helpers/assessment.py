"""Build portfolios in a known assessment state: evidence ready for every criterion of a unit,
every criterion judged met, a unit signed off (the way an assessor would, through the services).
"""

from __future__ import annotations

from pathlib import Path

from portfolio.domain.actor import Actor
from portfolio.domain.entry_input import entry_input_from_json
from portfolio.services import identity
from portfolio.services.portfolio import Portfolio

ASSESSOR = Actor(name="Priya Shah", role="assessor")
IQA = Actor(name="Irene Quinn", role="iqa")
PASSPHRASE = "correct horse battery"
TEXT = "I greeted the customer, listened to the complaint and followed the refund procedure."


def unit_criteria(path: Path, unit_id: str) -> list[tuple[str, str]]:
    """(id, number) of each criterion of a unit."""
    with Portfolio.open(path) as pf:
        report = pf.coverage.report()
    return [(c.id, c.number) for c in report.criteria if c.unit_id == unit_id]


def add_ready_entry(path: Path, criteria: list[str], title: str = "Evidence") -> str:
    """As the learner: a ready entry with text tagged to ``criteria``; returns its id."""
    with Portfolio.open(path) as pf:
        entry = pf.entries.add(
            entry_input_from_json(
                {
                    "title": title,
                    "status": "ready",
                    "situation": TEXT,
                    "action": TEXT,
                    "tags": [
                        {"criterion_id": c, "justification": "It shows this."} for c in criteria
                    ],
                }
            )
        )
    return entry.id


def evidence_every_criterion(path: Path, unit_id: str) -> str:
    """One ready entry tagged to every criterion of the unit that has no ready evidence yet."""
    with Portfolio.open(path) as pf:
        report = pf.coverage.report()
    missing = [c.id for c in report.criteria if c.unit_id == unit_id and not c.evidence]
    return add_ready_entry(path, missing, title="Covers the rest") if missing else ""


def judge_all_met(path: Path, unit_id: str, actor: Actor = ASSESSOR) -> None:
    with Portfolio.open(path, actor=actor) as pf:
        for criterion_id, _ in [
            (c.id, c.number) for c in pf.coverage.report().criteria if c.unit_id == unit_id
        ]:
            pf.reviewing.judge(criterion=criterion_id, judgement="met", reason="Clear evidence.")


def make_signed_off(
    path: Path, unit_id: str, actor: Actor = ASSESSOR, *, signed: bool = False
) -> None:
    """Evidence for every criterion, every criterion judged met, the unit signed off (with the
    assessor's signing identity when ``signed``)."""
    evidence_every_criterion(path, unit_id)
    judge_all_met(path, unit_id, actor)
    with Portfolio.open(path, actor=actor) as pf:
        if signed:
            pf.reviewing.sign_with(identity.unlock(actor.name, PASSPHRASE))
        pf.reviewing.sign_off(unit=unit_id)
