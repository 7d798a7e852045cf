"""The project's own framework JSON (``resources/schemas/framework.schema.json``)."""

from __future__ import annotations

from typing import Any

from portfolio.frameworks.importers.common import ImportedFramework, problems_error, validated

FORMAT = "portfolio-json"


def import_document(data: Any, source: str) -> ImportedFramework:
    """Validate a decoded framework document; every schema and semantic problem is listed.

    Raises:
        FrameworkError: the document is not a valid framework.
    """
    if not isinstance(data, dict):
        raise problems_error(source, ["(top level): the file must hold a JSON object"])
    framework = validated(data, source)
    return ImportedFramework(framework=framework, format=FORMAT, source=source)
