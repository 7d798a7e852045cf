"""The frameworks shipped in resources/frameworks/: valid, complete, faithful, stable."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from portfolio.frameworks.catalog import bundled_dir, bundled_frameworks, get_bundled
from portfolio.frameworks.loader import framework_problems, load_framework
from portfolio.frameworks.model import Framework

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "frameworks"
BUNDLED_FILES = sorted(bundled_dir().glob("*.json"))
SEEDS = {
    "000": ("icq-bwrc-l1", "icq-bwrc-l2"),
    "001": ("professional-customer-relationships",),
    "002": ("customers-and-colleagues",),
    "003": ("icq-bmecr-l3-4",),
    "004": ("sustaining-customer-relationships",),
}
# How many examiner marking points each seed prints; every one must be mapped to a criterion.
MARKING_POINTS_PER_SEED = {"000": 30, "001": 8, "002": 8, "003": 8, "004": 4}
DERIVED_IDS = {ids[0] for seed, ids in SEEDS.items() if seed in {"001", "002", "004"}}


def _seed_of(framework: Framework) -> str:
    return Path(framework.source_seed).name[:3]


def _marking_points(framework: Framework) -> list[str]:
    return [point for criterion in framework.criteria() for point in criterion.marking_points]


def test_there_is_one_bundled_file_per_expected_framework() -> None:
    expected = {framework_id for ids in SEEDS.values() for framework_id in ids}
    assert {path.stem for path in BUNDLED_FILES} == expected


@pytest.mark.parametrize("path", BUNDLED_FILES, ids=lambda p: p.stem)
def test_bundled_file_passes_the_full_schema_and_semantic_checks(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert framework_problems(data) == []
    framework = load_framework(path)  # the untrusted path, with jsonschema
    assert framework.id == path.stem
    assert framework.version == "1"
    assert framework == get_bundled(framework.id)


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_each_seed_is_covered_and_named_in_source(seed: str) -> None:
    frameworks = [f for f in bundled_frameworks() if _seed_of(f) == seed]
    assert sorted(f.id for f in frameworks) == sorted(SEEDS[seed])
    for framework in frameworks:
        assert framework.source_seed.startswith(f"seeds/{seed}_")
        assert "assigned by the project" in framework.source_notes


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_every_marking_point_of_a_seed_is_mapped_and_none_twice_in_a_file(seed: str) -> None:
    frameworks = [get_bundled(framework_id) for framework_id in SEEDS[seed]]
    union: set[str] = set()
    for framework in frameworks:
        points = _marking_points(framework)
        assert len(points) == len(set(points)), f"{framework.id} maps a marking point twice"
        union.update(points)
    assert len(union) == MARKING_POINTS_PER_SEED[seed]


def test_levels_are_as_printed() -> None:
    levels = {f.id: f.level for f in bundled_frameworks()}
    assert levels["icq-bwrc-l1"] == "1"
    assert levels["icq-bwrc-l2"] == "2"
    assert levels["icq-bmecr-l3-4"] == "3/4"
    for framework_id in DERIVED_IDS:
        assert levels[framework_id] == "not stated"


def test_bwrc_levels_carry_their_own_verbatim_outcomes() -> None:
    level1 = [o.text for o in get_bundled("icq-bwrc-l1").units[0].outcomes]
    level2 = [o.text for o in get_bundled("icq-bwrc-l2").units[0].outcomes]
    assert level1 == [
        "Know that the way of presenting self makes an impression on a customer or client",
        "Know that organisations normally have protocols for dealing with customers or clients",
        "Be able to interact positively with customers or clients in line with given protocols",
    ]
    assert level2[0].startswith("Understand how a customer’s or client’s interactions")
    assert (
        level2[1]
        == "Understand why organisations normally have protocols for dealing with customers."
    )
    assert (
        level2[2] == "Be able to interact positively with customers in line with given protocols."
    )


def test_level_3_4_framework_has_the_four_outcomes_of_the_seed() -> None:
    outcomes = get_bundled("icq-bmecr-l3-4").units[0].outcomes
    assert [o.number for o in outcomes] == ["1", "2", "3", "4"]
    assert [o.text for o in outcomes] == [
        "Understand how to build effective relationships with customers",
        "Be able to determine the scope for building effective relationships with customers",
        "Be able to develop effective relationships with customers",
        "Be able to review and improve relationships with customers",
    ]
    assert all(outcome.criteria for outcome in outcomes)


def test_items_written_by_the_project_are_marked_derived() -> None:
    for framework in bundled_frameworks():
        derived_seed = framework.id in DERIVED_IDS
        assert framework.derived is derived_seed, framework.id
        for unit in framework.units:
            assert unit.derived is derived_seed, unit.id
            for outcome in unit.outcomes:
                assert outcome.derived is derived_seed, outcome.id
        # Criterion texts restate marking points, so every criterion is the project's wording.
        assert all(criterion.derived for criterion in framework.criteria())


def test_ids_are_unique_across_all_bundled_frameworks() -> None:
    ids = [f.id for f in bundled_frameworks()]
    for framework in bundled_frameworks():
        for unit in framework.units:
            ids.append(unit.id)
            for outcome in unit.outcomes:
                ids.append(outcome.id)
                ids.extend(criterion.id for criterion in outcome.criteria)
    duplicates = [item for item, count in Counter(ids).items() if count > 1]
    assert duplicates == []


def test_no_published_id_has_disappeared() -> None:
    # Ids are stable forever: portfolios store them. New ids may be added, none removed.
    published = json.loads((FIXTURES / "bundled_ids.json").read_text(encoding="utf-8"))
    for framework_id, ids in published.items():
        framework = get_bundled(framework_id)
        present = {u.id for u in framework.units}
        present |= {o.id for u in framework.units for o in u.outcomes}
        present |= {c.id for c in framework.criteria()}
        assert set(ids) <= present, framework_id


def test_criteria_are_numbered_within_their_outcome_and_carry_evidence_hints() -> None:
    for framework in bundled_frameworks():
        for unit in framework.units:
            for outcome in unit.outcomes:
                for index, criterion in enumerate(outcome.criteria, 1):
                    assert criterion.number == f"{outcome.number}.{index}", criterion.id
                    assert criterion.marking_points, criterion.id
                    assert criterion.keywords, criterion.id
                    assert criterion.text.endswith("."), criterion.id


def test_keywords_come_from_the_seed_text_kept_in_the_file() -> None:
    for framework in bundled_frameworks():
        for unit in framework.units:
            seed_text = " ".join(
                [
                    framework.description,
                    unit.overview,
                    *unit.key_concepts,
                    *unit.guidance,
                    *unit.exam_tips,
                    *unit.common_mistakes,
                    *(point for c in unit.criteria() for point in c.marking_points),
                ]
            ).casefold()
            for criterion in unit.criteria():
                for keyword in criterion.keywords:
                    assert keyword.casefold() in seed_text, (criterion.id, keyword)


def test_each_unit_carries_the_learner_guidance_from_its_seed() -> None:
    for framework in bundled_frameworks():
        for unit in framework.units:
            assert unit.overview
            assert unit.key_concepts
            assert unit.guidance or unit.exam_tips
            assert unit.common_mistakes
            assert unit.key_terms
            assert all(term.term and term.definition for term in unit.key_terms)
            # Key terms split the seed's "Name: explanation" key concepts.
            concepts = set(unit.key_concepts)
            for term in unit.key_terms:
                joined = f"{term.term}: {term.definition}"
                assert joined in concepts or term.term in {"STAR method", "STAR technique", "LAST"}


def test_the_readme_has_a_section_for_every_bundled_file() -> None:
    readme = (bundled_dir() / "README.md").read_text(encoding="utf-8")
    for path in BUNDLED_FILES:
        assert f"## {path.name}" in readme
