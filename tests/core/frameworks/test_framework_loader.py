"""The framework loader: conversion of good files, and a clear message for every bad one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from portfolio.errors import FrameworkError
from portfolio.frameworks import loader
from portfolio.frameworks.loader import (
    MAX_FILE_BYTES,
    framework_problems,
    load_framework,
    parse_framework,
)
from portfolio.frameworks.model import Criterion, Framework, KeyTerm, Outcome, Unit

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "frameworks"


def _good() -> dict[str, object]:
    data: dict[str, object] = json.loads((FIXTURES / "good.json").read_text(encoding="utf-8"))
    return data


def _error_for(path: Path, *, trusted: bool = False) -> FrameworkError:
    with pytest.raises(FrameworkError) as caught:
        load_framework(path, trusted=trusted)
    return caught.value


# ---------------------------------------------------------------------------- good files


def test_good_file_becomes_frozen_dataclasses_with_tuples() -> None:
    framework = load_framework(FIXTURES / "good.json")
    assert isinstance(framework, Framework)
    assert (framework.id, framework.title, framework.level, framework.version) == (
        "test-good",
        "Test Framework",
        "2",
        "1",
    )
    assert framework.awarding_body == "Test Body"
    assert framework.qualifications == ("Test Certificate",)
    assert framework.derived is True
    assert (framework.source_seed, framework.source_notes) == ("none", "Written for tests.")
    unit = framework.units[0]
    assert isinstance(unit, Unit)
    assert isinstance(framework.units, tuple)
    assert isinstance(unit.outcomes, tuple)
    assert unit.key_terms == (KeyTerm("STAR", "Situation, Task, Action, Result"),)
    assert unit.key_skills == ("Listening",)
    assert unit.guidance == ("Link evidence to criteria.",)
    assert unit.exam_tips == ("Use STAR.",)
    first, second = unit.outcomes
    assert isinstance(first, Outcome)
    assert (first.derived, second.derived) == (False, True)
    assert first.criteria[0] == Criterion(
        id="test-good.u1.lo1.ac1",
        number="1.1",
        text="Describe a greeting.",
        derived=True,
        marking_points=("Award credit for a greeting.",),
        keywords=("greeting", "welcome"),
    )
    # Optional fields default sensibly.
    assert first.criteria[1].marking_points == ()
    assert first.criteria[1].derived is False
    assert [c.number for c in framework.criteria()] == ["1.1", "1.2", "2.1"]
    with pytest.raises(AttributeError):
        framework.title = "changed"  # type: ignore[misc]


def test_raw_keeps_the_original_document() -> None:
    framework = load_framework(FIXTURES / "good.json")
    assert framework.raw == _good()


def test_parse_framework_copies_the_document_it_was_given() -> None:
    data = _good()
    framework = parse_framework(data, "memory")
    data["title"] = "Changed by the caller"
    assert framework.raw["title"] == "Test Framework"


def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + (FIXTURES / "good.json").read_bytes())
    assert load_framework(path).id == "test-good"


# ---------------------------------------------------------------------------- malformed files


@pytest.mark.parametrize(
    ("fixture", "field", "problem"),
    [
        (
            "missing_field.json",
            "units[0].outcomes[0].criteria[1].text",
            "required field is missing",
        ),
        ("wrong_type.json", "level", "should be a string, not a whole number"),
        (
            "duplicate_id.json",
            "units[0].outcomes[1].criteria[0].id",
            "duplicate id 'test-good.u1.lo1.ac1' (already used at "
            "units[0].outcomes[0].criteria[0].id)",
        ),
        (
            "bad_number.json",
            "units[0].outcomes[1].criteria[0].number",
            "should start with its outcome's number and a dot ('2.')",
        ),
        (
            "bad_number.json",
            "units[0].outcomes[1].criteria[0].number",
            "criterion number '1.2' is used twice in this unit",
        ),
        (
            "bad_prefix.json",
            "units[0].outcomes[0].id",
            "should start with the framework id and a dot ('test-good.')",
        ),
        ("not_object.json", "(top level)", "must hold a JSON object, not a list"),
    ],
)
def test_malformed_file_is_reported_with_file_field_and_problem(
    fixture: str, field: str, problem: str
) -> None:
    path = FIXTURES / fixture
    error = _error_for(path)
    matching = [p for p in error.problems if p.startswith(f"{path}: {field}: ") and problem in p]
    assert matching, error.problems
    assert str(error).startswith(f"{path}: ")
    assert "\n" not in str(error)


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("bad_json.json", "is not valid JSON: Expecting property name"),
        ("empty.json", "the file is empty"),
    ],
)
def test_unreadable_file_is_reported_in_one_line(fixture: str, message: str) -> None:
    path = FIXTURES / fixture
    error = _error_for(path)
    assert str(error).startswith(f"{path}: {message}")
    assert error.problems == [str(error)]


def test_bad_json_names_the_line_and_column() -> None:
    error = _error_for(FIXTURES / "bad_json.json")
    assert str(error).endswith("at line 6, column 1")


def test_several_problems_are_reported_at_once() -> None:
    path = FIXTURES / "several_problems.json"
    error = _error_for(path)
    fields = [p.removeprefix(f"{path}: ").split(": ", 1)[0] for p in error.problems]
    assert sorted(fields) == sorted(
        [
            "title",
            "units[0].outcomes[0].criteria[0].number",
            "units[0].outcomes[1].criteria[0].colour",
            "units[0].outcomes[1].criteria[1].text",
            "units[0].outcomes[1].criteria[0].id",
            "units[0].outcomes[1].criteria[1].number",
        ]
    )
    assert str(error).startswith(f"{path}: 6 problems: ")
    assert str(error).endswith("(and 5 more)")
    assert "\n" not in str(error)
    assert all(p.startswith(f"{path}: ") for p in error.problems)


def test_malformed_number_is_not_reported_twice() -> None:
    error = _error_for(FIXTURES / "several_problems.json")
    about_number = [p for p in error.problems if "criteria[0].number" in p and "'one two'" in p]
    assert len(about_number) == 1
    assert "is not a valid number" in about_number[0]


def test_missing_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.json"
    assert str(_error_for(path)) == f"{path}: file not found"


def test_folder_is_reported(tmp_path: Path) -> None:
    assert str(_error_for(tmp_path)) == f"{tmp_path}: is a folder, not a framework file"


def test_file_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes('{"title": "Caf\u00e9"}'.encode("latin-1"))
    assert str(_error_for(path)) == f"{path}: is not UTF-8 text (unreadable byte at position 14)"


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk space
    message = str(_error_for(path))
    assert message.startswith(f"{path}: file is too large (5.0 MB;")
    assert "at most 5 MB" in message


def test_file_at_the_size_limit_is_read(tmp_path: Path) -> None:
    text = json.dumps(_good())
    path = tmp_path / "padded.json"
    path.write_text(text + " " * (MAX_FILE_BYTES - len(text.encode())), encoding="utf-8")
    assert load_framework(path).id == "test-good"


def test_absurd_integer_is_reported_as_invalid_json(tmp_path: Path) -> None:
    path = tmp_path / "digits.json"
    path.write_text('{"format_version": ' + "9" * 5000 + "}", encoding="utf-8")
    assert str(_error_for(path)).startswith(f"{path}: is not valid JSON: ")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"format": "something-else"}, 'format: should be "portfolio-framework"'),
        ({"format_version": 2}, "format_version: should be 1, not 2"),
        ({"id": "Has Spaces"}, "id: 'Has Spaces' is not a valid id"),
        ({"units": []}, "units: must contain at least one unit"),
        ({"level": ""}, "level: must not be empty"),
        ({"level": "x" * 21}, "level: is too long (21 characters; at most 20)"),
        ({"derived": "yes"}, "derived: should be true or false, not a string"),
        ({"extra": 1}, "extra: unknown field (not part of the framework format)"),
    ],
)
def test_schema_problems_are_worded_plainly(change: dict[str, object], expected: str) -> None:
    data = {**_good(), **change}
    assert any(p.startswith(expected) for p in framework_problems(data)), framework_problems(data)


def test_outcome_numbers_must_be_unique_within_a_unit() -> None:
    data = _good()
    data["units"][0]["outcomes"][1]["number"] = "1"  # type: ignore[index]
    problems = framework_problems(data)
    assert "units[0].outcomes[1].number: outcome number '1' is used twice in this unit" in (
        " ".join(problems)
    )


def test_semantic_checks_survive_a_document_the_schema_rejects() -> None:
    data = _good()
    data["units"] = [{"outcomes": [None, {"criteria": "not a list"}]}, 7]
    problems = framework_problems(data)
    assert any(p.startswith("units[1]: should be an object") for p in problems)
    assert any(p.startswith("units[0].id: required field is missing") for p in problems)


def test_parse_framework_names_its_source() -> None:
    with pytest.raises(FrameworkError, match=r"^pasted text: \(top level\): "):
        parse_framework([1, 2], "pasted text")


# ---------------------------------------------------------------------------- trusted mode


def test_trusted_mode_still_runs_the_semantic_checks() -> None:
    error = _error_for(FIXTURES / "duplicate_id.json", trusted=True)
    assert "duplicate id" in str(error)


def test_trusted_mode_falls_back_to_full_validation_on_a_structural_surprise() -> None:
    error = _error_for(FIXTURES / "missing_field.json", trusted=True)
    assert "units[0].outcomes[0].criteria[1].text: required field is missing" in str(error)


def test_trusted_mode_gives_the_same_framework(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_schema() -> None:
        raise AssertionError("the schema validator must not be built in trusted mode")

    expected = load_framework(FIXTURES / "good.json")
    monkeypatch.setattr(loader, "_validator", no_schema)
    assert load_framework(FIXTURES / "good.json", trusted=True) == expected
