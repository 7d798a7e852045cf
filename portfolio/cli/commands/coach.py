"""`portfolio coach (FILE ENTRY | --text-file F) [--model ID] --json`: the coach's reading.

The same checks and Hatton and Smith estimate the editor shows beside an entry, for an entry in
a portfolio or for a text file whose sections are headed "Situation:", "Task:", "Action:",
"Result:" and "Reflection:". Every finding carries the words that triggered it ("quote").
Imports stay inside the functions that need them: coaching a text file never loads the storage
layer, so the command starts quickly.
"""

from __future__ import annotations

import argparse
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from portfolio.frameworks.model import Unit
    from portfolio.writing.coach import CoachReport

MAX_TEXT_BYTES = 1024 * 1024
# Reflective models this version can coach against; others arrive with their own issue.
MODELS = ("star",)
_HEADING = re.compile(
    r"^[ \t]*(situation|task|action|result|reflection)[ \t]*:[ \t]*", re.IGNORECASE | re.MULTILINE
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "coach", help="the reflection coach's reading of an entry: depth level and findings"
    )
    parser.add_argument("file", nargs="?", help="a portfolio file (with ENTRY)")
    parser.add_argument("entry", nargs="?", help="an entry id or reference (with FILE)")
    parser.add_argument(
        "--text-file",
        metavar="F",
        help="coach this UTF-8 text instead, sections headed 'Situation:', 'Task:', 'Action:', "
        "'Result:', 'Reflection:' ('-' reads standard input)",
    )
    parser.add_argument(
        "--model", default="star", metavar="ID", help="reflective model (default and only: star)"
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help='print {"level", "findings": [{"kind", "section", "quote", "message"}], ...}',
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the coach's reading; 0 on success, whatever it finds."""
    from portfolio.errors import InvalidInputError

    if args.model not in MODELS:
        raise InvalidInputError(
            f"Unknown reflective model '{args.model}': this version coaches only "
            f"{', '.join(MODELS)}."
        )
    units: tuple[Unit, ...] = ()
    terms: tuple[str, ...] = ()
    if args.text_file is not None:
        if args.file or args.entry:
            raise InvalidInputError("Give either FILE ENTRY or --text-file F, not both.")
        sections = _from_text(args.text_file)
    elif args.file and args.entry:
        sections, units, terms = _from_portfolio(args.file, args.entry)
    else:
        raise InvalidInputError("Give a portfolio FILE and an ENTRY, or --text-file F.")

    from portfolio.writing.coach import review_entry

    report = review_entry(sections, units=units, terms=terms)
    if args.json:
        from portfolio.cli.output import emit_json

        emit_json(report_json(report))
    else:
        _print_text(report)
    return 0


def report_json(report: CoachReport) -> dict[str, Any]:
    """The contract keys (level, findings with kind/section/quote/message) plus the rest."""
    depth = report.depth
    return {
        "level": depth.level,
        "label": depth.label,
        "findings": [
            {
                "kind": f.code,
                "section": f.section,
                "quote": f.quote,
                "message": f.message,
                "how_to_fix": f.how_to_fix,
                "severity": f.severity,
            }
            for f in report.findings
        ],
        "signals": [
            {"kind": s.category, "signal": s.description, "quotes": list(s.quotes)}
            for s in depth.evidence
        ],
        "missing": list(depth.missing),
        "next_step": depth.next_step,
    }


def parse_sections(text: str, name: str) -> dict[str, str]:
    """Section key -> text from a file headed "Situation:", "Task:"... (a heading may repeat:
    its texts are joined). Raises InvalidInputError when there is no heading, or when words
    come before the first one (they would belong to no section)."""
    from portfolio.errors import InvalidInputError

    headings = list(_HEADING.finditer(text))
    if not headings:
        raise InvalidInputError(
            f"{name} has no section headings: start each section on its own line with "
            "'Situation:', 'Task:', 'Action:', 'Result:' or 'Reflection:'."
        )
    if text[: headings[0].start()].strip():
        raise InvalidInputError(
            f"{name} has text before its first section heading; put it under 'Situation:' or "
            "another heading."
        )
    sections: dict[str, str] = {}
    for i, heading in enumerate(headings):
        end = headings[i + 1].start() if i + 1 < len(headings) else len(text)
        key = heading.group(1).lower()
        body = text[heading.end() : end].strip()
        sections[key] = f"{sections[key]}\n\n{body}".strip() if key in sections else body
    return sections


def _from_text(source: str) -> dict[str, str]:
    from portfolio.cli.commands._common import read_text_input

    text, name = read_text_input(source, limit=MAX_TEXT_BYTES, what="coaching")
    return parse_sections(text, name)


def _from_portfolio(
    path: str, entry: str
) -> tuple[dict[str, str], tuple[Unit, ...], tuple[str, ...]]:
    from portfolio.cli.commands._common import open_portfolio

    with open_portfolio(path, read_only=True) as pf:
        detail = pf.entries.get(entry)
        unit_ids = {tag.unit_id for tag in detail.tags if tag.unit_id}
        units = tuple(
            unit
            for framework in (pf.enrolment.frameworks() if unit_ids else [])
            for unit in framework.units
            if unit.id in unit_ids
        )
        terms = tuple(pf.learner.terms())
    return dict(detail.sections), units, terms


def _print_text(report: CoachReport) -> None:
    from portfolio.cli.output import emit_text

    depth = report.depth
    lines = [f"Reflective depth: level {depth.level} of 4, {depth.label}"]
    lines += [f"  + {signal}" for signal in depth.signals]
    lines += [f"  - not yet: {note}" for note in depth.missing]
    lines.append(f"Next step: {depth.next_step}")
    if not report.findings:
        lines.append("No findings: nothing to fix.")
    for finding in report.findings:
        where = finding.section or "entry"
        quote = f' ("{finding.quote}")' if finding.quote else ""
        lines.append(f"[{finding.severity}] {where}: {finding.message}{quote}")
        lines.append(f"    {finding.how_to_fix}")
    emit_text("\n".join(lines))
