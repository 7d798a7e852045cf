"""Sufficiency rules in the CSV layout (issue 13 item 6): read from the rule columns, written
back by the export so a spreadsheet round trip keeps them, and bad values refused naming the
line."""

from __future__ import annotations

import pytest

from portfolio.domain.sufficiency import SufficiencyRule
from portfolio.errors import FrameworkError
from portfolio.frameworks.export import to_csv_text
from portfolio.frameworks.importers import import_bytes, import_file
from portfolio.resources import resource_path

HEADER = (
    "qualification,unit_ref,unit_title,outcome_number,outcome_text,criterion_number,"
    "criterion_text,outcome_methods,outcome_witness_testimony,criterion_min_evidence\n"
)


def _import(rows: str):
    return import_bytes((HEADER + rows).encode("utf-8"), "rules.csv")


def test_the_template_carries_an_outcome_rule_and_a_criterion_rule() -> None:
    framework = import_file(resource_path("templates", "framework-template.csv")).framework
    unit = framework.units[0]
    lo2 = unit.outcomes[1]
    assert lo2.rule == SufficiencyRule(
        methods=("observation",),
        witness_testimony=False,
        basis="Example Awarding Body assessment strategy: skills are observed",
    )
    assert unit.outcomes[0].criteria[1].rule == SufficiencyRule(min_pieces=2)
    assert unit.outcomes[0].criteria[0].rule is None


def test_rules_survive_a_csv_round_trip() -> None:
    framework = import_file(resource_path("templates", "framework-template.csv")).framework
    again = import_bytes(to_csv_text(framework).encode("utf-8"), "again.csv").framework
    assert [o.rule for u in again.units for o in u.outcomes] == [
        o.rule for u in framework.units for o in u.outcomes
    ]
    assert [c.rule for c in again.criteria()] == [c.rule for c in framework.criteria()]


def test_an_outcome_rule_given_on_one_row_applies_to_the_outcome() -> None:
    framework = _import(
        "Q,U1,Unit,2,Be able to,2.1,Do it,Observation,no,\nQ,U1,Unit,2,Be able to,2.2,Do more,,,3\n"
    ).framework
    outcome = framework.units[0].outcomes[0]
    assert outcome.rule == SufficiencyRule(methods=("observation",), witness_testimony=False)
    assert outcome.rule_for(outcome.criteria[1]) == SufficiencyRule(3, ("observation",), False)


@pytest.mark.parametrize(
    ("rows", "words"),
    [
        ("Q,U1,Unit,1,O,1.1,T,,,two\n", "criterion rule: min evidence 'two' is not a whole"),
        ("Q,U1,Unit,1,O,1.1,T,,,0\n", "line 2, criterion rule: min evidence: should be from 1"),
        ("Q,U1,Unit,1,O,1.1,T,telepathy,,\n", "'telepathy' is not an evidence method"),
        ("Q,U1,Unit,1,O,1.1,T,,perhaps,\n", "witness testimony 'perhaps' should be yes or no"),
        (
            "Q,U1,Unit,1,O,1.1,T,observation,,\nQ,U1,Unit,1,O,1.2,T,questioning,,\n",
            "line 3, outcome rule: outcome 1's evidence rule differs from line 2",
        ),
        (
            "Q,U1,Unit,1,O,1.1,T,witness testimony,no,\n",
            "requires witness testimony but also says it is not accepted",
        ),
    ],
)
def test_bad_rule_cells_are_refused_naming_the_line(rows: str, words: str) -> None:
    with pytest.raises(FrameworkError) as caught:
        _import(rows)
    assert words in caught.value.message
    assert "\n" not in caught.value.message
