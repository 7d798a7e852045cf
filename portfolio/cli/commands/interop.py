"""`portfolio export-leap2a FILE -o OUT.zip` and `portfolio dump FILE --json`: open formats out."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from portfolio.cli.commands._common import open_portfolio
from portfolio.cli.output import emit_json, emit_table, emit_text
from portfolio.errors import PortfolioError


def register(subparsers: argparse._SubParsersAction) -> None:
    leap = subparsers.add_parser(
        "export-leap2a",
        help="a LEAP2A zip that Mahara can import (journal of entries, files, profile)",
    )
    leap.add_argument("file", help="the portfolio file")
    leap.add_argument("-o", "--output", required=True, metavar="OUT.zip", help="zip to write")
    leap.set_defaults(func=run_leap2a)

    dump = subparsers.add_parser(
        "dump", help="every table of a portfolio as JSON (attachment bytes left out)"
    )
    dump.add_argument("file", help="the portfolio file")
    dump.add_argument("--json", action="store_true", help="print the whole dump as JSON")
    dump.add_argument("-o", "--output", metavar="OUT.json", help="write the JSON dump to a file")
    dump.set_defaults(func=run_dump)


def run_leap2a(args: argparse.Namespace) -> int:
    out = Path(args.output)
    _check_output(out, ".zip")
    with open_portfolio(args.file, read_only=True) as pf:
        pf.export_leap2a(out)
    emit_text(f"Wrote {out}")
    return 0


def run_dump(args: argparse.Namespace) -> int:
    from portfolio.frameworks.export import write_atomically

    with open_portfolio(args.file, read_only=True) as pf:
        data = pf.dump()
    if args.output:
        out = Path(args.output)
        _check_output(out, ".json")
        text = json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"
        write_atomically(out, text.encode("utf-8"))
        emit_text(f"Wrote {out}")
    if args.json:
        emit_json(data)
    elif not args.output:
        emit_table(["TABLE", "ROWS"], [(name, len(rows)) for name, rows in data["tables"].items()])
    return 0


def _check_output(out: Path, suffix: str) -> None:
    if out.is_dir():
        raise PortfolioError(f"{out} is a folder; give a file name ending in {suffix}.")
    if not out.parent.is_dir():
        raise PortfolioError(f"The folder {out.parent} does not exist.")
