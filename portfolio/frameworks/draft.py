"""Turning a framework being edited (plain dicts, some parts without ids yet) into a framework
document: the tutors' editor builds one of these, and this gives every new part a stable id."""

from __future__ import annotations

import copy
from typing import Any

from portfolio.frameworks.importers.common import number_slug, slugify

_OPTIONAL_TEXT = ("awarding_body", "description")


def new_framework_id(title: str, level: str) -> str:
    """An id for a new framework from its title and level ('customer-service-l2')."""
    base = slugify(title, 36) or "new-framework"
    level_part = slugify(level, 6)
    return f"{base}-l{level_part}" if level_part[:1].isdigit() else base


def build_document(header: dict[str, Any], units: list[dict[str, Any]]) -> dict[str, Any]:
    """A framework document from edited parts; parts without an ``id`` get one.

    ``header`` holds id (may be empty), title, level, version and optional fields; ``units`` are
    unit dicts with ``outcomes``, each with ``criteria``. Existing ids are kept, so tags made
    against an earlier version still match. The result is not validated here (use
    ``loader.framework_problems``).
    """
    framework_id = str(header.get("id") or "").strip() or new_framework_id(
        str(header.get("title", "")), str(header.get("level", ""))
    )
    taken = _existing_ids(units)
    document: dict[str, Any] = {
        "format": "portfolio-framework",
        "format_version": 1,
        "id": framework_id,
        "title": str(header.get("title", "")).strip(),
        "level": str(header.get("level", "")).strip(),
        "version": str(header.get("version", "")).strip() or "1",
    }
    for key in _OPTIONAL_TEXT:
        value = str(header.get(key, "") or "").strip()
        if value:
            document[key] = value
    for key in ("qualifications", "derived", "source", "status_labels", "mahara"):
        if header.get(key):
            document[key] = copy.deepcopy(header[key])
    document["units"] = [_unit(framework_id, u, i, taken) for i, u in enumerate(units)]
    return document


def _unit(framework_id: str, unit: dict[str, Any], index: int, taken: set[str]) -> dict[str, Any]:
    result = {k: copy.deepcopy(v) for k, v in unit.items() if k != "outcomes" and v not in ("", [])}
    uid = result.get("id") or _unique(
        f"{framework_id}.{slugify(str(unit.get('ref', '')), 24) or f'u{index + 1}'}", taken
    )
    result["id"] = uid
    outcomes = []
    earlier: set[str] = set()  # criteria so far in this unit: the only possible parents
    for outcome in unit.get("outcomes", []):
        o = {k: copy.deepcopy(v) for k, v in outcome.items() if k != "criteria" and v != ""}
        o["id"] = o.get("id") or _unique(f"{uid}.lo{number_slug(str(o.get('number', '')))}", taken)
        criteria = []
        for criterion in outcome.get("criteria", []):
            c = {k: copy.deepcopy(v) for k, v in criterion.items() if v not in ("", [])}
            c["id"] = c.get("id") or _unique(
                f"{uid}.ac{number_slug(str(c.get('number', '')))}", taken
            )
            if c.get("parent") not in earlier:
                c.pop("parent", None)  # its parent was removed or moved below it: top level
            earlier.add(c["id"])
            criteria.append(c)
        o["criteria"] = criteria
        outcomes.append(o)
    result["outcomes"] = outcomes
    return result


def _existing_ids(units: list[dict[str, Any]]) -> set[str]:
    ids: set[str] = set()
    for unit in units:
        ids.add(str(unit.get("id") or ""))
        for outcome in unit.get("outcomes", []):
            ids.add(str(outcome.get("id") or ""))
            ids.update(str(c.get("id") or "") for c in outcome.get("criteria", []))
    ids.discard("")
    return ids


def _unique(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate
