"""Validated input for creating or updating an entry, from JSON (CLI, imports) or the editor.

Every problem names the field, so a bad JSON file gets one clear sentence and nothing is saved.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from portfolio.domain.dto import Witness
from portfolio.domain.enums import EntryStatus, EvidenceMethod
from portfolio.domain.limits import MAX_TAGS_PER_ENTRY
from portfolio.domain.reflective import DEFAULT_MODEL, get_model
from portfolio.domain.star import SECTION_KEYS
from portfolio.errors import InvalidInputError

MAX_TITLE = 300
MAX_SECTION_CHARS = 100_000
MAX_HOURS = 1000.0

_FIELDS = {
    "title",
    "event_date",
    "method",
    "hours",
    "status",
    "witness",
    "tags",
    "model",
    "sections",
    *SECTION_KEYS,
}


@dataclass(frozen=True, slots=True)
class TagInput:
    criterion: str  # a criterion id or its number ("1.2")
    justification: str = ""


@dataclass(frozen=True, slots=True)
class EntryInput:
    """Only the fields present in ``fields_set`` are applied by an update."""

    title: str = ""
    event_date: date | None = None
    method: str = EvidenceMethod.REFLECTIVE_ACCOUNT.value
    hours: float = 0.0
    status: str = EntryStatus.DRAFT.value
    sections: dict[str, str] = field(default_factory=dict)  # keys of ``model``'s sections
    witness: Witness | None = None
    model: str | None = None  # None: STAR for a new entry, unchanged by an update
    tags: tuple[TagInput, ...] | None = None
    fields_set: frozenset[str] = frozenset()


def validate_method(value: Any) -> str:
    if not isinstance(value, str) or value not in EvidenceMethod.__members__.values():
        allowed = ", ".join(m.value for m in EvidenceMethod)
        raise InvalidInputError(f"method must be one of: {allowed} (got {value!r}).")
    return value


def validate_status(value: Any) -> str:
    if value == "ready_for_review":
        value = EntryStatus.READY.value
    if not isinstance(value, str) or value not in EntryStatus.__members__.values():
        raise InvalidInputError(f"status must be 'draft' or 'ready' (got {value!r}).")
    return value


def validate_hours(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidInputError(f"hours must be a number (got {value!r}).")
    hours = float(value)
    if math.isnan(hours) or hours < 0 or hours > MAX_HOURS:
        raise InvalidInputError(f"hours must be between 0 and {MAX_HOURS:g} (got {value!r}).")
    return hours


def validate_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise InvalidInputError(f"event_date must be a date like 2026-03-14 (got {value!r}).")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInputError(
            f"event_date must be a date like 2026-03-14 (got {value!r})."
        ) from None


def validate_text(name: str, value: Any, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInputError(f"{name} must be text (got {type(value).__name__}).")
    if len(value) > limit:
        raise InvalidInputError(f"{name} is too long ({len(value):,} characters; limit {limit:,}).")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate (from broken JSON escapes) cannot be stored as text.
        raise InvalidInputError(f"{name} contains a broken character that is not text.") from None
    return value.replace("\x00", "")


def entry_input_from_json(data: Any) -> EntryInput:
    """Build an EntryInput from decoded JSON; raises InvalidInputError naming the field."""
    if not isinstance(data, dict):
        raise InvalidInputError("An entry must be a JSON object (curly braces).")
    unknown = sorted(set(data) - _FIELDS - {"id", "ref", "created_at", "updated_at"})
    if unknown:
        raise InvalidInputError(
            f"unknown field {unknown[0]!r}; expected some of: {', '.join(sorted(_FIELDS))}."
        )
    present = frozenset(k for k in data if k in _FIELDS)
    model = get_model(data["model"]) if "model" in data else None
    sections = _sections_from_json(data, model.id if model else None)
    witness = None
    if "witness" in data:
        raw = data["witness"]
        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            raise InvalidInputError("witness must be an object with name, job_title, relationship.")
        witness = Witness(
            name=validate_text("witness.name", raw.get("name"), 200),
            job_title=validate_text("witness.job_title", raw.get("job_title"), 200),
            relationship=validate_text("witness.relationship", raw.get("relationship"), 200),
        )
    tags = None
    if "tags" in data:
        raw_tags = data["tags"]
        if not isinstance(raw_tags, list):
            raise InvalidInputError("tags must be a list of {criterion_id, justification}.")
        if len(raw_tags) > MAX_TAGS_PER_ENTRY:
            raise InvalidInputError(
                f"tags has {len(raw_tags):,} items; an entry can have at most "
                f"{MAX_TAGS_PER_ENTRY:,} criterion tags."
            )
        parsed = []
        for i, tag in enumerate(raw_tags):
            if isinstance(tag, str):
                parsed.append(TagInput(criterion=tag))
                continue
            if not isinstance(tag, dict):
                raise InvalidInputError(f"tags[{i}] must be an object or a criterion id.")
            criterion = tag.get("criterion_id", tag.get("number"))
            if not isinstance(criterion, str) or not criterion.strip():
                raise InvalidInputError(f"tags[{i}] needs a criterion_id (or number).")
            parsed.append(
                TagInput(
                    criterion=criterion.strip(),
                    justification=validate_text(
                        f"tags[{i}].justification", tag.get("justification"), 4000
                    ),
                )
            )
        tags = tuple(parsed)
    return EntryInput(
        title=validate_text("title", data.get("title"), MAX_TITLE),
        event_date=validate_date(data.get("event_date")),
        method=validate_method(data.get("method", EvidenceMethod.REFLECTIVE_ACCOUNT.value)),
        hours=validate_hours(data.get("hours", 0)),
        status=validate_status(data.get("status", EntryStatus.DRAFT.value)),
        sections=sections,
        witness=witness,
        tags=tags,
        model=model.id if model else None,
        fields_set=present,
    )


def _sections_from_json(data: dict[str, Any], model_id: str | None) -> dict[str, str]:
    """Sections from ``"sections": {KEY: TEXT}`` (any model) or top-level STAR keys (STAR only).

    Keys are checked against the model named here; an update without ``model`` is checked
    against the entry's own model when it is applied.
    """
    flat = [key for key in SECTION_KEYS if key in data]
    raw = data.get("sections")
    if raw is not None and not isinstance(raw, dict):
        raise InvalidInputError("sections must be an object mapping section keys to text.")
    if flat and model_id not in (None, DEFAULT_MODEL):
        raise InvalidInputError(
            f'{flat[0]!r} is a STAR section; give the {model_id!r} sections in "sections".'
        )
    sections = {key: validate_text(key, data[key], MAX_SECTION_CHARS) for key in flat}
    for key, text in (raw or {}).items():
        if model_id is not None:
            get_model(model_id).section(key)  # one line naming the model's sections
        sections[str(key)] = validate_text(f"sections.{key}", text, MAX_SECTION_CHARS)
    return sections
