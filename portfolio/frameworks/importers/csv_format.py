"""The CSV framework layout: one row per assessment criterion, as a spreadsheet saves it.

Columns (header names are case-insensitive; spaces and underscores are equivalent):

    required  qualification, unit_ref, unit_title, outcome_number, outcome_text,
              criterion_number, criterion_text
    optional  framework_id, level, version, awarding_body, unit_guidance, criterion_keywords,
              outcome_min_evidence, outcome_methods, outcome_witness_testimony,
              outcome_rule_basis, criterion_min_evidence, criterion_methods,
              criterion_witness_testimony, criterion_rule_basis

``unit_guidance`` may be given on any rows of a unit (one item per line of a cell);
``criterion_keywords`` are separated by ';'. The sufficiency rule columns (issue 13 item 6):
``*_min_evidence`` a whole number of pieces (1-20); ``*_methods`` evidence methods that must be
among the evidence, separated by ';' (keys such as ``observation`` or labels such as
"Witness testimony"); ``*_witness_testimony`` yes or no (no: witness testimony does not count);
``*_rule_basis`` where the rule comes from. An outcome's rule applies to each of its criteria
(a criterion's own cells override it) and must read the same on every row of the outcome where
it is given. Comma, semicolon or tab separated (taken from the
header line); UTF-8 with or without a BOM. ``resources/templates/framework-template.csv`` is a
filled-in example; docs/portfolio-format.md describes it for people.
"""

from __future__ import annotations

import re

REQUIRED_COLUMNS = (
    "qualification",
    "unit_ref",
    "unit_title",
    "outcome_number",
    "outcome_text",
    "criterion_number",
    "criterion_text",
)
OUTCOME_RULE_COLUMNS = (
    "outcome_min_evidence",
    "outcome_methods",
    "outcome_witness_testimony",
    "outcome_rule_basis",
)
CRITERION_RULE_COLUMNS = (
    "criterion_min_evidence",
    "criterion_methods",
    "criterion_witness_testimony",
    "criterion_rule_basis",
)
OPTIONAL_COLUMNS = (
    "framework_id",
    "level",
    "version",
    "awarding_body",
    "unit_guidance",
    "criterion_keywords",
    *OUTCOME_RULE_COLUMNS,
    *CRITERION_RULE_COLUMNS,
)
ALL_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
MAX_ROWS = 20_000

_PREFIX = re.compile(r"^(?:lo|ac|outcome|criterion)\s*", re.IGNORECASE)


def column_key(header: str) -> str:
    """'Unit Ref' and 'unit_ref' both become 'unit_ref'."""
    return re.sub(r"[\s_-]+", "_", header.strip().lower())


def clean_number(value: str) -> str:
    """'LO1' becomes '1' and 'AC 1.2' becomes '1.2': spreadsheets often carry the prefixes."""
    return _PREFIX.sub("", value.strip()).strip()


def looks_like_csv_header(first_line: str) -> bool:
    """True when the first line names at least three of our columns (sniffing by content)."""
    cells = {column_key(c.strip(' "')) for c in re.split(r"[,;\t]", first_line)}
    return len(cells & set(ALL_COLUMNS)) >= 3
