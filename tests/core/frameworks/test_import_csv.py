"""Importing a framework from CSV: the documented layout, the template, and every problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio.errors import FrameworkError
from portfolio.frameworks.importers import import_bytes, import_file
from portfolio.frameworks.importers.csv_format import REQUIRED_COLUMNS
from portfolio.resources import resource_path

INTEROP = Path(__file__).resolve().parents[2] / "fixtures" / "interop"


def test_semicolon_csv_with_bom_and_prefixes_imports() -> None:
    result = import_file(INTEROP / "customer-service.csv")
    framework = result.framework
    assert result.format == "csv"
    assert framework.id == "customer-service-practitioner-l2"
    assert framework.level == "2"
    assert [u.ref for u in framework.units] == ["CS1", "CS2"]
    first = framework.units[0]
    assert [o.number for o in first.outcomes] == ["1", "2"]
    assert [c.number for c in first.criteria()] == ["1.1", "1.2", "2.1"]
    assert first.outcomes[0].criteria[0].keywords == ("customers", "internal")
    assert first.outcomes[0].criteria[1].text == "Describe what customers expect; and why"
    assert first.outcomes[0].criteria[0].id == "customer-service-practitioner-l2.cs1.ac1-1"
    # The same number in another unit is a different criterion.
    assert framework.units[1].outcomes[0].criteria[0].id.endswith(".cs2.ac1-1")


def test_shipped_template_is_a_valid_framework() -> None:
    template = resource_path("templates", "framework-template.csv")
    header = template.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert set(REQUIRED_COLUMNS) <= set(header)
    result = import_file(template)
    assert result.criterion_count == 4 and result.warnings == ()
    assert result.framework.units[0].guidance


def test_malformed_csv_lists_every_problem_with_its_line() -> None:
    with pytest.raises(FrameworkError) as caught:
        import_file(INTEROP / "bad.csv")
    problems = caught.value.problems
    text = "\n".join(problems)
    assert "line 3, column unit_title: unit R1 is called 'Selling' on line 2" in text
    assert "line 4, column criterion_number: criterion 1.1 of unit R1 is already on line 2" in text
    assert "line 5, column qualification: 'Other Qualification' differs" in text
    assert "line 6: empty cell(s): criterion_text" in text
    assert len(problems) == 4
    assert caught.value.message.startswith("bad.csv: 4 problems")


def test_schema_problems_point_at_csv_lines_and_columns() -> None:
    content = (
        "qualification,unit_ref,unit_title,outcome_number,outcome_text,criterion_number,"
        "criterion_text\nQ,U1,Unit,1,Outcome,2.1,Wrong prefix\n"
    )
    with pytest.raises(FrameworkError) as caught:
        import_bytes(content.encode(), "q.csv")
    assert caught.value.problems == [
        "q.csv: line 2, column criterion_number: criterion number '2.1' should start with "
        "its outcome's number and a dot ('1.')"
    ]


def test_missing_columns_are_named() -> None:
    with pytest.raises(FrameworkError, match=r"missing column.*criterion_text"):
        import_bytes(
            b"qualification,unit_ref,unit_title,outcome_number,outcome_text,criterion_number\n",
            "short.csv",
        )


def test_header_without_rows_is_refused() -> None:
    content = (
        b"qualification,unit_ref,unit_title,outcome_number,outcome_text,criterion_number,"
        b"criterion_text\n"
    )
    with pytest.raises(FrameworkError, match="no criteria rows"):
        import_bytes(content, "empty.csv")


def test_unknown_column_is_a_warning_not_an_error() -> None:
    content = (
        "qualification,unit_ref,unit_title,outcome_number,outcome_text,criterion_number,"
        "criterion_text,colour\nQ,U1,Unit,1,Outcome,1.1,Text,red\n"
    )
    result = import_bytes(content.encode(), "c.csv")
    assert any("'colour' is not part of the layout" in w for w in result.warnings)


def test_non_utf8_csv_is_refused_clearly() -> None:
    content = "qualification,unit_ref\nCaf\u00e9,U1\n".encode("cp1252")
    with pytest.raises(FrameworkError, match="not UTF-8"):
        import_bytes(content, "latin.csv")
