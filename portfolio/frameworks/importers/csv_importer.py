"""Imports a framework from CSV (layout in ``portfolio.frameworks.importers.csv_format``)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any

from portfolio.domain.sufficiency import RuleValueError, SufficiencyRule, rule_from_cells
from portfolio.frameworks.importers.common import (
    ImportedFramework,
    fit_text,
    normalise_level,
    number_slug,
    problems_error,
    slugify,
    unit_id,
    validated,
)
from portfolio.frameworks.importers.csv_format import (
    ALL_COLUMNS,
    CRITERION_RULE_COLUMNS,
    MAX_ROWS,
    OUTCOME_RULE_COLUMNS,
    REQUIRED_COLUMNS,
    clean_number,
    column_key,
)

FORMAT = "csv"
_SAME_ON_EVERY_ROW = ("qualification", "framework_id", "level", "version", "awarding_body")


@dataclass
class _Unit:
    ref: str
    title: str
    line: int
    guidance: list[str] = field(default_factory=list)
    outcomes: dict[str, _Outcome] = field(default_factory=dict)
    numbers: dict[str, int] = field(default_factory=dict)  # criterion number -> line


@dataclass
class _Outcome:
    number: str
    text: str
    line: int
    criteria: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    rule: SufficiencyRule | None = None
    rule_line: int = 0  # the first row that gave the outcome's rule (0: none yet)


def import_csv(text: str, source: str) -> ImportedFramework:
    """Build and validate a framework from CSV text; all problems are reported together.

    Raises:
        FrameworkError: the CSV is malformed or describes an invalid framework.
    """
    problems: list[str] = []
    warnings: list[str] = []
    rows = _rows(text, problems, warnings)
    if problems:
        raise problems_error(source, problems)
    header_values = _whole_file_values(rows, problems)
    units = _units(rows, problems)
    if not rows:
        problems.append("line 2: there are no criteria rows under the header")
    if problems:
        raise problems_error(source, sorted(problems, key=_line_of))
    document, locate = _document(header_values, units, warnings)
    framework = validated(document, source, locate)
    return ImportedFramework(framework, FORMAT, source, tuple(warnings))


def _rows(text: str, problems: list[str], warnings: list[str]) -> list[tuple[int, dict[str, str]]]:
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        problems.append(f"line 1: the header row cannot be read ({exc or 'empty'})")
        return []
    keys = [column_key(h) for h in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in keys]
    if missing:
        problems.append(f"line 1: missing column(s): {', '.join(missing)}")
    for key, original in zip(keys, header, strict=True):
        if key and key not in ALL_COLUMNS:
            warnings.append(
                f"line 1: column '{original.strip()}' is not part of the layout; ignored"
            )
    seen: set[str] = set()
    for key in keys:
        if key in seen and key in ALL_COLUMNS:
            problems.append(f"line 1: column '{key}' appears twice")
        seen.add(key)
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(rows) >= MAX_ROWS:
                problems.append(f"line {line}: more than {MAX_ROWS} criteria rows")
                break
            if len(cells) > len(keys) and any(c.strip() for c in cells[len(keys) :]):
                problems.append(
                    f"line {line}: {len(cells)} cells but the header has {len(keys)} columns"
                )
            row = {k: (cells[i].strip() if i < len(cells) else "") for i, k in enumerate(keys)}
            rows.append((line, row))
    except csv.Error as exc:
        problems.append(f"line {reader.line_num}: {exc}")
    return rows


def _whole_file_values(
    rows: list[tuple[int, dict[str, str]]], problems: list[str]
) -> dict[str, str]:
    values: dict[str, str] = {}
    first_line: dict[str, int] = {}
    for line, row in rows:
        for key in _SAME_ON_EVERY_ROW:
            value = row.get(key, "")
            if not value:
                continue
            if key not in values:
                values[key], first_line[key] = value, line
            elif values[key] != value:
                problems.append(
                    f"line {line}, column {key}: '{value}' differs from '{values[key]}' "
                    f"(line {first_line[key]}); a file holds one qualification"
                )
    return values


def _units(rows: list[tuple[int, dict[str, str]]], problems: list[str]) -> dict[str, _Unit]:
    units: dict[str, _Unit] = {}
    for line, row in rows:
        empty = [c for c in REQUIRED_COLUMNS if not row.get(c)]
        if empty:
            problems.append(f"line {line}: empty cell(s): {', '.join(empty)}")
            continue
        unit = units.setdefault(row["unit_ref"], _Unit(row["unit_ref"], row["unit_title"], line))
        if unit.title != row["unit_title"]:
            problems.append(
                f"line {line}, column unit_title: unit {unit.ref} is called '{unit.title}' "
                f"on line {unit.line}"
            )
        for guidance in row.get("unit_guidance", "").splitlines():
            if guidance.strip() and guidance.strip() not in unit.guidance:
                unit.guidance.append(guidance.strip())
        number = clean_number(row["outcome_number"])
        outcome = unit.outcomes.setdefault(number, _Outcome(number, row["outcome_text"], line))
        if outcome.text != row["outcome_text"]:
            problems.append(
                f"line {line}, column outcome_text: outcome {number} of unit {unit.ref} "
                f"reads differently on line {outcome.line}"
            )
        _outcome_rule(outcome, line, row, problems)
        try:
            _cells_rule(row, CRITERION_RULE_COLUMNS, f"line {line}, criterion rule")
        except RuleValueError as exc:
            problems.append(str(exc))
        criterion = clean_number(row["criterion_number"])
        if criterion in unit.numbers:
            problems.append(
                f"line {line}, column criterion_number: criterion {criterion} of unit "
                f"{unit.ref} is already on line {unit.numbers[criterion]}"
            )
            continue
        unit.numbers[criterion] = line
        outcome.criteria.append((line, {**row, "criterion_number": criterion}))
    return units


def _document(
    values: dict[str, str], units: dict[str, _Unit], warnings: list[str]
) -> tuple[dict[str, Any], dict[str, str]]:
    title = values.get("qualification", "")
    level = normalise_level(values.get("level", ""))
    framework_id = values.get("framework_id") or _framework_id(title, level)
    locate: dict[str, str] = {"id": "column framework_id", "title": "column qualification"}
    unit_docs: list[dict[str, Any]] = []
    taken: set[str] = set()
    for u_index, unit in enumerate(units.values()):
        uid = unit_id(framework_id, unit.ref, u_index, taken)
        _locate(locate, f"units[{u_index}]", unit.line, ref="unit_ref", title="unit_title")
        outcome_docs = []
        for o_index, outcome in enumerate(unit.outcomes.values()):
            o_path = f"units[{u_index}].outcomes[{o_index}]"
            _locate(locate, o_path, outcome.line, number="outcome_number", text="outcome_text")
            criteria = []
            for c_index, (line, row) in enumerate(outcome.criteria):
                c_path = f"{o_path}.criteria[{c_index}]"
                _locate(locate, c_path, line, number="criterion_number", text="criterion_text")
                criterion: dict[str, Any] = {
                    "id": f"{uid}.ac{number_slug(row['criterion_number'])}",
                    "number": row["criterion_number"],
                    "text": fit_text(row["criterion_text"], f"line {line}", warnings),
                }
                keywords = [k.strip() for k in row.get("criterion_keywords", "").split(";")]
                if any(keywords):
                    criterion["keywords"] = [k for k in keywords if k]
                rule = _cells_rule(row, CRITERION_RULE_COLUMNS, f"line {line}, criterion rule")
                if rule is not None:
                    criterion["sufficiency"] = rule.to_json()
                criteria.append(criterion)
            outcome_doc: dict[str, Any] = {
                "id": f"{uid}.lo{number_slug(outcome.number)}",
                "number": outcome.number,
                "text": fit_text(outcome.text, f"line {outcome.line}", warnings),
                "criteria": criteria,
            }
            if outcome.rule is not None:
                outcome_doc["sufficiency"] = outcome.rule.to_json()
            outcome_docs.append(outcome_doc)
        unit_doc: dict[str, Any] = {
            "id": uid,
            "ref": unit.ref,
            "title": unit.title,
            "outcomes": outcome_docs,
        }
        if unit.guidance:
            unit_doc["guidance"] = unit.guidance
        unit_docs.append(unit_doc)
    document: dict[str, Any] = {
        "format": "portfolio-framework",
        "format_version": 1,
        "id": framework_id,
        "title": title,
        "level": level,
        "version": values.get("version", "1"),
        "source": {"notes": "Imported from a CSV file (one row per assessment criterion)."},
        "units": unit_docs,
    }
    if values.get("awarding_body"):
        document["awarding_body"] = values["awarding_body"]
    if not values.get("level"):
        warnings.append("column level: no level given; shown as 'not stated'")
    return document, locate


def _cells_rule(
    row: dict[str, str], columns: tuple[str, ...], where: str
) -> SufficiencyRule | None:
    """The rule a row's cells give (pieces, methods, witness, basis columns)."""
    pieces, methods, witness, basis = (row.get(c, "") for c in columns)
    return rule_from_cells(pieces, methods, witness, where, basis)


