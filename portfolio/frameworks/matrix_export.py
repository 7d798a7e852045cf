"""Writing a framework as a Mahara SmartEvidence ``.matrix`` file (issue 22), so a framework a
tutor made in our editor opens in Mahara, and one imported from Mahara goes back unchanged.

The mapping is the inverse of ``portfolio.frameworks.importers.mahara``: each learning outcome
is a *standard*, each criterion a *standard element* (its parent recorded as
``parentelementid``). The writer follows Mahara's upload rules (interop/mahara/FORMATS.md §1.2,
§1.8): ``institution`` always written, integer ``standardid`` on both sides, no ``id`` keys,
parents before children, ``shortname`` at most 100 and ``name`` at most 255 characters, and
element ids that PHP's loose comparison cannot confuse when they are used as parents.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from portfolio.frameworks.model import Criterion, Framework, Outcome, Unit

SHORTNAME_MAX = 100
NAME_MAX = 255
# Mahara's status types in order (Framework::EVIDENCE_BEGUN ... EVIDENCE_COMPLETED).
MAHARA_STATUSES = (
    ("begun", "claimed"),
    ("incomplete", "not_yet"),
    ("partialcomplete", "partial"),
    ("completed", "met"),
)
_CODE = re.compile(r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$")
_PHP_NUMERIC = re.compile(r"^\s*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$")
_LIST_ITEM = re.compile(r"^((?:  )*)(- |[0-9]+\. )(.*)$")


def unmapped_rules(framework: Framework) -> list[str]:
    """The sufficiency rules a ``.matrix`` cannot hold (Mahara SmartEvidence has no notion of
    how much evidence is enough), one line per outcome or criterion, so the exporter can say
    what Mahara will not get instead of dropping it silently."""
    lost = []
    for unit in framework.units:
        for outcome in unit.outcomes:
            if outcome.rule is not None:
                lost.append(f"Unit {unit.ref} outcome {outcome.number}: {outcome.rule.describe()}")
            lost.extend(
                f"Unit {unit.ref} criterion {c.number}: {c.rule.describe()}"
                for c in outcome.criteria
                if c.rule is not None
            )
    return lost


def to_matrix_text(framework: Framework) -> str:
    """The framework as a ``.matrix`` document (UTF-8 JSON text, no BOM)."""
    return json.dumps(to_matrix(framework), ensure_ascii=False, indent=2) + "\n"


def to_matrix(framework: Framework) -> dict[str, Any]:
    """The ``.matrix`` document as a dict: ``{"framework": {...}}``."""
    many_units = len(framework.units) > 1
    description = framework.description or (
        framework.units[0].overview if len(framework.units) == 1 else ""
    )
    body: dict[str, Any] = {
        "institution": framework.institution or "all",
        "name": _cut(framework.title, NAME_MAX),
        "description": text_to_html(description),
        "selfassess": framework.selfassess,
    }
    labels = dict(framework.status_labels)
    statuses = [{key: labels[state]} for key, state in MAHARA_STATUSES if state in labels]
    if statuses:
        body["evidencestatuses"] = statuses
    standards: list[dict[str, Any]] = []
    elements: list[dict[str, Any]] = []
    element_ids = _element_ids(framework, many_units)
    for unit in framework.units:
        for outcome in unit.outcomes:
            standard_id = len(standards) + 1
            standards.append(_standard(unit, outcome, standard_id, many_units))
            for criterion in outcome.criteria:
                elements.append(_element(unit, criterion, standard_id, element_ids, many_units))
    body["standards"] = standards
    body["standardelements"] = elements
    return {"framework": body}


def _standard(unit: Unit, outcome: Outcome, standard_id: int, many_units: bool) -> dict[str, Any]:
    label = outcome.short_name or outcome.number
    if many_units and not outcome.short_name:
        label = f"{unit.ref} {outcome.number}"
    name, description = _fit_name(_labelled(label, outcome.text), outcome.text, outcome.description)
    return {
        "shortname": _cut(label, SHORTNAME_MAX),
        "name": name,
        "description": text_to_html(description),
        "standardid": standard_id,
    }


def _fit_name(name: str, text: str, description: str) -> tuple[str, str]:
    """Mahara's name column holds 255 characters: a longer name is cut, and the whole text
    opens the description (which the importer reads back as the whole text)."""
    if len(name) <= NAME_MAX:
        return name, description
    return _cut(name, NAME_MAX), "\n\n".join(part for part in (text, description) if part)


def _element(
    unit: Unit,
    criterion: Criterion,
    standard_id: int,
    element_ids: dict[str, str],
    many_units: bool,
) -> dict[str, Any]:
    label = criterion.short_name or criterion.number
    if many_units and not criterion.short_name:
        label = f"{unit.ref} {criterion.number}"
    name, description = _fit_name(
        _labelled(label, criterion.text), criterion.text, criterion.description
    )
    element: dict[str, Any] = {
        "shortname": _cut(label, SHORTNAME_MAX),
        "name": name,
        "description": text_to_html(description),
        "standardid": standard_id,
        "elementid": element_ids[criterion.id],
    }
    if criterion.parent and criterion.parent in element_ids:
        # Mahara's upload reads parentelementid; its own download writes parentid.
        element["parentelementid"] = element_ids[criterion.parent]
        element["parentid"] = element_ids[criterion.parent]
    return element


def _element_ids(framework: Framework, many_units: bool) -> dict[str, str]:
    """An element id per criterion: its source id, else its number (with the unit's
    reference when there are several units). A source id the file itself repeated is kept
    (Mahara allows it) unless the criterion is a parent, which needs an id of its own. Ids used
    as parents that PHP would compare equal to an earlier id ('3.1' == '3.10' as numbers) get
    '.0' added, which makes them non-numeric strings."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    parents = {c.parent for c in framework.criteria() if c.parent}
    for unit in framework.units:
        for criterion in unit.criteria():
            own = f"{unit.ref}.{criterion.number}" if many_units else criterion.number
            wanted = criterion.source_id or own
            if wanted in taken and (criterion.id in parents or not criterion.source_id):
                wanted = own
            candidate, n = wanted, 2
            while candidate in taken and (criterion.id in parents or candidate == own):
                candidate, n = f"{wanted}-{n}", n + 1
            ids[criterion.id] = candidate
            taken.add(candidate)
    numeric_seen: dict[float, str] = {}
    for criterion_id, element_id in list(ids.items()):
        if not _PHP_NUMERIC.match(element_id):
            continue
        value = float(element_id)
        if value in numeric_seen and criterion_id in parents:
            safe = f"{element_id}.0"
            while safe in taken:
                safe += ".0"
            ids[criterion_id] = safe
            taken.add(safe)
        else:
            numeric_seen.setdefault(value, element_id)
    return ids


