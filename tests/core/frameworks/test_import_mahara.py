"""Importing Mahara SmartEvidence .matrix files: both shipped examples, hierarchy, HTML, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from portfolio.errors import FrameworkError
from portfolio.frameworks.importers import import_bytes, import_file
from portfolio.frameworks.loader import framework_problems

INTEROP = Path(__file__).resolve().parents[2] / "fixtures" / "interop"


def test_example_matrix_imports_standards_as_outcomes_and_elements_as_criteria() -> None:
    result = import_file(INTEROP / "example.matrix")
    framework = result.framework
    assert result.format == "mahara-matrix"
    assert framework.id == "title-of-your-framework"
    assert (result.unit_count, result.outcome_count, result.criterion_count) == (1, 4, 31)
    assert [o.number for o in framework.units[0].outcomes] == ["1", "2", "3", "4"]
    # The imported document is a valid framework in our own format.
    assert framework_problems(framework.raw) == []


def test_example_matrix_children_follow_and_number_under_their_parent() -> None:
    outcome = import_file(INTEROP / "example.matrix").framework.units[0].outcomes[0]
    numbers = [c.number for c in outcome.criteria]
    assert numbers == ["1.1", "1.2", "1.3", "1.3.1", "1.3.2", "1.3.3", "1.3.4", "1.4"]
    assert outcome.criteria[0].text.startswith("Sub level of the standard: Description")


def test_duplicate_element_id_is_reported_and_both_are_kept() -> None:
    result = import_file(INTEROP / "example.matrix")
    fourth = result.framework.units[0].outcomes[3]
    assert [c.number for c in fourth.criteria].count("4.4.3") == 1
    assert "4.4.4" in [c.number for c in fourth.criteria]
    assert any("duplicate element id '4.4.3'" in w for w in result.warnings)
    assert any("standardelements[29]" in w for w in result.warnings)


def test_nace_matrix_html_becomes_plain_text_and_numbers_are_assigned() -> None:
    result = import_file(INTEROP / "nace_usa.matrix")
    framework = result.framework
    assert framework.id == "career-readiness"
    assert "<a" not in framework.description and "Source (http://www.naceweb.org" in (
        framework.description
    )
    criteria = list(framework.criteria())
    assert [c.number for c in criteria] == [f"1.{i}" for i in range(1, 8)]
    assert all(c.derived for c in criteria)
    assert criteria[0].text.startswith("Critical Thinking/Problem Solving: Exercise sound")


def test_ids_are_stable_across_imports() -> None:
    first = import_file(INTEROP / "example.matrix").framework
    second = import_file(INTEROP / "example.matrix").framework
    assert [c.id for c in first.criteria()] == [c.id for c in second.criteria()]
    assert all(c.id.startswith("title-of-your-framework.") for c in first.criteria())


def test_legacy_nested_form_with_forward_parent_and_unknown_parent() -> None:
    result = import_file(INTEROP / "legacy-nested.matrix")
    framework = result.framework
    assert framework.title == "Legacy nested framework"
    assert framework.description == (
        "Old & nested form.\n\nSecond paragraph with a link (https://example.org/x)."
    )
    (outcome,) = framework.units[0].outcomes  # the empty standard B is skipped
    assert outcome.number == "A" and outcome.text == "Communication: Talk well"
    assert [c.number for c in outcome.criteria] == ["A.1", "A.1.1", "A.2"]
    warnings = " | ".join(result.warnings)
    assert "parent comes later" in warnings
    assert "no element 'Z.9'" in warnings
    assert "has no elements" in warnings
    assert "evidencestatuses: should be a list" in warnings


def test_string_standardid_is_matched_loosely_with_a_warning() -> None:
    data = {
        "framework": {
            "name": "Loose",
            "standards": [{"shortname": "1", "name": "One", "standardid": 1}],
            "standardelements": [
                {"shortname": "1.1", "name": "First", "standardid": "1", "elementid": "1.1"}
            ],
        }
    }
    result = import_bytes(json.dumps(data).encode(), "loose.matrix")
    assert [c.number for c in result.framework.criteria()] == ["1.1"]
    assert any("Mahara would drop" in w for w in result.warnings)


def test_malformed_matrix_lists_every_problem() -> None:
    with pytest.raises(FrameworkError) as caught:
        import_file(INTEROP / "bad.matrix")
    problems = caught.value.problems
    assert len(problems) == 4
    assert all(p.startswith("bad.matrix: ") for p in problems)
    text = "\n".join(problems)
    assert "framework.name: required" in text
    assert "framework.standards[1].shortname: required" in text
    assert "framework.standardelements[1].name: required" in text
    assert "framework.standardelements[2].standardid: 9 matches no standard" in text


def test_matrix_without_framework_object_is_refused() -> None:
    with pytest.raises(FrameworkError, match="framework"):
        import_bytes(b'{"framework": []}', "x.matrix")
