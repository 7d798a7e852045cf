"""Writing a framework out: our JSON document, the documented CSV layout (one row per
criterion), or a Mahara SmartEvidence ``.matrix``, so a tutor can hand a qualification to
learners, edit it in a spreadsheet or open it in Mahara."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from portfolio.domain.sufficiency import rule_cells
from portfolio.frameworks.importers.csv_format import (
    ALL_COLUMNS,
    CRITERION_RULE_COLUMNS,
    OUTCOME_RULE_COLUMNS,
)
from portfolio.frameworks.model import Framework


def to_json_text(framework: Framework | dict[str, Any]) -> str:
    """The framework's JSON document, pretty-printed (UTF-8, no BOM)."""
    document = framework.raw if isinstance(framework, Framework) else framework
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def to_csv_text(framework: Framework) -> str:
    """One row per criterion in the documented column order; re-imports to the same tree.

    A unit's guidance items go one per row down its rows (any left over share its last row,
    one per line); keywords are joined with '; '.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(ALL_COLUMNS)
    for unit in framework.units:
        rows = sum(1 for _ in unit.criteria())
        guidance = [*unit.guidance[: rows - 1], "\n".join(unit.guidance[rows - 1 :])]
        index = 0
        for outcome in unit.outcomes:
            for criterion in outcome.criteria:
                row = {
                    "qualification": framework.title,
                    "unit_ref": unit.ref,
                    "unit_title": unit.title,
                    "outcome_number": outcome.number,
                    "outcome_text": outcome.text,
                    "criterion_number": criterion.number,
                    "criterion_text": criterion.text,
                    "framework_id": framework.id,
                    "level": framework.level,
                    "version": framework.version,
                    "awarding_body": framework.awarding_body,
                    "unit_guidance": guidance[index] if index < len(guidance) else "",
                    "criterion_keywords": "; ".join(criterion.keywords),
                    **dict(zip(OUTCOME_RULE_COLUMNS, rule_cells(outcome.rule), strict=True)),
                    **dict(zip(CRITERION_RULE_COLUMNS, rule_cells(criterion.rule), strict=True)),
                }
                writer.writerow([row[c] for c in ALL_COLUMNS])
                index += 1
    return out.getvalue()


KINDS = ("json", "csv", "matrix")


def kind_for(path: str | Path) -> str:
    """The export kind a file name asks for: '.csv' and '.matrix' by suffix, else 'json'."""
    suffix = Path(path).suffix.lower()
    return {".csv": "csv", ".matrix": "matrix"}.get(suffix, "json")


def write_framework(framework: Framework, path: str | Path, *, kind: str | None = None) -> Path:
    """Write ``framework`` as 'json', 'csv' or Mahara 'matrix' (default: from the suffix),
    atomically."""
    target = Path(path)
    kind = kind or kind_for(target)
    if kind == "matrix":
        from portfolio.frameworks.matrix_export import to_matrix_text

        text = to_matrix_text(framework)
    else:
        text = to_csv_text(framework) if kind == "csv" else to_json_text(framework)
    # CSV gets a BOM so spreadsheet programs open it as UTF-8; the importer accepts both.
    data = ("\ufeff" + text if kind == "csv" else text).encode("utf-8")
    write_atomically(target, data)
    return target


def write_atomically(target: Path, data: bytes) -> None:
    """Write to a temporary file beside ``target`` and rename it over, never half a file."""
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
