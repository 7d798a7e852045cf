"""Reads a decoded Mahara SmartEvidence ``.matrix`` document into plain records (FORMATS.md §1).

Both shapes Mahara accepts are read: the flat form (``standards`` + ``standardelements`` joined
by ``standardid``) and the legacy nested form (``standards[k].standardelement``), whose
hierarchy lives only in dotted short names and a ``"parent": true`` flag. Everything the file
says is kept here; ``portfolio.frameworks.importers.mahara`` decides where it goes in our model.
Problems (what Mahara itself requires) and warnings (what Mahara would silently get wrong) are
collected, never raised one at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from portfolio.frameworks.importers.text import html_to_text

# Mahara's evidence status keys by name and by position (Framework::EVIDENCE_* constants),
# and the state each one is in our model.
STATUS_BY_KEY = {
    "begun": "claimed",
    "0": "claimed",
    "incomplete": "not_yet",
    "1": "not_yet",
    "partialcomplete": "partial",
    "2": "partial",
    "completed": "met",
    "3": "met",
}
STATUS_BY_INDEX = ("claimed", "not_yet", "partial", "met")

FRAMEWORK_KEYS = {
    "name",
    "institution",
    "description",
    "selfassess",
    "evidencestatuses",
    "standards",
    "standardelements",
}
STANDARD_KEYS = {"shortname", "name", "description", "standardid", "standardelement"}
ELEMENT_KEYS = {
    "shortname",
    "name",
    "description",
    "standardid",
    "elementid",
    "parentelementid",
    "parentid",
    "parent",
}
# Keys Mahara's own upload ignores too (priority comes from the order; ids are its database's).
IGNORED_BY_MAHARA = {"priority", "id", "uid", "active"}


@dataclass
class MatrixElement:
    path: str  # where it is in the file, for messages
    shortname: str
    name: str
    description: str
    element_id: str | None
    parent_id: str | None  # the element id of its parent, as the file gives or implies it
    parent_inferred: bool = False  # legacy form: from the dotted short name or "parent": true
    legacy_key: str | None = None  # legacy form without ids: its short name stands in as one
    children: list[MatrixElement] = field(default_factory=list)

    @property
    def key(self) -> str | None:
        """What children name as their parent: the element id, or a legacy short name."""
        return self.element_id or self.legacy_key


@dataclass
class MatrixStandard:
    path: str
    shortname: str
    name: str
    description: str
    elements: list[MatrixElement] = field(default_factory=list)


@dataclass
class MatrixFile:
    name: str
    description: str
    institution: str
    selfassess: bool | None
    statuses: dict[str, str]  # our state key -> the file's label
    standards: list[MatrixStandard]
    not_kept: list[str]  # keys the file holds that have no place in our model


def text(value: object) -> str:
    """Plain text from a string (HTML allowed) or a number; anything else is empty."""
    if isinstance(value, str):
        return html_to_text(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def read_matrix(root: dict[str, Any], problems: list[str], warnings: list[str]) -> MatrixFile:
    """The ``framework`` object of a ``.matrix`` file as records; problems and warnings added."""
    name = text(root.get("name"))
    if not name:
        problems.append("framework.name: required, and must not be empty")
    not_kept = _unknown_keys(root, FRAMEWORK_KEYS, "framework")
    standards = _standards(root, problems, warnings, not_kept)
    institution = root.get("institution")
    return MatrixFile(
        name=name,
        description=text(root.get("description")),
        institution=institution.strip() if isinstance(institution, str) else "",
        selfassess=_flag(root.get("selfassess")),
        statuses=_statuses(root, warnings),
        standards=standards,
        not_kept=sorted(set(not_kept)),
    )


def _flag(value: object) -> bool | None:
    """Mahara casts selfassess with (int): true, 1 and "1" are on; absent is None."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() not in ("", "0", "false")
    return bool(value)


def _statuses(root: dict[str, Any], warnings: list[str]) -> dict[str, str]:
    raw = root.get("evidencestatuses")
    if raw is None:
        return {}
    if isinstance(raw, dict):
        warnings.append(
            "framework.evidencestatuses: should be a list; Mahara would ignore it (the labels "
            "are read here, and an export to .matrix writes them as a list)"
        )
        items: list[object] = [{key: value} for key, value in raw.items()]
    elif isinstance(raw, list):
        items = list(raw)
    else:
        warnings.append("framework.evidencestatuses: should be a list; ignored")
        return {}
    labels: dict[str, str] = {}
    for index, item in enumerate(items):
        if not isinstance(item, dict) or not item:
            warnings.append(f"framework.evidencestatuses[{index}]: should be a one-key object")
            continue
        key, value = next(iter(item.items()))
        # As Mahara: the first key names the status; an unknown key falls back to the position.
        state = STATUS_BY_KEY.get(str(key).strip().lower())
        if state is None and index < len(STATUS_BY_INDEX):
            state = STATUS_BY_INDEX[index]
        label = text(value)[:255]
        if state is None or not label:
            warnings.append(f"framework.evidencestatuses[{index}]: not a status Mahara knows")
            continue
        labels[state] = label
    return labels


