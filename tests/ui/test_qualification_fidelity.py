"""The Qualification page and the tagging panel's guidance show a framework's short names and
descriptions, now kept apart from the statements (issue 22)."""

from __future__ import annotations

from pathlib import Path

from portfolio.frameworks.importers import import_file
from portfolio.ui.editor.criteria_tree_model import guidance_html
from portfolio.ui.qualification.qualification_html import criterion_html, outcome_html

INTEROP = Path(__file__).resolve().parents[1] / "fixtures" / "interop"


def test_short_names_and_descriptions_are_shown() -> None:
    framework = import_file(INTEROP / "nace_usa.matrix").framework
    unit = framework.units[0]
    outcome = unit.outcomes[0]
    criterion = outcome.criteria[0]
    page = criterion_html(criterion, outcome, unit)
    assert "Criterion 1.0 · Critical Thinking" in page
    assert "Exercise sound reasoning" in page
    assert "Career Readiness Competencies" in outcome_html(outcome, unit)
    assert "Career readiness is the attainment" in outcome_html(outcome, unit)
    assert "Exercise sound reasoning" in guidance_html(unit, criterion)


def test_nested_list_descriptions_keep_their_lines() -> None:
    framework = import_file(INTEROP / "legacy-2016.matrix").framework
    unit = framework.units[0]
    outcome = unit.outcomes[1]
    page = criterion_html(outcome.criteria[0], outcome, unit)
    assert "- First<br>  - First, part a<br>- Second" in page