def _labelled(label: str, text: str) -> str:
    """'1.2 - Explain why ...' as Mahara's own files name elements, when the short label is a
    code (a number, or a letter or two); a worded short name stands apart from the text."""
    is_code = bool(_CODE.match(label)) and (any(ch.isdigit() for ch in label) or len(label) <= 3)
    if is_code and text and not text.startswith(label):
        return f"{label} - {text}"
    return text or label


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def text_to_html(text: str) -> str:
    """Simple HTML from our plain text: paragraphs, line breaks and (nested) lists, so a
    description read from HTML reads back to the same text."""
    if not text.strip():
        return ""
    blocks: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        lines = paragraph.split("\n")
        if all(_LIST_ITEM.match(line) for line in lines):
            blocks.append(_list_html(lines))
        else:
            blocks.append("<p>" + "<br>".join(html.escape(line) for line in lines) + "</p>")
    return "".join(blocks)


def _list_html(lines: list[str]) -> str:
    out: list[str] = []
    stack: list[str] = []  # open list tags, one per depth
    for line in lines:
        match = _LIST_ITEM.match(line)
        assert match is not None  # the caller checked every line
        depth = len(match.group(1)) // 2
        tag = "ul" if match.group(2) == "- " else "ol"
        while len(stack) > depth + 1:
            out.append(f"</li></{stack.pop()}>")
        if len(stack) == depth + 1 and stack[-1] != tag:
            out.append(f"</li></{stack.pop()}>")
        if len(stack) == depth + 1:
            out.append("</li>")
        while len(stack) < depth + 1:
            stack.append(tag)
            out.append(f"<{tag}>")
        out.append(f"<li>{html.escape(match.group(3))}")
    while stack:
        out.append(f"</li></{stack.pop()}>")
    return "".join(out)
