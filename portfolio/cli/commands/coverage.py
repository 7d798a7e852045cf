"""`portfolio coverage FILE [--json|--csv]`: per-criterion status and evidence, and the gaps."""

from __future__ import annotations

import argparse

from portfolio.cli.commands._common import open_portfolio
from portfolio.cli.output import emit_csv, emit_json, emit_text


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "coverage", help="which criteria have evidence, which are met, and what is missing"
    )
    parser.add_argument("file", help="the portfolio file")
    fmt = parser.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help='print {"criteria": [...], "gaps": [...]}')
    fmt.add_argument(
        "--csv", action="store_true", help="print criterion, status, evidence references as CSV"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with open_portfolio(args.file, read_only=True) as pf:
        report = pf.coverage.report()
    if args.json:
        emit_json(report.to_json())
        return 0
    if args.csv:
        emit_csv(
            ["unit_id", "criterion_id", "number", "criterion", "status", "evidence", "judgement"],
            [
                (
                    c.unit_id,
                    c.id,
                    c.number,
                    c.text,
                    c.status.value,
                    " ".join(c.entry_refs),
                    c.judgement or "",
                )
                for c in report.criteria
            ],
        )
        return 0
    marks = {"none": "[ ]", "claimed": "[~]", "met": "[x]"}
    for unit in report.units:
        emit_text(
            f"{unit.label}\n  {unit.evidenced}/{unit.total} criteria with evidence, "
            f"{unit.met}/{unit.total} judged met"
        )
        for c in report.criteria:
            if c.unit_id == unit.id:
                refs = ", ".join(c.entry_refs) if c.entry_refs else "no evidence"
                emit_text(f"  {marks[c.status.value]} {c.number:<6} {c.status.value:<8} {refs}")
        emit_text()
    emit_text("Key: [ ] no evidence  [~] evidence claimed  [x] judged met by an assessor")
    if report.gaps:
        emit_text(f"\nGaps ({len(report.gaps)})")
        for gap in report.gaps:
            emit_text(f"  - {gap.message}")
    else:
        emit_text("\nNo gaps: every criterion has evidence.")
    return 0
