"""`portfolio entry add|list|show|update|delete`: entries as JSON, for scripting."""

from __future__ import annotations

import argparse
from pathlib import Path

from portfolio.cli.commands._common import open_portfolio, read_json_input
from portfolio.cli.output import emit_json, emit_table, emit_text
from portfolio.domain.entry_input import entry_input_from_json
from portfolio.domain.reflective import get_model
from portfolio.errors import InvalidInputError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "entry", help="add, list, show, update and delete entries; restore them from the bin"
    )
    sub = parser.add_subparsers(dest="entry_command", metavar="ACTION", required=True)

    add = sub.add_parser(
        "add",
        help="add an entry from JSON",
        description="Add an entry from a JSON object: title, event_date (YYYY-MM-DD), method, "
        "hours, status (draft|ready), situation, task, action, result, reflection, witness "
        "{name, job_title, relationship}, tags [{criterion_id, justification}]; or model "
        "(star, gibbs, kolb, driscoll: `portfolio models list`) with sections {KEY: TEXT}. "
        "Prints the new entry as JSON.",
    )
    add.add_argument("file", help="the portfolio file")
    add.add_argument(
        "--json-file",
        default="-",
        metavar="F",
        help="read the entry from F (default: standard input)",
    )
    add.add_argument("--title", help="set or override the title")
    add.set_defaults(func=run_add)

    list_parser = sub.add_parser("list", help="every entry")
    list_parser.add_argument("file", help="the portfolio file")
    list_parser.add_argument(
        "--json", action="store_true", help='print [{"id", "ref", "title", "status", ...}]'
    )
    list_parser.add_argument(
        "--bin", action="store_true", help="list the entries in the bin instead"
    )
    list_parser.set_defaults(func=run_list)

    show = sub.add_parser("show", help="one entry in full")
    show.add_argument("file", help="the portfolio file")
    show.add_argument("entry", help="entry id or reference such as E3")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(func=run_show)

    update = sub.add_parser("update", help="change fields of an entry from JSON")
    update.add_argument("file", help="the portfolio file")
    update.add_argument("entry", help="entry id or reference such as E3")
    update.add_argument(
        "--json-file",
        default="-",
        metavar="F",
        help="read the changed fields from F (default: standard input)",
    )
    update.set_defaults(func=run_update)

    delete = sub.add_parser("delete", help="move an entry to the bin")
    delete.add_argument("file", help="the portfolio file")
    delete.add_argument("entry", help="entry id or reference such as E3")
    delete.set_defaults(func=run_delete)

    restore = sub.add_parser("restore", help="bring an entry back from the bin")
    restore.add_argument("file", help="the portfolio file")
    restore.add_argument("entry", help="entry id or reference such as E3")
    restore.set_defaults(func=run_restore)

    empty = sub.add_parser(
        "empty-bin",
        help="remove the entries in the bin for good",
        description="Remove entries in the bin for good, with their tags and attachments. "
        "Nothing else ever empties the bin. Needs --yes.",
    )
    empty.add_argument("file", help="the portfolio file")
    empty.add_argument("entries", nargs="*", help="only these entries (default: all in the bin)")
    empty.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")
    empty.set_defaults(func=run_empty_bin)

    from portfolio.cli.commands import redact

    redact.register(sub)


def run_add(args: argparse.Namespace) -> int:
    data = read_json_input(args.json_file)
    if args.title is not None and isinstance(data, dict):
        data["title"] = args.title
    entry_input = entry_input_from_json(data)  # validate before opening the file
    with open_portfolio(args.file) as pf:
        detail = pf.entries.add(entry_input).value
    emit_json(detail.to_json())
    return 0


def run_list(args: argparse.Namespace) -> int:
    # A plain file at this version's schema is read without SQLAlchemy (issue #17); any other
    # file goes through Portfolio.open, which migrates, refuses or asks for the passphrase.
    from portfolio.services.plain_reads import entry_listing

    listing = entry_listing(Path(args.file), binned=args.bin, with_writing=args.json)
    if listing is not None:
        entries, writing = listing
    else:
        with open_portfolio(args.file, read_only=True) as pf:
            entries = pf.entries.list(binned=args.bin)
            writing = pf.entries.writing() if args.json else {}
    if args.json:
        rows = []
        for e in entries:
            row: dict[str, object] = {
                "id": e.id,
                "ref": e.ref,
                "title": e.title,
                "status": e.status,
                "event_date": e.event_date.isoformat() if e.event_date else None,
                "method": e.method,
                "hours": e.hours,
                "criteria": e.criteria_count,
                "updated_at": e.updated_at.isoformat(),
            }
            model, sections = writing.get(e.id, ("star", {}))
            row["model"] = model
            row["sections"] = sections
            if args.bin and e.deleted_at is not None:
                row["deleted_at"] = e.deleted_at.isoformat()
            rows.append(row)
        emit_json(rows)
        return 0
    if args.bin and not entries:
        emit_text("The bin is empty.")
        return 0
    emit_table(
        ["REF", "DATE", "STATUS", "CRITERIA", "TITLE"],
        [
            (
                e.ref,
                e.event_date.isoformat() if e.event_date else "-",
                e.status,
                e.criteria_count,
                e.title,
            )
            for e in entries
        ],
    )
    return 0


def run_show(args: argparse.Namespace) -> int:
    with open_portfolio(args.file, read_only=True) as pf:
        detail = pf.entries.get(args.entry)
    if args.json:
        emit_json(detail.to_json())
        return 0
    date = detail.event_date.isoformat() if detail.event_date else "no date"
    emit_text(f"{detail.ref}  {detail.title or '(untitled)'}")
    emit_text(f"{date} · {detail.method.replace('_', ' ')} · {detail.hours:g} h · {detail.status}")
    if detail.witness.name:
        emit_text(
            f"Witness: {detail.witness.name}, {detail.witness.job_title} "
            f"({detail.witness.relationship})"
        )
    model = get_model(detail.model)
    if model.id != "star":
        emit_text(f"Written with {model.name}")
    for section in model.sections:
        emit_text(f"\n{section.label}\n{detail.sections.get(section.key) or '(empty)'}")
    if detail.tags:
        emit_text("\nCriteria")
        for tag in detail.tags:
            emit_text(f"  {tag.number:<6} {tag.justification or '(no justification yet)'}")
    return 0


def run_update(args: argparse.Namespace) -> int:
    entry_input = entry_input_from_json(read_json_input(args.json_file))
    with open_portfolio(args.file) as pf:
        detail = pf.entries.update_from_input(pf.entries.resolve_id(args.entry), entry_input).value
    emit_json(detail.to_json())
    return 0


def run_delete(args: argparse.Namespace) -> int:
    with open_portfolio(args.file) as pf:
        ref = pf.entries.get(args.entry).ref
        pf.entries.delete(args.entry)
    emit_text(f"Moved {ref} to the bin (portfolio entry restore brings it back).")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    with open_portfolio(args.file) as pf:
        pf.entries.restore(args.entry)
        ref = pf.entries.get(args.entry).ref
    emit_text(f"Restored {ref} from the bin.")
    return 0


def run_empty_bin(args: argparse.Namespace) -> int:
    if not args.yes:
        raise InvalidInputError(
            "Emptying the bin removes its entries for good; add --yes to confirm."
        )
    with open_portfolio(args.file) as pf:
        ids = [pf.entries.resolve_id(entry) for entry in args.entries] if args.entries else None
        removed = pf.entries.empty_bin(ids).value
    emit_text(f"Removed {removed} entr{'y' if removed == 1 else 'ies'} from the bin for good.")
    return 0
