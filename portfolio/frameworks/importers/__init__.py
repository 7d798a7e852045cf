"""Framework importers: our JSON, CSV and Mahara ``.matrix``, told apart by content.

``import_file(path)`` and ``import_bytes(content, source)`` return an ``ImportedFramework``
(a validated ``Framework`` plus warnings) or raise ``FrameworkError`` listing every problem.
Nothing is written anywhere: storing the result is the caller's job (see
``portfolio.services.frameworks_admin``).
"""

from __future__ import annotations

import json
from pathlib import Path

from portfolio.frameworks.importers.common import (
    ImportedFramework,
    decode_text,
    problems_error,
    read_bytes,
)
from portfolio.frameworks.importers.csv_format import looks_like_csv_header
from portfolio.frameworks.importers.csv_importer import import_csv
from portfolio.frameworks.importers.mahara import import_matrix
from portfolio.frameworks.importers.portfolio_json import import_document

__all__ = ["ImportedFramework", "import_bytes", "import_file", "sniff"]


def import_file(path: str | Path) -> ImportedFramework:
    """Read and validate the framework in ``path``, whatever its extension.

    Raises:
        FrameworkError: the file cannot be read, its kind is not recognised, or it is invalid.
    """
    file = Path(path)
    return import_bytes(read_bytes(file, file.name), file.name)


def import_bytes(content: bytes, source: str) -> ImportedFramework:
    """As ``import_file``, for bytes already read; ``source`` names them in messages."""
    text = decode_text(content, source)
    kind = sniff(text)
    if kind == "csv":
        return import_csv(text, source)
    if kind == "unknown":
        raise problems_error(
            source,
            [
                "not a framework file: expected the Portfolio framework JSON, a CSV with the "
                "documented header (qualification, unit_ref, ...) or a Mahara .matrix file"
            ],
        )
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise problems_error(
            source, [f"is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"]
        ) from None
    except (ValueError, RecursionError) as exc:
        raise problems_error(source, [f"is not valid JSON: {exc}"]) from None
    if isinstance(data, dict) and "framework" in data and "format" not in data:
        return import_matrix(data, source)
    return import_document(data, source)


def sniff(text: str) -> str:
    """'json' (ours or a Mahara matrix: told apart after decoding), 'csv' or 'unknown'."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith(("{", "[")):
        return "json"
    first_line = stripped.split("\n", 1)[0]
    return "csv" if looks_like_csv_header(first_line) else "unknown"