def _outcome_rule(outcome: _Outcome, line: int, row: dict[str, str], problems: list[str]) -> None:
    """An outcome's rule: from the first row that gives one; a later row must agree."""
    try:
        rule = _cells_rule(row, OUTCOME_RULE_COLUMNS, f"line {line}, outcome rule")
    except RuleValueError as exc:
        problems.append(str(exc))
        return
    if rule is None:
        return
    if outcome.rule is None:
        outcome.rule, outcome.rule_line = rule, line
    elif rule != outcome.rule:
        problems.append(
            f"line {line}, outcome rule: outcome {outcome.number}'s evidence rule differs from "
            f"line {outcome.rule_line}; give it once, or the same on every row"
        )


def _framework_id(title: str, level: str) -> str:
    base = slugify(title, 36) or "imported-framework"
    level_part = slugify(level, 6)
    return f"{base}-l{level_part}" if level_part and level_part[0].isdigit() else base


def _locate(locate: dict[str, str], path: str, line: int, **columns: str) -> None:
    """Where a built document's part came from: its line, and the column of each field."""
    locate[path] = f"line {line}"
    for field_name, column in columns.items():
        locate[f"{path}.{field_name}"] = f"line {line}, column {column}"


def _line_of(problem: str) -> int:
    """Problems are shown in file order, so a tutor can work down the spreadsheet."""
    match = re.match(r"line (\d+)", problem)
    return int(match.group(1)) if match else 0
