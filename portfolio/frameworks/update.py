"""Planning the update of an enrolled framework to a newer version of itself (issue 10).

Pure functions over two ``Framework`` trees: which old criterion becomes which new one (by id,
then by number, then by statement), and which old criteria have no successor. The service
applies the plan to the portfolio file; nothing here touches storage.
"""

from __future__ import annotations

from dataclasses import dataclass

from portfolio.frameworks.model import Framework, Unit


@dataclass(frozen=True, slots=True)
class OldCriterion:
    """A criterion of the enrolled version, with enough context to show it once it is gone."""

    id: str
    number: str
    text: str
    unit_id: str
    unit_ref: str


@dataclass(frozen=True, slots=True)
class UpdatePlan:
    criterion_map: dict[str, str]  # old criterion id -> new criterion id (matched ones only)
    matched_by_number: tuple[tuple[str, str], ...]  # (old id, new id) whose id changed
    vanished: tuple[OldCriterion, ...]
    added: tuple[str, ...]  # new criterion ids with no predecessor
    unit_map: dict[str, str]  # old unit id -> new unit id


def plan_update(old: Framework, new: Framework) -> UpdatePlan:
    """Match every criterion of ``old`` to one of ``new``: same id first, then same number,
    then the same statement in the same unit.

    A number is matched inside the corresponding unit (same unit id, else same unit reference);
    failing that, anywhere in the framework when the number is unique in both versions. Each new
    criterion is claimed at most once.
    """
    unit_map = _match_units(old.units, new.units)
    new_by_id = {c.id: c for c in new.criteria()}
    new_unit_of = {c.id: u.id for u in new.units for c in u.criteria()}
    claimed: set[str] = set()
    mapping: dict[str, str] = {}
    olds = [
        OldCriterion(c.id, c.number, c.text, u.id, u.ref) for u in old.units for c in u.criteria()
    ]
    for criterion in olds:
        if criterion.id in new_by_id:
            mapping[criterion.id] = criterion.id
            claimed.add(criterion.id)
    new_in_unit: dict[tuple[str, str], str] = {
        (new_unit_of[c.id], c.number): c.id for c in new.criteria()
    }
    new_by_number = _unique_numbers(new)
    old_by_number = _unique_numbers(old)
    by_number: list[tuple[str, str]] = []
    for criterion in olds:
        if criterion.id in mapping:
            continue
        target = new_in_unit.get((unit_map.get(criterion.unit_id, ""), criterion.number))
        if target is None and criterion.number in old_by_number:
            target = new_by_number.get(criterion.number)
        if target is not None and target not in claimed:
            mapping[criterion.id] = target
            claimed.add(target)
            by_number.append((criterion.id, target))
    for criterion in olds:
        if criterion.id in mapping:
            continue
        target = _by_statement(criterion, new, unit_map, claimed)
        if target is not None:
            mapping[criterion.id] = target
            claimed.add(target)
            by_number.append((criterion.id, target))
    vanished = tuple(c for c in olds if c.id not in mapping)
    added = tuple(c.id for c in new.criteria() if c.id not in claimed)
    return UpdatePlan(mapping, tuple(by_number), vanished, added, unit_map)


def _by_statement(
    criterion: OldCriterion, new: Framework, unit_map: dict[str, str], claimed: set[str]
) -> str | None:
    """The one unclaimed criterion of the same unit whose statement is the old one, or begins
    it followed by ': ' (how imports before issue 22 merged a Mahara element's name and
    description): so a renumbered criterion keeps its tags."""
    unit_id = unit_map.get(criterion.unit_id)
    unit = next((u for u in new.units if u.id == unit_id), None)
    if unit is None:
        return None
    found = [
        c.id
        for c in unit.criteria()
        if c.id not in claimed
        and (criterion.text == c.text or criterion.text.startswith(c.text + ": "))
    ]
    return found[0] if len(found) == 1 else None


def _match_units(old: tuple[Unit, ...], new: tuple[Unit, ...]) -> dict[str, str]:
    new_ids = {u.id for u in new}
    new_by_ref = {u.ref.casefold(): u.id for u in new}
    mapping: dict[str, str] = {}
    for unit in old:
        if unit.id in new_ids:
            mapping[unit.id] = unit.id
        elif unit.ref.casefold() in new_by_ref:
            mapping[unit.id] = new_by_ref[unit.ref.casefold()]
    return mapping


def _unique_numbers(framework: Framework) -> dict[str, str]:
    seen: dict[str, list[str]] = {}
    for criterion in framework.criteria():
        seen.setdefault(criterion.number, []).append(criterion.id)
    return {number: ids[0] for number, ids in seen.items() if len(ids) == 1}
