"""Imports a Mahara SmartEvidence framework (``.matrix``), following FORMATS.md §1.

Mapping (issue 10): the framework becomes one unit; each *standard* becomes a learning outcome;
each *standard element* becomes an assessment criterion. Element hierarchies
(``parentelementid``, or ``parentid`` as Mahara's own download writes) are kept in the criteria's
order and numbering: a child follows its parent and is numbered under it. HTML descriptions
become plain text. What Mahara would silently get wrong (duplicate element ids, forward or
unknown parents, ``standardid`` type mismatches) is reported as a warning; what makes the file
unusable is a problem, and then nothing is imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from portfolio.frameworks.importers.common import (
    ImportedFramework,
    fit_text,
    number_slug,
    problems_error,
    slugify,
    unit_id,
    validated,
)
from portfolio.frameworks.importers.text import html_to_text

FORMAT = "mahara-matrix"
_OUTCOME_NUMBER = re.compile(r"^[0-9A-Za-z]+$")
_CRITERION_NUMBER = re.compile(r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$")


@dataclass
class _Element:
    path: str  # where it is in the file, for messages
    shortname: str
    text: str
    element_id: str | None
    parent_id: str | None
    children: list[_Element] = field(default_factory=list)


def import_matrix(data: Any, source: str) -> ImportedFramework:
    """Build and validate a framework from a decoded ``.matrix`` document.

    Raises:
        FrameworkError: the file lacks what Mahara requires (``framework.name``, standards with
            shortname and name) or an element cannot be placed; every problem is listed.
    """
    problems: list[str] = []
    warnings: list[str] = []
    root = data.get("framework") if isinstance(data, dict) else None
    if not isinstance(root, dict):
        raise problems_error(source, ["framework: required object is missing"])
    name = _text(root.get("name"))
    if not name:
        problems.append("framework.name: required, and must not be empty")
    if "evidencestatuses" in root and not isinstance(root["evidencestatuses"], list):
        warnings.append("framework.evidencestatuses: should be a list; Mahara would ignore it")
    standards = _standards(root, problems, warnings)
    if problems:
        raise problems_error(source, problems)
    document = _document(root, name, standards, warnings)
    framework = validated(document, source)
    return ImportedFramework(framework, FORMAT, source, tuple(warnings))


def _text(value: object) -> str:
    if isinstance(value, str):
        return html_to_text(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def _standards(
    root: dict[str, Any], problems: list[str], warnings: list[str]
) -> list[tuple[str, str, list[_Element]]]:
    raw = root.get("standards")
    if not isinstance(raw, list) or not raw:
        problems.append("framework.standards: required, and must be a non-empty list")
        return []
    standards: list[tuple[str, str, list[_Element]]] = []
    by_standard_id: dict[str, int] = {}
    raw_ids: dict[int, object] = {}
    for index, item in enumerate(raw):
        path = f"framework.standards[{index}]"
        if not isinstance(item, dict):
            problems.append(f"{path}: should be an object")
            continue
        shortname, title = _text(item.get("shortname")), _text(item.get("name"))
        for key, value in (("shortname", shortname), ("name", title)):
            if not value:
                problems.append(f"{path}.{key}: required, and must not be empty")
        description = _text(item.get("description"))
        text = _strip_number_prefix(title, shortname)
        if description and description != text:
            text = f"{text}: {description}" if text else description
        elements = [
            _element(e, f"{path}.standardelement[{i}]", problems)
            for i, e in enumerate(item.get("standardelement") or [])
        ]
        if "standardid" in item:
            key = str(item["standardid"])
            if key in by_standard_id:
                problems.append(f"{path}.standardid: {key} is used by another standard too")
            by_standard_id[key] = len(standards)
            raw_ids[len(standards)] = item["standardid"]
        standards.append((shortname, text, [e for e in elements if e]))
    flat = root.get("standardelements")
    if flat is not None and not isinstance(flat, list):
        problems.append("framework.standardelements: should be a list")
    for index, item in enumerate(flat if isinstance(flat, list) else []):
        path = f"framework.standardelements[{index}]"
        element = _element(item, path, problems)
        owner = item.get("standardid") if isinstance(item, dict) else None
        position = by_standard_id.get(str(owner)) if owner is not None else None
        if position is None:
            if isinstance(item, dict):
                problems.append(f"{path}.standardid: {owner!r} matches no standard's standardid")
            continue
        if type(raw_ids[position]) is not type(owner):
            warnings.append(
                f"{path}.standardid: {owner!r} and the standard's {raw_ids[position]!r} differ "
                "in type; Mahara would drop this element on import"
            )
        if element:
            standards[position][2].append(element)
    return standards


def _element(item: object, path: str, problems: list[str]) -> _Element | None:
    if not isinstance(item, dict):
        problems.append(f"{path}: should be an object")
        return None
    shortname, title = _text(item.get("shortname")), _text(item.get("name"))
    for key, value in (("shortname", shortname), ("name", title)):
        if not value:
            problems.append(f"{path}.{key}: required, and must not be empty")
    text = _strip_number_prefix(title, shortname)
    description = _text(item.get("description"))
    if description and description != text:
        text = f"{text}: {description}" if text else description
    parent = item.get("parentelementid", item.get("parentid"))
    parent_id = None if parent in (None, "", "undefined") else str(parent)
    element_id = item.get("elementid")
    return _Element(
        path, shortname, text, None if element_id is None else str(element_id), parent_id
    )


def _strip_number_prefix(name: str, shortname: str) -> str:
    """'1.3 - Sub level' (shortname '1.3') and 'A - Talk' (shortname 'A') lose the prefix;
    'Communication skills' (shortname 'Communication') stays whole."""
    if not shortname or not name.startswith(shortname):
        return name
    rest = name[len(shortname) :]
    numeric = any(ch.isdigit() for ch in shortname)
    separator = re.match(r"\s*[-–:]\s+|\s+" if numeric else r"\s*[-–:]\s+", rest)
    if separator and rest[separator.end() :].strip():
        return rest[separator.end() :].strip()
    return name


def _nest(elements: list[_Element], warnings: list[str]) -> list[_Element]:
    """Children under their parents; the first of a duplicated element id is the parent."""
    first: dict[str, _Element] = {}
    position: dict[int, int] = {}
    for index, element in enumerate(elements):
        position[id(element)] = index
        if element.element_id is None:
            continue
        if element.element_id in first:
            warnings.append(
                f"{element.path}.elementid: duplicate element id '{element.element_id}' "
                f"(also at {first[element.element_id].path}); both are imported"
            )
        else:
            first[element.element_id] = element
    roots: list[_Element] = []
    for index, element in enumerate(elements):
        parent = first.get(element.parent_id) if element.parent_id else None
        if element.parent_id and parent is None:
            warnings.append(
                f"{element.path}.parentelementid: no element '{element.parent_id}' in this "
                "standard; imported at the top level"
            )
        elif parent is not None and _is_ancestor(element, parent, first):
            warnings.append(f"{element.path}.parentelementid: circular parents; top level")
            parent = None
        elif parent is not None and position[id(parent)] > index:
            warnings.append(
                f"{element.path}.parentelementid: the parent comes later in the file (Mahara "
                "would make this element top-level); kept under its parent here"
            )
        (parent.children if parent is not None else roots).append(element)
    return roots


def _is_ancestor(element: _Element, parent: _Element, first: dict[str, _Element]) -> bool:
    seen: set[int] = set()
    node: _Element | None = parent
    while node is not None and id(node) not in seen:
        if node is element:
            return True
        seen.add(id(node))
        node = first.get(node.parent_id) if node.parent_id else None
    return False


def _document(
    root: dict[str, Any],
    name: str,
    standards: list[tuple[str, str, list[_Element]]],
    warnings: list[str],
) -> dict[str, Any]:
    framework_id = slugify(name, 40) or "mahara-framework"
    ref = "".join(w[0] for w in re.findall(r"[A-Za-z0-9]+", name)[:6]).upper() or "U1"
    uid = unit_id(framework_id, ref, 0, set())
    outcomes: list[dict[str, Any]] = []
    used_outcome_numbers: set[str] = set()
    for index, (shortname, text, elements) in enumerate(standards):
        where = f"framework.standards[{index}]"
        if not elements:
            warnings.append(f"{where}: standard '{shortname}' has no elements; not imported")
            continue
        number = shortname if _OUTCOME_NUMBER.match(shortname) else ""
        if not number or number in used_outcome_numbers:
            number = _free_number(str(index + 1), used_outcome_numbers)
        used_outcome_numbers.add(number)
        criteria: list[dict[str, Any]] = []
        _number_criteria(_nest(elements, warnings), number, uid, criteria, set(), warnings)
        outcomes.append(
            {
                "id": f"{uid}.lo{number_slug(number)}",
                "number": number,
                "text": fit_text(text or shortname, where, warnings),
                "criteria": criteria,
                **({"derived": True} if number != shortname else {}),
            }
        )
    description = _text(root.get("description"))
    unit: dict[str, Any] = {"id": uid, "ref": ref, "title": name, "derived": True}
    if description:
        unit["overview"] = description[:8000]
    unit["outcomes"] = outcomes
    document: dict[str, Any] = {
        "format": "portfolio-framework",
        "format_version": 1,
        "id": framework_id,
        "title": name,
        "level": "not stated",
        "version": "1",
        "source": {
            "notes": (
                "Imported from a Mahara SmartEvidence framework (.matrix): the framework is one "
                "unit, its standards are learning outcomes and its standard elements are "
                "assessment criteria, children numbered under their parents. Numbers marked "
                "derived were assigned on import because the file gives none that fit."
            )
        },
        "units": [unit],
    }
    if description:
        document["description"] = description[:8000]
    return document


def _number_criteria(
    elements: list[_Element],
    prefix: str,
    uid: str,
    out: list[dict[str, Any]],
    used: set[str],
    warnings: list[str],
) -> None:
    for position, element in enumerate(elements, start=1):
        wanted = element.shortname
        fits = _CRITERION_NUMBER.match(wanted) and wanted.startswith(prefix + ".")
        number = (
            wanted if fits and wanted not in used else _free_number(f"{prefix}.{position}", used)
        )
        if fits and number != wanted:
            warnings.append(
                f"{element.path}.shortname: '{wanted}' is used twice; imported as {number}"
            )
        used.add(number)
        criterion: dict[str, Any] = {
            "id": f"{uid}.ac{number_slug(number)}",
            "number": number,
            "text": fit_text(element.text or element.shortname, element.path, warnings),
        }
        if number != wanted:
            criterion["derived"] = True
        out.append(criterion)
        _number_criteria(element.children, number, uid, out, used, warnings)


def _free_number(wanted: str, used: set[str]) -> str:
    if wanted not in used:
        return wanted
    head, _, last = wanted.rpartition(".")
    n = int(last) if last.isdigit() else 1
    while True:
        n += 1
        candidate = f"{head}.{n}" if head else str(n)
        if candidate not in used:
            return candidate
