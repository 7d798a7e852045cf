"""Unit guidance beside the prompts: every seed's unit contributes, seed 000's learning
objectives are there, and items land beside the section they help with, in every model."""

from __future__ import annotations

import json

import pytest

from portfolio.domain.reflective import GIBBS, MODELS, STAR
from portfolio.frameworks.catalog import get_bundled
from portfolio.resources import resource_path
from portfolio.writing.guidance import PER_SECTION, role_of, section_guidance, unit_items

BUNDLED = (
    "icq-bwrc-l1",
    "icq-bwrc-l2",
    "customers-and-colleagues",
    "icq-bmecr-l3-4",
    "professional-customer-relationships",
    "sustaining-customer-relationships",
)


def _units(framework_id: str):
    framework = get_bundled(framework_id)
    return [(framework.id, unit) for unit in framework.units]


@pytest.mark.parametrize("framework_id", BUNDLED)
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.id)
def test_every_seed_unit_gives_guidance_beside_every_section(framework_id, model) -> None:
    units = _units(framework_id)
    placed = section_guidance(units, model)
    assert set(placed) == set(model.keys)
    everything = {i.text for _, unit in units for i in unit_items(framework_id, unit)}
    for items in placed.values():
        assert len(items) <= PER_SECTION
        assert len({i.kind for i in items}) == len(items), "one of each kind per section"
        assert all(i.text in everything for i in items)
    assert sum(len(items) for items in placed.values()) >= len(model.keys)


@pytest.mark.parametrize("framework_id", ["icq-bwrc-l1", "icq-bwrc-l2"])
def test_seed_000s_learning_objectives_are_in_its_unit_guidance(framework_id) -> None:
    seed_objectives = json.loads(
        resource_path("writing", "unit_guidance.json").read_text(encoding="utf-8")
    )["units"][0]["learning_objectives"]
    assert len(seed_objectives) == 19  # 23 bullets, 4 of them restating the outcomes
    ((fid, unit),) = _units(framework_id)
    objectives = [i.text for i in unit_items(fid, unit) if i.kind == "objective"]
    assert objectives == seed_objectives
    assert "Reflect on personal performance in building customer relationships" in objectives
    shown = [i for items in section_guidance([(fid, unit)], STAR).values() for i in items]
    assert any(i.kind == "objective" for i in shown)


@pytest.mark.parametrize(
    "framework_id",
    [
        "customers-and-colleagues",
        "professional-customer-relationships",
        "sustaining-customer-relationships",
    ],
)
def test_the_exam_tips_of_the_three_derived_units_are_shown(framework_id) -> None:
    units = _units(framework_id)
    assert any(unit.exam_tips for _, unit in units)
    shown = [i for items in section_guidance(units, STAR).values() for i in items]
    assert any(i.kind == "exam_tip" for i in shown)


def test_items_go_where_their_purpose_is_in_the_model() -> None:
    assert role_of("Use reflective accounts to critically evaluate your own performance") in (
        "learning",
        "evaluation",
    )
    assert role_of("Explain how the customer feedback and satisfaction scores changed") == "outcome"
    assert role_of("Plan how you will improve next time") == "plan"
    assert role_of("Zebra") is None
    units = _units("icq-bwrc-l2")
    star = section_guidance(units, STAR)
    gibbs = section_guidance(units, GIBBS)
    for items in star["result"]:
        assert role_of(items.text) in ("outcome", "evaluation") or role_of(items.text) is None
    assert sum(map(len, gibbs.values())) > 0


def test_two_units_take_turns() -> None:
    units = _units("icq-bwrc-l2") + _units("professional-customer-relationships")
    shown = {i.unit for items in section_guidance(units, STAR).values() for i in items}
    assert len(shown) == 2
