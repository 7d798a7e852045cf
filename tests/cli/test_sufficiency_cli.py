"""Sufficiency rules from the command line (issue 13 item 6): a framework file with a bad rule is
refused with one line naming the field and changes nothing; a good one enrols a portfolio whose
coverage says "insufficient" with the reason; a unit with insufficient evidence cannot be signed
off, and the refusal names it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.helpers.sufficiency import C11, add_entry, ruled_document

ASSESSOR = ("--reviewer", "Priya Shah", "--role", "assessor")


def _write(tmp_path: Path, document: dict) -> Path:
    path = tmp_path / "ruled.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _frameworks(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM framework").fetchone()[0])
    finally:
        conn.close()


def test_bad_rule_values_are_one_line_and_change_nothing(
    cli, portfolio_file: Path, tmp_path: Path
) -> None:
    before = _frameworks(portfolio_file)
    for rule, words in (
        ({"min_pieces": 0}, "criteria[0].sufficiency.min_pieces: should be from 1 to 20, not 0"),
        ({"methods": ["telepathy"]}, "'telepathy' is not an evidence method"),
        ({"witness_testimony": "sometimes"}, "witness_testimony: should be true or false"),
    ):
        document = ruled_document()
        document["units"][0]["outcomes"][0]["criteria"][0]["sufficiency"] = rule
        result = cli("frameworks", "import", _write(tmp_path, document), "--into", portfolio_file)
        assert result.code != 0 and words in result.err, result.err
        assert result.err.strip().count("\n") == 0 and "Traceback" not in result.err
    assert _frameworks(portfolio_file) == before


def test_imported_rules_drive_coverage_and_sign_off(
    cli, portfolio_file: Path, tmp_path: Path
) -> None:
    result = cli("frameworks", "import", _write(tmp_path, ruled_document()), "--into",
                 portfolio_file)  # fmt: skip
    assert result.code == 0, result.err
    add_entry(portfolio_file, [C11])
    coverage = cli("coverage", portfolio_file, "--json").json()
    item = next(c for c in coverage["criteria"] if c["id"] == C11)
    assert item["status"] == "insufficient"
    assert item["insufficient"].startswith("insufficient evidence: needs 2 pieces of evidence")
    assert {"kind": "insufficient"}.items() <= next(
        g for g in coverage["gaps"] if g.get("kind") == "insufficient"
    ).items()
    refused = cli("review", portfolio_file, *ASSESSOR, "signoff", "RCS")
    assert refused.code == 1 and "1.1 (insufficient evidence)" in refused.err
    met = cli("review", portfolio_file, *ASSESSOR, "judge", C11, "met", "--reason", "x")
    assert met.code == 1 and "insufficient evidence for its framework's rule" in met.err
