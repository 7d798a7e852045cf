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


def test_example_matrix_children_record_their_parent_and_keep_their_own_ids() -> None:
    outcome = import_file(INTEROP / "example.matrix").framework.units[0].outcomes[0]
    numbers = [c.number for c in outcome.criteria]
    assert numbers == ["1.1", "1.2", "1.3", "1.3.1", "1.3.2", "1.3.3", "1.3.4", "1.4"]
    by_number = {c.number: c for c in outcome.criteria}
    assert by_number["1.3.2"].parent == by_number["1.3"].id
    assert by_number["1.3"].parent == "" and by_number["1.4"].parent == ""
    assert [c.source_id for c in outcome.criteria] == numbers
    # Name and description stay apart; the "1.1 - " prefix is the number, not the name.
    first = outcome.criteria[0]
    assert first.text == "Sub level of the standard"
    assert first.description.startswith("Description of the standard. This description")
    assert outcome.text == "Title of the standard" and outcome.description.startswith("Descr")


def test_example_matrix_keeps_statuses_institution_and_selfassess() -> None:
    framework = import_file(INTEROP / "example.matrix").framework
    assert framework.status_label("claimed", "x") == "Ready for assessment"
    assert framework.status_label("not_yet", "x") == "Doesn't meet the standard"
    assert framework.status_label("met", "x") == "Meets the standard"
    assert framework.status_label("partial", "x") == "Partially meets the standard"
    assert framework.institution == "all" and framework.selfassess is False
    not_kept = " | ".join(framework.raw["source"]["not_kept"])
    assert "partialcomplete" in not_kept and "selfassess" in not_kept


def test_duplicate_element_id_is_reported_and_both_are_kept() -> None:
    result = import_file(INTEROP / "example.matrix")
    fourth = result.framework.units[0].outcomes[3]
    twins = [c for c in fourth.criteria if c.source_id == "4.4.3"]
    assert [c.number for c in twins] == ["4.4.3", "4.4.4"]
    assert twins[1].short_name == "4.4.3" and twins[1].derived
    assert twins[0].parent == twins[1].parent != ""
    assert any("duplicate element id '4.4.3'" in w for w in result.warnings)
    assert any("standardelements[29]" in w for w in result.warnings)


def test_nace_matrix_keeps_element_ids_as_numbers_and_short_names_apart() -> None:
    result = import_file(INTEROP / "nace_usa.matrix")
    framework = result.framework
    assert framework.id == "career-readiness"
    assert "<a" not in framework.description and "Source (http://www.naceweb.org" in (
        framework.description
    )
    criteria = list(framework.criteria())
    assert [c.number for c in criteria] == [f"{i}.0" for i in range(1, 8)]
    assert not any(c.derived for c in criteria)
    assert framework.units[0].source_numbering  # "2.0" does not start with outcome "1."
    first = criteria[0]
    assert first.short_name == "Critical Thinking"
    assert first.text == "Critical Thinking/Problem Solving"
    assert first.description.startswith("Exercise sound reasoning")
    (outcome,) = framework.units[0].outcomes
    assert outcome.short_name == "Career Readiness"
    assert outcome.text == "Career Readiness Competencies"
    assert framework.status_label("met", "") == "Meets the competency"
    assert result.warnings == ()


def test_legacy_2016_form_records_parents_from_dotted_names_and_parent_flag() -> None:
    result = import_file(INTEROP / "legacy-2016.matrix")
    framework = result.framework
    first, second, third = framework.units[0].outcomes
    assert (first.number, first.short_name) == ("1", "Professional knowledge 1.")
    by_number = {c.number: c for c in first.criteria}
    assert by_number["1.2.1"].parent == by_number["1.2"].id
    assert [c.number for c in first.criteria] == ["1.1", "1.2", "1.2.1", "1.3", "1.3.1"]
    extra = by_number["1.3.1"]  # "Extra", flagged "parent": true under the last top element
    assert extra.short_name == "Extra" and extra.parent == by_number["1.3"].id and extra.derived
    # The nested HTML list keeps its nesting as indented items.
    assert second.criteria[0].description == "- First\n  - First, part a\n- Second"
    # The empty standard is kept, so outcome numbers have no gap.
    assert (third.number, third.text, third.criteria) == ("3", "Nothing under it yet", ())
    assert third.description == "Kept although empty"
    not_kept = " | ".join(framework.raw["source"]["not_kept"])
    assert "priority (Mahara ignores it too)" in not_kept
    assert any("dotted short name" in w for w in result.warnings)


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
    outcome, empty = framework.units[0].outcomes  # the empty standard B is kept
    assert (outcome.number, outcome.text) == ("A", "Communication")
    assert outcome.description == "Talk well"
    assert (empty.number, empty.text, empty.criteria) == ("B", "Empty standard", ())
    assert [c.number for c in outcome.criteria] == ["A.1", "A.1.1", "A.2"]
    assert outcome.criteria[1].parent == outcome.criteria[0].id
    warnings = " | ".join(result.warnings)
    assert "parent comes later" in warnings
    assert "no element 'Z.9'" in warnings
    assert "has no elements" in warnings
    assert "evidencestatuses: should be a list" in warnings
    # Read anyway (the author's evident intent), and written as a list on export.
    assert framework.status_label("claimed", "") == "Started" and framework.selfassess is True


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
