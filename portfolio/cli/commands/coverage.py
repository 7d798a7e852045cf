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
            [
                "unit_id",
                "criterion_id",
                "number",
                "criterion",
                "status",
                "evidence",
                "judgement",
                "detail",
            ],
            [
                (
                    c.unit_id,
                    c.id,
                    c.number,
                    c.text,
                    c.status.value,
                    " ".join(c.entry_refs),
                    c.judgement.state if c.judgement else "",
                    c.detail,
                )
                for c in report.criteria
            ],
        )
        return 0
    marks = {"none": "[ ]", "draft": "[d]", "claimed": "[~]", "insufficient": "[!]", "met": "[x]"}
    signoffs = {o.record.unit_id: o for o in report.signoffs}
    for unit in report.units:
        emit_text(
            f"{unit.label}\n  {unit.evidenced}/{unit.total} criteria with evidence, "
            f"{unit.met}/{unit.total} judged met"
        )
        for c in report.criteria:
            if c.unit_id == unit.id:
                refs = ", ".join(c.entry_refs) if c.entry_refs else "no evidence"
                words = c.status_words
                detail = f"  ({c.detail})" if c.detail else ""
                emit_text(f"  {marks[c.status.value]} {c.number:<6} {words:<20} {refs}{detail}")
        view = signoffs.get(unit.id)
        emit_text(f"  Sign-off: {view.label() if view else 'not signed off'}")
        emit_text()
    emit_text(
        "Key: [ ] no evidence  [d] draft evidence only  [~] evidence claimed  "
        "[!] insufficient evidence for the framework's rule  "
        "[x] judged met by an assessor on current evidence"
    )
    if report.gaps:
        emit_text(f"\nGaps ({len(report.gaps)})")
        for gap in report.gaps:
            emit_text(f"  - {gap.message}")
    else:
        emit_text("\nNo gaps: every criterion has evidence.")
    return 0
