"""The reviewer's day from the command line (issue 13 item 7), as actions of `portfolio review`:

review FILE --reviewer NAME --role ROLE entries [--filter new|replied|awaiting] [--json]
review FILE --reviewer NAME --role ROLE seen ENTRY_ID...
review FILE --reviewer NAME --role assessor judge CRITERION_ID (met|not-yet) --reason TEXT
    --entry ENTRY_ID [--also CRITERION_ID]... [--version V]     several criteria, one step
    (CRITERION_ID "all": every criterion the entry is tagged to)
review FILE --reviewer NAME --role assessor observe --date YYYY-MM-DD --place TEXT
    --seen TEXT --criterion CRITERION_ID [--criterion ...]       a signed observation record
"""

from __future__ import annotations

import argparse
from datetime import date

from portfolio.cli.commands.reviewer import _open_as_reviewer, _open_to_decide
from portfolio.cli.output import emit_json, emit_table, emit_text
from portfolio.domain.reviewers_day import FILTERS, parse_filter


def register(actions: argparse._SubParsersAction) -> None:
    """Add the reviewer's-day actions to `portfolio review`'s ACTION parser."""
    entries = actions.add_parser(
        "entries", help="entries with new since my last review / learner replied / awaiting review"
    )
    entries.add_argument(
        "--filter",
        type=_filter,
        metavar="|".join(FILTERS),
        help="only entries with this flag",
    )
    entries.set_defaults(func=run_entries)

    seen = actions.add_parser("seen", help="record that you have read these entries now")
    seen.add_argument("entries", nargs="+", metavar="ENTRY_ID", help="entry id or reference")
    seen.set_defaults(func=run_seen)

    observe = actions.add_parser(
        "observe", help="as an assessor: record (and sign) an observation of the learner"
    )
    observe.add_argument("--date", type=_day, required=True, help="YYYY-MM-DD, when it was seen")
    observe.add_argument("--place", required=True, metavar="TEXT", help="where it took place")
    observe.add_argument("--seen", required=True, metavar="TEXT", help="what was seen")
    observe.add_argument(
        "--criterion",
        action="append",
        required=True,
        metavar="CRITERION_ID",
        help="a criterion it is evidence for (repeat for more)",
    )
    observe.set_defaults(func=run_observe)


def _filter(text: str) -> str:
    try:
        return parse_filter(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


def run_entries(args: argparse.Namespace) -> int:
    with _open_as_reviewer(args) as pf:
        flags = pf.reviewing.review_flags()
    if args.filter:
        flags = [f for f in flags if f.has(args.filter)]
    if args.json:
        emit_json([f.to_json() for f in flags])
        return 0
    if not flags:
        emit_text("No entries to show.")
        return 0
    emit_table(
        ("entry", "title", "flags"),
        ((f.ref, f.title or "untitled", ", ".join(f.words) or "-") for f in flags),
    )
    return 0


def run_seen(args: argparse.Namespace) -> int:
    with _open_as_reviewer(args) as pf:
        count = pf.reviewing.mark_seen(args.entries).value
        versions = [(e, pf.reviewing.entry_version(e)) for e in args.entries]
    if args.json:
        emit_json({"seen": count, "versions": dict(versions)})
    else:
        emit_text(f"Marked {count} entr{'y' if count == 1 else 'ies'} as read by {args.reviewer}.")
        for entry, version in versions:
            emit_text(f"{entry}: version {version}")
    return 0


def run_several(args: argparse.Namespace) -> int:
    """`judge ... --entry E3 [--also C]...`: several criteria from one entry, in one step."""
    chosen = None if args.criterion.strip().lower() == "all" else [args.criterion, *args.also]
    with _open_to_decide(args) as pf:
        result = pf.reviewing.judge_several(
            entry=args.entry,
            criteria=chosen,
            judgement=args.judgement,
            reason=args.reason,
            version=args.version,
        )
    if args.json:
        emit_json(
            {
                "entry": result.entry_ref,
                "judgement": result.judgement,
                "judged": [{"number": n, "id": i} for n, i in result.judged],
            }
        )
    else:
        decision = "met" if result.judgement == "met" else "not yet met"
        numbers = ", ".join(n for n, _ in result.judged)
        emit_text(f"From {result.entry_ref}: criteria {numbers} judged {decision}.")
    return 0


def run_observe(args: argparse.Namespace) -> int:
    with _open_to_decide(args) as pf:
        record = pf.reviewing.observe(
            observed_on=args.date, place=args.place, seen=args.seen, criteria=args.criterion
        ).value
    if args.json:
        emit_json(
            {
                "id": record.id,
                "ref": record.ref,
                "date": record.observed_on.isoformat(),
                "place": record.place,
                "seen": record.seen,
                "criteria": list(record.criteria),
                "by": record.reviewer_name,
                "signer_key": record.signer_key or None,
            }
        )
    else:
        emit_text(
            f"Observation {record.ref} recorded for {len(record.criteria)} criteri"
            f"{'on' if len(record.criteria) == 1 else 'a'}; signed with key {record.signer_key}."
        )
    return 0
