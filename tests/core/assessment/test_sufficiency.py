"""Sufficiency rules from the framework (issue 13 item 6): the rule values, the one rule that
judges evidence against them, the framework file (schema, loader), and coverage through the
services: "insufficient" with the reason, "met" refused on insufficient evidence, and files
from before migration 0008 still opening."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from portfolio.domain.assessment import criterion_status, refuse_met, sufficiency_shortfall
from portfolio.domain.enums import CriterionState
from portfolio.domain.sufficiency import (
    RuleValueError,
    SufficiencyRule,
    rule_cells,
    rule_from_cells,
    rule_from_json,
    rule_from_text,
    rule_to_text,
)
from portfolio.errors import AssessmentRefusedError, FrameworkError
from portfolio.frameworks.loader import framework_problems, parse_framework
from portfolio.services.portfolio import Portfolio
from tests.helpers.assessment import ASSESSOR
from tests.helpers.sufficiency import (
    C11,
    C12,
    C21,
    C22,
    add_entry,
    make_ruled_portfolio,
    ruled_document,
    statuses,
)

OBS, WIT, REF = "observation", "witness_testimony", "reflective_account"


# -- the rule, plain ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rule",
    [
        None,
        SufficiencyRule(min_pieces=2),
        SufficiencyRule(methods=(OBS,), witness_testimony=False),
        SufficiencyRule(min_pieces=3, methods=(OBS, REF), witness_testimony=False),
    ],
)
@pytest.mark.parametrize(
    "methods", [[], [REF], [WIT], [WIT, WIT], [OBS, WIT], [OBS, REF, WIT], [REF, REF, REF]]
)
def test_counts_of_each_method_read_as_the_pieces_do(
    rule: SufficiencyRule | None, methods: list[str]
) -> None:
    """Coverage keeps how many pieces of each method a criterion has (a count of 0 is none)."""
    counts = {m: methods.count(m) for m in (OBS, WIT, REF)}
    assert sufficiency_shortfall(rule, counts) == sufficiency_shortfall(rule, methods)


def test_no_rule_or_no_evidence_is_never_insufficient() -> None:
    assert sufficiency_shortfall(None, [REF]) is None
    assert sufficiency_shortfall(SufficiencyRule(min_pieces=3), []) is None


def test_minimum_pieces() -> None:
    rule = SufficiencyRule(min_pieces=2)
    assert sufficiency_shortfall(rule, [REF]) == (
        "insufficient evidence: needs 2 pieces of evidence, has 1"
    )
    assert sufficiency_shortfall(rule, [REF, OBS]) is None


def test_required_method_and_witness_not_accepted() -> None:
    rule = SufficiencyRule(methods=(OBS,), witness_testimony=False, basis="seed 000 line 115")
    shortfall = sufficiency_shortfall(rule, [WIT])
    assert shortfall is not None
    assert "needs an observation" in shortfall
    assert "witness testimony is not accepted (1 witness testimony not counted)" in shortfall
    assert "needs 1 piece of evidence, has none" in shortfall
    assert shortfall.endswith("(rule from seed 000 line 115)")
    assert sufficiency_shortfall(rule, [WIT, OBS]) is not None  # the testimony still named
    assert sufficiency_shortfall(rule, [OBS, REF]) is None


def test_witness_testimony_allowed_by_default() -> None:
    assert sufficiency_shortfall(SufficiencyRule(min_pieces=2), [WIT, WIT]) is None


def test_status_is_insufficient_even_under_a_judgement_of_met() -> None:
    assert criterion_status(ready=1, drafts=0, judgement=None, shortfall="x") is (
        CriterionState.INSUFFICIENT
    )
    assert criterion_status(ready=0, drafts=1, judgement=None, shortfall=None) is (
        CriterionState.DRAFT
    )
    assert refuse_met("1.1", 1, "insufficient evidence: needs an observation") == (
        "Criterion 1.1 has insufficient evidence for its framework's rule (insufficient "
        "evidence: needs an observation); it cannot be judged met."
    )


def test_criterion_rule_overrides_its_outcome_field_by_field() -> None:
    outcome = SufficiencyRule(methods=(OBS,), witness_testimony=False)
    own = SufficiencyRule(min_pieces=2)
    merged = own.merged_over(outcome)
    assert merged == SufficiencyRule(min_pieces=2, methods=(OBS,), witness_testimony=False)
    assert merged.describe() == (
        "at least 2 pieces of evidence; must include an observation; witness testimony not accepted"
    )


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ({"min_pieces": 0}, "min_pieces: should be from 1 to 20, not 0"),
        ({"min_pieces": 99}, "should be from 1 to 20, not 99"),
        ({"min_pieces": "two"}, "should be a whole number from 1 to 20, not 'two'"),
        ({"min_pieces": True}, "should be a whole number"),
        ({"methods": ["telepathy"]}, "'telepathy' is not an evidence method"),
        ({"methods": "observation"}, "methods: should be a list of methods"),
        ({"methods": [OBS, OBS]}, "a method is listed twice"),
        ({"witness_testimony": "no"}, "witness_testimony: should be true or false"),
        ({"methods": [WIT], "witness_testimony": False}, "also says it is not accepted"),
        ({"min_pieces": 1, "methods": [OBS, REF]}, "1 is fewer than the 2 required methods"),
        ({"minimum": 2}, "sufficiency.minimum: unknown rule"),
        ([2], "should be an object"),
    ],
)
def test_bad_rule_values_are_refused_with_one_line(value: object, words: str) -> None:
    with pytest.raises(RuleValueError, match=None) as caught:
        rule_from_json(value, "sufficiency")
    assert words in str(caught.value) and "\n" not in str(caught.value)


def test_rule_round_trips_through_the_file_column_and_the_csv_cells() -> None:
    rule = SufficiencyRule(min_pieces=2, methods=(OBS,), witness_testimony=False, basis="b")
    assert rule_from_text(rule_to_text(rule)) == rule
    assert rule_to_text(None) is None and rule_from_text(None) is None
    assert rule_from_text("not json") is None
    pieces, methods, witness, basis = rule_cells(rule)
    assert (pieces, methods, witness, basis) == ("2", "observation", "no", "b")
    assert rule_from_cells(pieces, methods, witness, "line 2", basis) == rule
    assert rule_cells(None) == ("", "", "", "")
    assert rule_from_cells("", "Observation; Witness testimony", "yes", "x") == (
        SufficiencyRule(None, (OBS, WIT), True)
    )
    assert rule_from_cells("", "", "", "x") is None
    for cells_in, words in (
        (("two", "", ""), "min evidence 'two' is not a whole number"),
        (("", "hearsay", ""), "'hearsay' is not an evidence method"),
        (("", "", "maybe"), "witness testimony 'maybe' should be yes or no"),
    ):
        with pytest.raises(RuleValueError, match=words):
            rule_from_cells(*cells_in, "line 3")


# -- the framework file ------------------------------------------------------------------------


def test_the_loader_reads_rules_and_merges_outcome_rules() -> None:
    framework = parse_framework(ruled_document(), "ruled.json")
    lo2 = framework.units[0].outcomes[1]
    assert lo2.rule == SufficiencyRule(methods=(OBS,), witness_testimony=False)
    assert lo2.rule_for(lo2.criteria[1]) == SufficiencyRule(2, (OBS,), False)
    assert lo2.rule_for(lo2.criteria[0]) == lo2.rule


def test_bad_rules_in_a_framework_file_name_the_field_once() -> None:
    document = ruled_document()
    criterion = document["units"][0]["outcomes"][0]["criteria"][0]
    criterion["sufficiency"] = {"min_pieces": -1, "methods": ["observation"]}
    problems = framework_problems(document)
    assert problems == [
        "units[0].outcomes[0].criteria[0].sufficiency.min_pieces: should be from 1 to 20, not -1"
    ]
    with pytest.raises(FrameworkError, match=r"ruled\.json: units\[0\]"):
        parse_framework(document, "ruled.json")


# -- coverage through the services -------------------------------------------------------------


@pytest.fixture
def ruled(tmp_path: Path) -> Path:
    return make_ruled_portfolio(tmp_path / "ruled.portfolio")


def test_coverage_reports_insufficient_with_the_reason(ruled: Path) -> None:
    add_entry(ruled, [C11, C12, C21, C22])
    found = statuses(ruled)
    assert found["1.2"] == ("claimed", "")
    assert found["1.1"][0] == "insufficient"
    assert "needs 2 pieces of evidence, has 1 (rule from test guidance, para 1)" in found["1.1"][1]
    assert found["2.1"] == ("insufficient", "insufficient evidence: needs an observation")
    assert found["2.2"][0] == "insufficient"
    with Portfolio.open(ruled) as pf:
        report = pf.coverage.report()
    gaps = [g for g in report.gaps if g.kind == "insufficient"]
    assert {g.criterion_number for g in gaps} == {"1.1", "2.1", "2.2"}
    item = report.criterion(C22)
    assert item.rule == (
        "at least 2 pieces of evidence; must include an observation; witness testimony not accepted"
    )
    assert item.detail == item.shortfall


def test_witness_testimony_does_not_count_where_refused(ruled: Path) -> None:
    add_entry(ruled, [C21, C11], method=WIT)
    add_entry(ruled, [C11], method=WIT)
    found = statuses(ruled)
    assert found["1.1"] == ("claimed", "")  # 1.1 accepts testimony: two pieces
    assert found["2.1"][0] == "insufficient"
    assert "witness testimony is not accepted" in found["2.1"][1]


def test_an_observation_record_makes_it_sufficient_and_met_can_follow(ruled: Path) -> None:
    add_entry(ruled, [C21])
    with Portfolio.open(ruled, actor=ASSESSOR) as pf:
        with pytest.raises(AssessmentRefusedError, match="insufficient evidence"):
            pf.reviewing.judge(criterion=C21, judgement="met", reason="Good")
        pf.reviewing.observe(
            observed_on=date(2026, 11, 30),
            place="Shop floor, Brightmart",
            seen="Greeted three customers by name and offered help.",
            criteria=[C21],
        )
    assert statuses(ruled)["2.1"] == ("claimed", "")
    with Portfolio.open(ruled, actor=ASSESSOR) as pf:
        pf.reviewing.judge(criterion=C21, judgement="met", reason="Seen and written up")
    assert statuses(ruled)["2.1"] == ("met", "")


def test_refused_met_writes_nothing(ruled: Path) -> None:
    add_entry(ruled, [C11])
    before = _count(ruled, "criterion_judgement")
    with Portfolio.open(ruled, actor=ASSESSOR) as pf:
        with pytest.raises(AssessmentRefusedError, match=r"Criterion 1\.1 has insufficient"):
            pf.reviewing.judge(criterion=C11, judgement="met", reason="Fine")
        pf.reviewing.judge(criterion=C11, judgement="not-yet", reason="One more piece")
    assert _count(ruled, "criterion_judgement") == before + 1


def test_the_rules_travel_with_the_file_and_its_framework_export(ruled: Path) -> None:
    conn = sqlite3.connect(ruled)
    try:
        stored = dict(conn.execute("SELECT number, sufficiency FROM criterion").fetchall())
    finally:
        conn.close()
    assert stored["1.2"] is None
    assert rule_from_text(stored["2.2"]) == SufficiencyRule(2, (OBS,), False)


def _count(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def test_a_file_from_before_the_rules_opens_and_reads_as_before(
    portfolio_file: Path, tmp_path: Path
) -> None:
    """Take a current file back to revision 0007 (every later migration's downgrade, so the file
    is as an older version wrote it), then open it: it migrates and reads as before."""
    from portfolio.storage import migrate
    from tests.helpers.migrations import downgrade

    old = tmp_path / "old.portfolio"
    shutil.copy2(portfolio_file, old)
    downgrade(old, "20261203_0007")
    conn = sqlite3.connect(old)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        columns = {r[1] for r in conn.execute("PRAGMA table_info(criterion)")}
    finally:
        conn.close()
    assert "observation" not in tables and "review_seen" not in tables
    assert "sufficiency" not in columns
    with Portfolio.open(old) as pf:
        report = pf.coverage.report()
        assert all(c.rule == "" and c.shortfall == "" for c in report.criteria)
        assert pf.reviewing.observations() == []
    conn = sqlite3.connect(old)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == (
            migrate.head_revision()
        )
        assert conn.execute("SELECT count(*) FROM review_seen").fetchone()[0] == 0
    finally:
        conn.close()