def _standards(
    root: dict[str, Any], problems: list[str], warnings: list[str], not_kept: list[str]
) -> list[MatrixStandard]:
    raw = root.get("standards")
    if not isinstance(raw, list) or not raw:
        problems.append("framework.standards: required, and must be a non-empty list")
        return []
    standards: list[MatrixStandard] = []
    by_standard_id: dict[str, MatrixStandard] = {}
    raw_ids: dict[int, object] = {}
    for index, item in enumerate(raw):
        path = f"framework.standards[{index}]"
        if not isinstance(item, dict):
            problems.append(f"{path}: should be an object")
            continue
        not_kept.extend(_unknown_keys(item, STANDARD_KEYS, "framework.standards[]"))
        standard = MatrixStandard(
            path, *_names(item, path, problems), text(item.get("description"))
        )
        nested = item.get("standardelement") or []
        for i, element in enumerate(nested if isinstance(nested, list) else []):
            read = _element(element, f"{path}.standardelement[{i}]", problems, not_kept)
            if read is not None:
                standard.elements.append(read)
        _infer_legacy_parents(standard, [e for e in nested if isinstance(e, dict)], warnings)
        if "standardid" in item:
            key = str(item["standardid"])
            if key in by_standard_id:
                problems.append(f"{path}.standardid: {key} is used by another standard too")
            by_standard_id[key] = standard
            raw_ids[id(standard)] = item["standardid"]
        standards.append(standard)
    flat = root.get("standardelements")
    if flat is not None and not isinstance(flat, list):
        problems.append("framework.standardelements: should be a list")
    for index, item in enumerate(flat if isinstance(flat, list) else []):
        path = f"framework.standardelements[{index}]"
        element = _element(item, path, problems, not_kept)
        owner = item.get("standardid") if isinstance(item, dict) else None
        found = by_standard_id.get(str(owner)) if owner is not None else None
        if found is None:
            if isinstance(item, dict):
                problems.append(f"{path}.standardid: {owner!r} matches no standard's standardid")
            continue
        if type(raw_ids[id(found)]) is not type(owner):
            warnings.append(
                f"{path}.standardid: {owner!r} and the standard's {raw_ids[id(found)]!r} "
                "differ in type; Mahara would drop this element on import"
            )
        if element is not None:
            found.elements.append(element)
    return standards


def _names(item: dict[str, Any], path: str, problems: list[str]) -> tuple[str, str]:
    shortname, name = text(item.get("shortname")), text(item.get("name"))
    for key, value in (("shortname", shortname), ("name", name)):
        if not value:
            problems.append(f"{path}.{key}: required, and must not be empty")
    return shortname, name


def _element(
    item: object, path: str, problems: list[str], not_kept: list[str]
) -> MatrixElement | None:
    if not isinstance(item, dict):
        problems.append(f"{path}: should be an object")
        return None
    not_kept.extend(_unknown_keys(item, ELEMENT_KEYS, "standardelements[]"))
    shortname, name = _names(item, path, problems)
    # Mahara's upload reads parentelementid; its own download writes parentid (FORMATS.md §1.5).
    parent = item.get("parentelementid", item.get("parentid"))
    parent_id = None if parent in (None, "", "undefined") else str(parent)
    element_id = item.get("elementid")
    return MatrixElement(
        path,
        shortname,
        name,
        text(item.get("description")),
        None if element_id in (None, "") else str(element_id),
        parent_id,
    )


def _infer_legacy_parents(
    standard: MatrixStandard, raw: list[dict[str, Any]], warnings: list[str]
) -> None:
    """The legacy nested form says nothing about parents but its dotted short names
    ('1.2.1' under '1.2') and a ``"parent": true`` flag on children; both are read here."""
    seen: dict[str, MatrixElement] = {}
    top: MatrixElement | None = None
    for element, item in zip(standard.elements, raw, strict=False):
        if element.element_id is None and element.parent_id is None:
            element.legacy_key = element.shortname
            head = element.shortname.rpartition(".")[0]
            while head and head not in seen:
                head = head.rpartition(".")[0]
            if head:
                element.parent_id, element.parent_inferred = head, True
            elif item.get("parent") is True and top is not None:
                element.parent_id, element.parent_inferred = top.shortname, True
            if element.parent_inferred:
                warnings.append(
                    f"{element.path}: placed under '{element.parent_id}' (the legacy form "
                    'gives no parent id; read from the dotted short name or "parent": true)'
                )
        seen.setdefault(element.shortname, element)
        if element.parent_id is None:
            top = element


def _unknown_keys(item: dict[str, Any], known: set[str], where: str) -> list[str]:
    return [
        f"{where}.{key}"
        + (" (Mahara ignores it too)" if key in IGNORED_BY_MAHARA else " (unknown to Mahara)")
        for key in item
        if key not in known
    ]
