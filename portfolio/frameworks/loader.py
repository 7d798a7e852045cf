"""Reads framework files: JSON Schema validation, the checks a schema cannot express, and
conversion into the frozen trees of ``portfolio.frameworks.model``.

Every problem a user can cause is reported as one ``FrameworkError`` that lists all problems at
once, each naming the file, the field path (``units[0].outcomes[1].criteria[2].number``) and the
problem in plain words.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from portfolio.domain.sufficiency import RuleValueError, rule_from_json
from portfolio.errors import FrameworkError
from portfolio.files import open_regular
from portfolio.frameworks.model import (
    STATUS_KEYS,
    Criterion,
    Framework,
    KeyTerm,
    Outcome,
    Unit,
)
from portfolio.resources import resource_path

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, ValidationError

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Framework files larger than this are refused before they are read (DESIGN.md: huge files)."""

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_NUMBER = re.compile(r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$")  # as in framework.schema.json
_JSON_TYPES = {
    dict: "an object",
    list: "a list",
    str: "a string",
    bool: "true or false",
    int: "a whole number",
    float: "a number",
    type(None): "null",
}
_SCHEMA_TYPES = {
    "object": "an object",
    "array": "a list",
    "string": "a string",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
    "null": "null",
}
_ITEM_NAMES = {"units": "unit", "outcomes": "outcome", "criteria": "criterion"}


def load_framework(path: str | Path, *, trusted: bool = False) -> Framework:
    """Read, validate and convert one framework file.

    ``trusted=True`` skips the JSON Schema pass (importing jsonschema alone costs about 75 ms) for
    files shipped with the app, which the test suite validates; the semantic checks still run,
    and any structural surprise falls back to full validation so the error is still clear.

    Raises:
        FrameworkError: the file is missing, too large, empty, not UTF-8, not JSON, or not a
            valid framework; ``problems`` lists every problem found.
    """
    file = Path(path)
    source = str(path)
    data = _read_json(file, source)
    return _parse(data, source, trusted=trusted)


def parse_framework(data: object, source: str, *, trusted: bool = False) -> Framework:
    """Validate an already-decoded JSON document and convert it into a ``Framework``.

    ``source`` names where the data came from (usually a file name) in every problem message.
    The returned framework keeps a deep copy of ``data`` in ``raw``. ``trusted`` as in
    ``load_framework`` (for documents validated before, such as one copied in at enrolment).

    Raises:
        FrameworkError: ``data`` is not a valid framework; ``problems`` lists every problem.
    """
    return _parse(copy.deepcopy(data), source, trusted=trusted)


def framework_problems(data: object) -> list[str]:
    """Every problem with a decoded framework document, as ``"<field path>: <problem>"``.

    An empty list means the document is a valid framework. Messages do not name a file.
    """
    if not isinstance(data, dict):
        return [f"(top level): the file must hold a JSON object, not {_json_type(data)}"]
    problems = [*_schema_problems(data), *_semantic_problems(data), *_text_problems(data)]
    return list(dict.fromkeys(problems))


def _text_problems(value: object, path: str = "") -> Iterator[str]:
    """Strings that cannot be stored as text (a lone surrogate from a broken JSON escape)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            yield f"{path or '(top level)'}: contains a broken character that is not text"
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _text_problems(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _text_problems(item, f"{path}[{index}]")


def _parse(data: object, source: str, *, trusted: bool) -> Framework:
    if trusted and isinstance(data, dict):
        # Bundled files are validated by tests; only the cheap semantic checks run here.
        problems = list(dict.fromkeys([*_semantic_problems(data), *_text_problems(data)]))
        if not problems:
            try:
                return _to_framework(data)
            except (KeyError, TypeError, AttributeError, ValueError):
                problems = framework_problems(data)
    else:
        problems = framework_problems(data)
    if problems:
        raise _error(source, problems)
    assert isinstance(data, dict)  # framework_problems rejects anything else
    return _to_framework(data)


def _error(source: str, problems: list[str]) -> FrameworkError:
    named = [f"{source}: {problem}" for problem in problems]
    if len(problems) == 1:
        return FrameworkError(named[0], named)
    count = len(problems)
    message = f"{source}: {count} problems: {problems[0]} (and {count - 1} more)"
    return FrameworkError(message, named)


def _file_error(source: str, problem: str) -> FrameworkError:
    return FrameworkError(f"{source}: {problem}", [f"{source}: {problem}"])


def _read_json(file: Path, source: str) -> object:
    try:
        if file.is_dir():
            raise _file_error(source, "is a folder, not a framework file")
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _file_error(source, _too_large(size))
        with open_regular(file) as handle:  # never blocks on a pipe or device
            # Read one byte past the limit in case the file grew since stat().
            content = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise _file_error(source, "file not found") from None
    except OSError as exc:
        raise _file_error(source, f"cannot be read ({exc.strerror or exc})") from None
    if len(content) > MAX_FILE_BYTES:
        raise _file_error(source, _too_large(len(content)))
    if not content.strip():
        raise _file_error(source, "the file is empty")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _file_error(
            source, f"is not UTF-8 text (unreadable byte at position {exc.start})"
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise _file_error(
            source, f"is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    except (ValueError, RecursionError) as exc:
        # Over-long integers (Python's digit limit) and absurd nesting are not JSONDecodeErrors.
        raise _file_error(source, f"is not valid JSON: {exc}") from None


def _too_large(size: int) -> str:
    return (
        f"file is too large ({size / 1_048_576:.1f} MB; "
        f"a framework file may be at most {MAX_FILE_BYTES // 1_048_576} MB)"
    )


# ---------------------------------------------------------------------------- schema pass


@cache
def _validator() -> Draft202012Validator:
    # Imported here so that code which only reads trusted bundled files never pays for it.
    from jsonschema import Draft202012Validator

    schema_file = resource_path("schemas", "framework.schema.json")
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def _schema_problems(data: dict[str, Any]) -> list[str]:
    errors = sorted(_validator().iter_errors(data), key=lambda e: _sort_key(e.absolute_path))
    problems: list[str] = []
    for error in errors:
        if "sufficiency" in error.absolute_path:
            continue  # the semantic pass words every rule problem itself (_rule_problems)
        problems.extend(_describe(error))
    return problems


def _sort_key(path: Iterable[object]) -> list[tuple[int, int, str]]:
    return [(0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in path]


def _describe(error: ValidationError) -> Iterator[str]:
    path = list(error.absolute_path)
    where = _field(path)
    kind = error.validator
    instance = error.instance
    value = error.validator_value
    if kind == "required" and isinstance(instance, Mapping):
        for name in value:
            if name not in instance:
                yield f"{_field([*path, name])}: required field is missing"
    elif kind == "additionalProperties" and isinstance(instance, Mapping):
        known = error.schema.get("properties", {}) if isinstance(error.schema, Mapping) else {}
        for name in instance:
            if name not in known:
                yield f"{_field([*path, name])}: unknown field (not part of the framework format)"
    elif kind == "type":
        expected = [value] if isinstance(value, str) else list(value)
        wanted = " or ".join(_SCHEMA_TYPES.get(str(t), str(t)) for t in expected)
        yield f"{where}: should be {wanted}, not {_json_type(instance)}"
    elif kind == "const":
        yield f"{where}: should be {json.dumps(value)}, not {_short(instance)}"
    elif kind == "pattern":
        yield f"{where}: {_pattern_problem(path, instance)}"
    elif kind == "minLength":
        yield f"{where}: must not be empty" if value == 1 else f"{where}: is too short"
    elif kind == "maxLength":
        length = len(instance) if isinstance(instance, str) else 0
        yield f"{where}: is too long ({length} characters; at most {value})"
    elif kind == "minItems":
        key = path[-1] if path else ""
        item = _ITEM_NAMES.get(str(key), "item")
        yield f"{where}: must contain at least one {item}"
    else:
        yield f"{where}: {error.message}"


def _pattern_problem(path: list[object], instance: object) -> str:
    key = path[-1] if path else ""
    if key == "id":
        return (
            f"{_short(instance)} is not a valid id (use lower-case letters, digits, '.', '_' "
            "or '-', starting with a letter or digit)"
        )
    if key == "number":
        return (
            f"{_short(instance)} is not a valid number (use letters or digits, with dots "
            "between parts, for example 1.2)"
        )
    return f"{_short(instance)} is not in the expected form"


# ---------------------------------------------------------------------------- semantic pass


def _semantic_problems(data: dict[str, Any]) -> Iterator[str]:
    """Checks the schema cannot express; written defensively because the schema may have failed."""
    framework_id = data.get("id") if isinstance(data.get("id"), str) else None
    seen_ids: dict[str, str] = {}
    if framework_id:
        seen_ids[framework_id] = "id"

    def check_id(node: dict[str, Any], path: str) -> Iterator[str]:
        node_id = node.get("id")
        if not isinstance(node_id, str):
            return
        if node_id in seen_ids:
            yield (
                f"{path}.id: duplicate id {_short(node_id)} (already used at {seen_ids[node_id]})"
            )
        else:
            seen_ids[node_id] = f"{path}.id"
        if framework_id and not node_id.startswith(framework_id + "."):
            yield (
                f"{path}.id: {_short(node_id)} should start with the framework id and a dot "
                f"({_short(framework_id + '.')})"
            )

    for unit_index, unit in _dicts(data.get("units")):
        unit_path = f"units[{unit_index}]"
        yield from check_id(unit, unit_path)
        outcome_numbers: dict[str, str] = {}
        criterion_numbers: dict[str, str] = {}
        criteria_so_far: set[str] = set()
        free_numbers = unit.get("source_numbering") is True
        for outcome_index, outcome in _dicts(unit.get("outcomes")):
            outcome_path = f"{unit_path}.outcomes[{outcome_index}]"
            yield from check_id(outcome, outcome_path)
            yield from _rule_problems(outcome, outcome_path)
            outcome_number = outcome.get("number")
            if not isinstance(outcome_number, str):
                outcome_number = None
            elif outcome_number in outcome_numbers:
                yield (
                    f"{outcome_path}.number: outcome number {_short(outcome_number)} is used "
                    f"twice in this unit (also at {outcome_numbers[outcome_number]})"
                )
            else:
                outcome_numbers[outcome_number] = f"{outcome_path}.number"
            for criterion_index, criterion in _dicts(outcome.get("criteria")):
                criterion_path = f"{outcome_path}.criteria[{criterion_index}]"
                yield from check_id(criterion, criterion_path)
                yield from _rule_problems(criterion, criterion_path)
                number = criterion.get("number")
                if not isinstance(number, str):
                    continue
                if number in criterion_numbers:
                    yield (
                        f"{criterion_path}.number: criterion number {_short(number)} is used "
                        f"twice in this unit (also at {criterion_numbers[number]})"
                    )
                else:
                    criterion_numbers[number] = f"{criterion_path}.number"
                yield from _parent_problems(criterion, criterion_path, criteria_so_far)
                # A malformed number is already reported by the schema; do not pile on.
                well_formed = _NUMBER.match(number) is not None
                if free_numbers:
                    continue
                if well_formed and outcome_number and not number.startswith(outcome_number + "."):
                    prefix = _short(outcome_number + ".")
                    yield (
                        f"{criterion_path}.number: criterion number {_short(number)} should "
                        f"start with its outcome's number and a dot ({prefix})"
                    )


def _rule_problems(node: dict[str, Any], path: str) -> Iterator[str]:
    """A sufficiency rule that contradicts itself or is out of range (the schema catches kinds,
    this catches the rest, and a trusted file's rule too)."""
    if "sufficiency" not in node:
        return
    try:
        rule_from_json(node["sufficiency"], f"{path}.sufficiency")
    except RuleValueError as exc:
        yield str(exc)


def _parent_problems(criterion: dict[str, Any], path: str, earlier: set[str]) -> Iterator[str]:
    """A parent must be a criterion of the same unit listed before this one (so no cycles)."""
    parent = criterion.get("parent")
    if isinstance(parent, str) and parent not in earlier:
        yield (
            f"{path}.parent: {_short(parent)} is not a criterion listed earlier in this unit "
            "(a criterion's parent must come before it)"
        )
    if isinstance(criterion.get("id"), str):
        earlier.add(criterion["id"])


def _dicts(value: object) -> Iterator[tuple[int, dict[str, Any]]]:
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield index, item


# ---------------------------------------------------------------------------- conversion


def _to_framework(data: dict[str, Any]) -> Framework:
    source = data.get("source", {})
    return Framework(
        id=data["id"],
        title=data["title"],
        level=data["level"],
        version=data["version"],
        units=tuple(_to_unit(unit) for unit in data["units"]),
        awarding_body=data.get("awarding_body", ""),
        qualifications=tuple(data.get("qualifications", ())),
        description=data.get("description", ""),
        derived=bool(data.get("derived", False)),
        source_seed=source.get("seed", ""),
        source_notes=source.get("notes", ""),
        status_labels=tuple(
            (key, data["status_labels"][key])
            for key in STATUS_KEYS
            if key in data.get("status_labels", {})
        ),
        institution=data.get("mahara", {}).get("institution", ""),
        selfassess=bool(data.get("mahara", {}).get("selfassess", False)),
        raw=data,
    )


def _to_unit(unit: dict[str, Any]) -> Unit:
    return Unit(
        id=unit["id"],
        ref=unit["ref"],
        title=unit["title"],
        outcomes=tuple(_to_outcome(outcome) for outcome in unit["outcomes"]),
        derived=bool(unit.get("derived", False)),
        overview=unit.get("overview", ""),
        key_concepts=tuple(unit.get("key_concepts", ())),
        guidance=tuple(unit.get("guidance", ())),
        exam_tips=tuple(unit.get("exam_tips", ())),
        common_mistakes=tuple(unit.get("common_mistakes", ())),
        key_skills=tuple(unit.get("key_skills", ())),
        key_terms=tuple(
            KeyTerm(term=item["term"], definition=item["definition"])
            for item in unit.get("key_terms", ())
        ),
        source_numbering=bool(unit.get("source_numbering", False)),
    )


def _to_outcome(outcome: dict[str, Any]) -> Outcome:
    return Outcome(
        id=outcome["id"],
        number=outcome["number"],
        text=outcome["text"],
        criteria=tuple(_to_criterion(criterion) for criterion in outcome["criteria"]),
        derived=bool(outcome.get("derived", False)),
        short_name=outcome.get("short_name", ""),
        description=outcome.get("description", ""),
        rule=rule_from_json(outcome.get("sufficiency"), "sufficiency"),
    )


def _to_criterion(criterion: dict[str, Any]) -> Criterion:
    return Criterion(
        id=criterion["id"],
        number=criterion["number"],
        text=criterion["text"],
        derived=bool(criterion.get("derived", False)),
        marking_points=tuple(criterion.get("marking_points", ())),
        keywords=tuple(criterion.get("keywords", ())),
        short_name=criterion.get("short_name", ""),
        description=criterion.get("description", ""),
        parent=criterion.get("parent", ""),
        source_id=criterion.get("source_id", ""),
        rule=rule_from_json(criterion.get("sufficiency"), "sufficiency"),
    )


# ---------------------------------------------------------------------------- wording helpers


def _field(path: Iterable[object]) -> str:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif _IDENTIFIER.match(str(part)):
            text += f".{part}" if text else str(part)
        else:
            text += f"[{json.dumps(str(part), ensure_ascii=False)}]"
    return text or "(top level)"


def _json_type(value: object) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _short(value: object, limit: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= limit else text[: limit - 3] + "..."
