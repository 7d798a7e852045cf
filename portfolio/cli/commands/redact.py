"""`portfolio entry redact FILE ENTRY`: personal data typed into an entry, replaced or kept.

    portfolio entry redact FILE ENTRY [--text TEXT] [--with WORDS | --keep] [--dry-run] [--json]

Without options every flagged item in the entry that the learner has not kept is replaced by
its proposal ("Mrs Okafor" -> "the customer", a phone number removed; a replacement chosen
before for the same item comes first). ``--text`` picks one item, ``--with`` says what to put
instead, ``--keep`` keeps the item on purpose (the export check and the exports then let it
through), ``--dry-run`` only shows what would happen. Each replacement is an ordinary entry edit,
so a judgement made on the entry becomes stale, as after any edit.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from portfolio.cli.commands._common import open_portfolio
from portfolio.cli.output import emit_json, emit_text
from portfolio.errors import InvalidInputError

if TYPE_CHECKING:
    # The personal-data detectors behind these are imported only when `entry redact` runs:
    # `entry list` registers this parser too (issue #17).
    from portfolio.export.check import Problem


def register(sub: argparse._SubParsersAction) -> None:
    redact = sub.add_parser(
        "redact",
        help="replace (or keep) personal data typed into an entry",
        description="Replace each piece of personal data flagged in an entry with a proposal "
        "such as 'the customer' (phone numbers and e-mail addresses are removed), or keep it "
        "on purpose with --keep. Exports refuse entries with flagged items that are neither.",
    )
    redact.add_argument("file", help="the portfolio file")
    redact.add_argument("entry", help="entry id or reference such as E3")
    redact.add_argument(
        "--text", metavar="TEXT", help="only the flagged item with this text (e.g. 'Mrs Okafor')"
    )
    action = redact.add_mutually_exclusive_group()
    action.add_argument(
        "--with",
        dest="replacement",
        metavar="WORDS",
        help='put WORDS in its place ("" removes it); default: the proposal',
    )
    action.add_argument(
        "--keep", action="store_true", help="keep the item on purpose instead of replacing it"
    )
    redact.add_argument(
        "--dry-run", action="store_true", help="show what would be done; change nothing"
    )
    redact.add_argument("--json", action="store_true", help="print what was done as JSON")
    redact.set_defaults(func=run_redact)


def run_redact(args: argparse.Namespace) -> int:
    with open_portfolio(args.file, read_only=args.dry_run) as pf:
        flags = pf.export_check.flags(args.entry)
        ref = pf.entries.get(args.entry).ref
        chosen = _select(flags, args.text, ref)
        done: list[dict[str, object]] = []
        # From the end of each text backwards, so the spans still to do stay where they are.
        for problem in sorted(chosen, key=lambda p: (p.section or "", -(p.span or (0, 0))[0])):
            words = problem.replacement if args.replacement is None else args.replacement
            action = "keep" if args.keep else "replace"
            if not args.dry_run:
                if args.keep:
                    pf.export_check.keep(
                        entry_id=problem.entry or "", text=problem.text, category=problem.category
                    )
                else:
                    start, end = problem.span or (0, 0)
                    pf.export_check.replace(
                        entry_id=problem.entry or "",
                        section=problem.section or "",
                        start=start,
                        end=end,
                        text=problem.text,
                        replacement=words,
                    )
            done.append(
                {
                    "entry": problem.entry,
                    "entry_ref": ref,
                    "section": problem.section,
                    "text": problem.text,
                    "category": problem.category,
                    "action": action,
                    "replacement": None if args.keep else words,
                    "done": not args.dry_run,
                }
            )
    done.sort(key=lambda d: str(d["text"]))
    if args.json:
        emit_json(done)
        return 0
    if not done:
        emit_text(f"{ref} has no personal data to replace or keep.")
        return 0
    verb = (
        {"keep": "would keep", "replace": "would replace"}
        if args.dry_run
        else {
            "keep": "kept",
            "replace": "replaced",
        }
    )
    for item in done:
        if item["action"] == "keep":
            emit_text(f"{ref} {item['section']}: {verb['keep']} '{item['text']}'")
        else:
            instead = f"'{item['replacement']}'" if item["replacement"] else "nothing (removed)"
            emit_text(f"{ref} {item['section']}: {verb['replace']} '{item['text']}' with {instead}")
    return 0


def _select(flags: list[Problem], text: str | None, ref: str) -> list[Problem]:
    if text is None:
        return flags
    from portfolio.export.redaction import text_key

    key = text_key(text)
    chosen = [p for p in flags if p.key == key]
    if not chosen:
        listed = ", ".join(dict.fromkeys(f"'{p.text}'" for p in flags)) or "nothing"
        raise InvalidInputError(f"{ref} has no flagged item '{text}' (flagged: {listed}).")
    return chosen
