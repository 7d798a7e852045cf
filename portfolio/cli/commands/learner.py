"""`portfolio learner show|set FILE ...`: the learner's details the cover sheet prints.

portfolio learner show FILE [--json]
portfolio learner set FILE [--name N] [--learner-number N] [--centre C] [--centre-number N]
                           [--registration-number N] [--qualification Q] [--assessor A]
                           [--iqa I] [--employer E]
portfolio learner words FILE [--term T]... [--unterm T]... [--keep K]... [--unkeep K]... [--json]
    the two word lists for attached documents: words always removed (the term list) and words
    never removed (the kept list: not personal); a word on both is removed
"""

from __future__ import annotations

import argparse
from dataclasses import asdict

from portfolio.cli.commands._common import open_portfolio
from portfolio.cli.output import emit_json, emit_table
from portfolio.errors import InvalidInputError

# (option, field, help) in the order the cover sheet shows them.
FIELDS = (
    ("--name", "name", "the learner's full name"),
    ("--learner-number", "learner_number", "ULN or the centre's learner number"),
    ("--registration-number", "registration_number", "the awarding body's registration number"),
    ("--qualification", "qualification", "the qualification the learner is registered on"),
    ("--centre", "centre", "college or training centre"),
    ("--centre-number", "centre_number", "the centre's number with the awarding body"),
    ("--assessor", "assessor", "the learner's assessor"),
    ("--iqa", "iqa", "the internal quality assurer"),
    ("--employer", "employer", "employer (also added to the terms removed from attachments)"),
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("learner", help="show or change the learner's details")
    commands = parser.add_subparsers(dest="learner_command", metavar="ACTION", required=True)

    show = commands.add_parser("show", help="the learner's details")
    show.add_argument("file", help="the portfolio file")
    show.add_argument("--json", action="store_true", help="print the details as JSON")
    show.set_defaults(func=run_show)

    change = commands.add_parser(
        "set", help="change some of the learner's details (an empty value clears one)"
    )
    change.add_argument("file", help="the portfolio file")
    for option, field, text in FIELDS:
        change.add_argument(option, dest=field, metavar="TEXT", help=text)
    change.add_argument("--json", action="store_true", help="print the new details as JSON")
    change.set_defaults(func=run_set)

    words = commands.add_parser(
        "words",
        help="the words removed from every attached document, and the words never removed",
        description="Show, and with the options change, the two word lists every attached "
        "document is anonymised with: words always removed (the term list) and words never "
        "removed (the kept list: a product, a supplier or a place the app takes for a person). "
        "A word on both lists is removed.",
    )
    words.add_argument("file", help="the portfolio file")
    for option, text in (
        ("--term", "add a word or name to remove from every document"),
        ("--unterm", "take a word off the list of words to remove"),
        ("--keep", "add a word that is not personal, never to be removed"),
        ("--unkeep", "take a word off the list of words never removed"),
    ):
        words.add_argument(
            option, metavar="TEXT", action="append", default=[], help=f"{text} (repeatable)"
        )
    words.add_argument("--json", action="store_true", help="print both lists as JSON")
    words.set_defaults(func=run_words)


def run_show(args: argparse.Namespace) -> int:
    with open_portfolio(args.file, read_only=True) as pf:
        details = pf.learner.get()
    _print(details, args.json)
    return 0


def run_set(args: argparse.Namespace) -> int:
    changes = {field: getattr(args, field) for _, field, _ in FIELDS}
    changes = {k: v for k, v in changes.items() if v is not None}
    if not changes:
        raise InvalidInputError(
            "Nothing to change: give at least one of "
            + ", ".join(option for option, _, _ in FIELDS)
            + "."
        )
    with open_portfolio(args.file) as pf:
        details = pf.learner.update(**changes).value
    _print(details, args.json)
    return 0


def _print(details: object, as_json: bool) -> None:
    values = asdict(details)  # type: ignore[call-overload]
    if as_json:
        emit_json(values)
        return
    rows = [[option[2:], values[field] or "—"] for option, field, _ in FIELDS]
    emit_table(["detail", "value"], rows)


def run_words(args: argparse.Namespace) -> int:
    """Apply the changes asked for, all or none (terms first, so a kept word a new term covers
    is refused with the reason), then print both lists."""
    changing = args.term or args.unterm or args.keep or args.unkeep
    with open_portfolio(args.file, read_only=not changing) as pf:
        if changing:
            pf.learner.change_words(
                add_terms=args.term,
                remove_terms=args.unterm,
                add_kept=args.keep,
                remove_kept=args.unkeep,
            )
        lists = pf.learner.word_lists()
    if args.json:
        emit_json(
            {
                "remove": list(lists.remove),
                "keep": [{"text": k.text, "overridden_by": k.overridden_by} for k in lists.keep],
            }
        )
        return 0
    rows = [["remove", text] for text in lists.remove]
    rows += [
        [
            "keep",
            k.text
            if k.overridden_by is None
            else f"{k.text} (removed: {k.overridden_by!r} is on the list to remove)",
        ]
        for k in lists.keep
    ]
    emit_table(["list", "word"], rows or [["—", "both lists are empty"]])
    return 0
