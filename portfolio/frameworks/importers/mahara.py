"""Imports a Mahara SmartEvidence framework (``.matrix``) without loss (issues 10 and 22).

Mapping: the framework becomes one unit; each *standard* becomes a learning outcome (kept even
when it has no elements, as Mahara keeps it); each *standard element* becomes an assessment
criterion. Short names, names and descriptions stay separate fields; an element's own id
(``elementid``, e.g. "1.0") is its criterion number when it is a usable number, and is kept as
``source_id`` in any case; a child element records its parent. Evidence status labels become
the framework's own words for claimed / not yet / met (and partly met, kept for export);
``institution`` and ``selfassess`` are kept for export back to Mahara. Anything the file holds
that has no place in our model is listed in ``source.not_kept`` and shown in the preview.
What Mahara would silently get wrong is a warning; what makes the file unusable is a problem,
and then nothing is imported.
"""

from __future__ import annotations

import re
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
from portfolio.frameworks.importers.mahara_read import (
    MatrixElement,
    MatrixFile,
    MatrixStandard,
    read_matrix,
)

FORMAT = "mahara-matrix"
MAX_DESCRIPTION = 8000
_OUTCOME_NUMBER = re.compile(r"^[0-9A-Za-z]+$")
_CRITERION_NUMBER = re.compile(r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$")


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
    matrix = read_matrix(root, problems, warnings)
    if problems:
        raise problems_error(source, problems)
    document = _document(matrix, warnings)
    framework = validated(document, source)
    return ImportedFramework(framework, FORMAT, source, tuple(warnings))


def strip_number_prefix(name: str, shortname: str) -> str:
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


def _whole(name: str, description: str) -> tuple[str, str]:
    """A name cut at Mahara's 255 characters ('…') whose whole text opens the description (as
    our .matrix export writes it) is made whole again; the rest stays the description."""
    if not name.endswith("…"):
        return name, description
    head, _, rest = description.partition("\n\n")
    if head.startswith(name[:-1].rstrip()) and len(head) >= len(name) - 1:
        return head, rest
    return name, description


def _nest(elements: list[MatrixElement], warnings: list[str]) -> list[MatrixElement]:
    """Children under their parents; the first of a duplicated element id is the parent."""
    first: dict[str, MatrixElement] = {}
    position: dict[int, int] = {}
    for index, element in enumerate(elements):
        position[id(element)] = index
        if element.key is None:
            continue
        if element.key in first:
            warnings.append(
                f"{element.path}.elementid: duplicate element id '{element.key}' "
                f"(also at {first[element.key].path}); both are imported"
            )
        else:
            first[element.key] = element
    roots: list[MatrixElement] = []
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


def _is_ancestor(
    element: MatrixElement, parent: MatrixElement, first: dict[str, MatrixElement]
) -> bool:
    seen: set[int] = set()
    node: MatrixElement | None = parent
    while node is not None and id(node) not in seen:
        if node is element:
            return True
        seen.add(id(node))
        node = first.get(node.parent_id) if node.parent_id else None
    return False


def _document(matrix: MatrixFile, warnings: list[str]) -> dict[str, Any]:
    name = matrix.name
    framework_id = slugify(name, 40) or "mahara-framework"
    ref = "".join(w[0] for w in re.findall(r"[A-Za-z0-9]+", name)[:6]).upper() or "U1"
    uid = unit_id(framework_id, ref, 0, set())
    # Every usable element id is reserved first, so a number made up for one element never
    # takes the id a later element brings.
    reserved = {
        e.element_id
        for s in matrix.standards
        for e in s.elements
        if e.element_id and _CRITERION_NUMBER.match(e.element_id)
    }
    numbering = _Numbering(uid, reserved, warnings)
    outcomes: list[dict[str, Any]] = []
    used_outcome_numbers: set[str] = set()
    for index, standard in enumerate(matrix.standards):
        shortname = standard.shortname
        number = shortname if _OUTCOME_NUMBER.match(shortname) else ""
        if not number or number in used_outcome_numbers:
            number = _free_number(str(index + 1), used_outcome_numbers)
        used_outcome_numbers.add(number)
        if not standard.elements:
            warnings.append(
                f"{standard.path}: standard '{shortname}' has no elements; kept as a learning "
                "outcome with no criteria"
            )
        criteria: list[dict[str, Any]] = []
        numbering.add(_nest(standard.elements, warnings), number, "", criteria)
        outcomes.append(_outcome(uid, number, standard, warnings))
        outcomes[-1]["criteria"] = criteria
    unit: dict[str, Any] = {"id": uid, "ref": ref, "title": name, "derived": True}
    if matrix.description:
        unit["overview"] = matrix.description[:MAX_DESCRIPTION]
    if numbering.free:
        unit["source_numbering"] = True
    unit["outcomes"] = outcomes
    document: dict[str, Any] = {
        "format": "portfolio-framework",
        "format_version": 1,
        "id": framework_id,
        "title": name,
        "level": "not stated",
        "version": "1",
        "source": _source(matrix),
        "units": [unit],
    }
    if matrix.description:
        document["description"] = matrix.description[:MAX_DESCRIPTION]
    if matrix.statuses:
        document["status_labels"] = dict(matrix.statuses)
    mahara: dict[str, Any] = {}
    if matrix.institution:
        mahara["institution"] = matrix.institution[:255]
    if matrix.selfassess is not None:
        mahara["selfassess"] = matrix.selfassess
    if mahara:
        document["mahara"] = mahara
    return document


def _outcome(
    uid: str, number: str, standard: MatrixStandard, warnings: list[str]
) -> dict[str, Any]:
    text, description = _whole(
        strip_number_prefix(standard.name, standard.shortname) or standard.shortname,
        standard.description,
    )
    outcome: dict[str, Any] = {
        "id": f"{uid}.lo{number_slug(number)}",
        "number": number,
        "text": fit_text(text, standard.path, warnings),
    }
    if number != standard.shortname:
        outcome["derived"] = True
        outcome["short_name"] = standard.shortname[:100]
    if description:
        outcome["description"] = _description(description, standard.path, warnings)
    return outcome


def _description(text: str, where: str, warnings: list[str]) -> str:
    if len(text) <= MAX_DESCRIPTION:
        return text
    warnings.append(f"{where}.description: {len(text)} characters; cut to {MAX_DESCRIPTION}")
    return text[: MAX_DESCRIPTION - 1].rstrip() + "…"


class _Numbering:
    """Gives each element its criterion: the file's element id as the number where it is a
    usable, unused number; else its short name; else one made up under the outcome."""

    def __init__(self, uid: str, reserved: set[str], warnings: list[str]) -> None:
        self.uid = uid
        self.reserved = reserved
        self.used: set[str] = set()
        self.warnings = warnings
        self.free = False  # some number does not start with its outcome's number

    def add(
        self,
        elements: list[MatrixElement],
        prefix: str,
        parent: str,
        out: list[dict[str, Any]],
        base: str = "",
    ) -> None:
        """Criteria for ``elements`` (and their children) appended to ``out``; a made-up
        number goes under ``base`` (the parent's number), or the outcome's ``prefix``."""
        for position, element in enumerate(elements, start=1):
            number = self._number(element, base or prefix, position)
            if not number.startswith(prefix + "."):
                self.free = True
            text, description = _whole(
                strip_number_prefix(element.name, element.shortname) or element.shortname,
                element.description,
            )
            criterion: dict[str, Any] = {
                "id": f"{self.uid}.ac{number_slug(number)}",
                "number": number,
                "text": fit_text(text, element.path, self.warnings),
            }
            if element.shortname != number:
                criterion["short_name"] = element.shortname[:100]
            if description:
                criterion["description"] = _description(description, element.path, self.warnings)
            if parent:
                criterion["parent"] = parent
            if element.element_id:
                criterion["source_id"] = element.element_id[:100]
            if number not in (element.element_id, element.shortname):
                criterion["derived"] = True
            out.append(criterion)
            self.add(element.children, prefix, criterion["id"], out, number)

    def _number(self, element: MatrixElement, prefix: str, position: int) -> str:
        # A worded short name ('Communication') is a name, not a number; a code ('1.2', 'A')
        # is one.
        short = element.shortname if _looks_numbered(element.shortname) else None
        for wanted in (element.element_id, short):
            if wanted and _CRITERION_NUMBER.match(wanted) and wanted not in self.used:
                self.used.add(wanted)
                return wanted
        wanted = element.element_id or element.shortname
        number = _free_number(f"{prefix}.{position}", self.used | self.reserved)
        if wanted in self.used:
            self.warnings.append(
                f"{element.path}: '{wanted}' is used by an earlier element; imported as {number}"
            )
        self.used.add(number)
        return number


def _looks_numbered(label: str) -> bool:
    return any(ch.isdigit() for ch in label) or len(label) <= 3


def _source(matrix: MatrixFile) -> dict[str, Any]:
    not_kept = list(matrix.not_kept)
    if "partial" in matrix.statuses:
        not_kept.append(
            f"evidence status 'partialcomplete' ('{matrix.statuses['partial']}'): there is no "
            "partly-met state here; the label is kept only for export back to Mahara"
        )
    if matrix.institution or matrix.selfassess is not None:
        not_kept.append(
            "institution and selfassess: Mahara settings with no meaning here; kept only for "
            "export back to Mahara"
        )
    source: dict[str, Any] = {
        "format": FORMAT,
        "notes": (
            "Imported from a Mahara SmartEvidence framework (.matrix): the framework is one "
            "unit, its standards are learning outcomes and its standard elements are "
            "assessment criteria, children recorded under their parents. Criterion numbers "
            "are the file's element ids where they are usable numbers; numbers marked derived "
            "were assigned on import because the file gives none that fit."
        ),
    }
    if not_kept:
        source["not_kept"] = not_kept
    return source


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
