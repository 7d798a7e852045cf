"""`portfolio coach (FILE ENTRY | --text-file F) [--model ID] --json`: the coach's reading.

The same checks and Hatton and Smith estimate the editor shows beside an entry, for an entry in
a portfolio (in its own reflective model, or converted to ``--model``) or for a text file whose
sections are headed with the model's section titles ("Situation:", "Task:"... for STAR, the
default; "Description:", "Feelings:"... for Gibbs; "What?", "So what?", "Now what?" for
Driscoll). Every finding carries the words that triggered it ("quote").
Imports stay inside the functions that need them: coaching a text file never loads the storage
layer, so the command starts quickly.
"""

from __future__ import annotations

import argparse
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from portfolio.domain.reflective import ReflectiveModel
    from portfolio.frameworks.model import Unit
    from portfolio.writing.coach import CoachReport

MAX_TEXT_BYTES = 1024 * 1024


def _heading_pattern(model: ReflectiveModel) -> re.Pattern[str]:
    """A line starting with one of the model's section titles (or keys) and a colon; a title
    ending in '?' ("So what?") needs no colon."""
    names = sorted(
        {name for s in model.sections for name in (s.label, s.key, s.key.replace("_", " "))},
        key=len,
        reverse=True,
    )
    alternatives = "|".join(re.escape(name) for name in names)
    return re.compile(
        rf"^[ \t]*({alternatives})(?:[ \t]*:|(?<=\?))[ \t]*", re.IGNORECASE | re.MULTILINE
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
        help="coach this UTF-8 text instead, sections headed with the model's titles: "
        "'Situation:', 'Task:', 'Action:', 'Result:', 'Reflection:' for STAR "
        "('-' reads standard input)",
    )
    parser.add_argument(
        "--model",
        default=None,
        metavar="ID",
        help="reflective model: star (default for a text file), gibbs, kolb or driscoll; an "
        "entry is read in its own model unless this converts it (`portfolio models list`)",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help='print {"level", "findings": [{"kind", "section", "quote", "message"}], ...}',
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the coach's reading; 0 on success, whatever it finds."""
    from portfolio.domain.reflective import DEFAULT_MODEL, convert, get_model
    from portfolio.errors import InvalidInputError

    wanted = get_model(args.model) if args.model is not None else None  # refuse a bad id first
    units: tuple[Unit, ...] = ()
    terms: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()
    if args.text_file is not None:
        if args.file or args.entry:
            raise InvalidInputError("Give either FILE ENTRY or --text-file F, not both.")
        model = wanted or get_model(DEFAULT_MODEL)
        sections = _from_text(args.text_file, model)
    elif args.file and args.entry:
        sections, model_id, units, terms, kept = _from_portfolio(args.file, args.entry)
        model = get_model(model_id)
        if wanted is not None and wanted.id != model.id:
            sections, model = convert(sections, model, wanted), wanted
    else:
        raise InvalidInputError("Give a portfolio FILE and an ENTRY, or --text-file F.")

    from portfolio.writing.coach import review_entry

    report = review_entry(sections, model=model, units=units, terms=terms, kept=kept)
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


def parse_sections(text: str, name: str, model: ReflectiveModel | None = None) -> dict[str, str]:
    """Section key -> text from a file headed with the model's titles ("Situation:",
    "Task:"... for STAR, the default; a heading may repeat: its texts are joined). Raises
    InvalidInputError when there is no heading, or when words come before the first one (they
    would belong to no section)."""
    from portfolio.domain.reflective import STAR
    from portfolio.errors import InvalidInputError

    model = model or STAR
    titles = [s.label.rstrip("?") for s in model.sections]
    headings = list(_heading_pattern(model).finditer(text))
    if not headings:
        listed = ", ".join(f"'{t}:'" for t in titles[:-1]) + f" or '{titles[-1]}:'"
        raise InvalidInputError(
            f"{name} has no section headings: start each section on its own line with {listed}."
        )
    if text[: headings[0].start()].strip():
        raise InvalidInputError(
            f"{name} has text before its first section heading; put it under '{titles[0]}:' or "
            "another heading."
        )
    by_name = {
        name.lower(): s.key
        for s in model.sections
        for name in (s.label, s.key, s.key.replace("_", " "))
    }
    sections: dict[str, str] = {}
    for i, heading in enumerate(headings):
        end = headings[i + 1].start() if i + 1 < len(headings) else len(text)
        key = by_name[heading.group(1).lower()]
        body = text[heading.end() : end].strip()
        sections[key] = f"{sections[key]}\n\n{body}".strip() if key in sections else body
    return sections


def _from_text(source: str, model: ReflectiveModel) -> dict[str, str]:
    from portfolio.cli.commands._common import read_text_input

    text, name = read_text_input(source, limit=MAX_TEXT_BYTES, what="coaching")
    return parse_sections(text, name, model)


def _from_portfolio(
    path: str, entry: str
) -> tuple[dict[str, str], str, tuple[Unit, ...], tuple[str, ...], tuple[str, ...]]:
    """The entry's sections and model, its tags' units, the term list and the kept list."""
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
        kept = tuple(pf.learner.kept_in_force())
    return dict(detail.sections), detail.model, units, terms, kept


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
