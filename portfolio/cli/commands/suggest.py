"""`portfolio suggest (FILE | --framework ID) --text-file F [--top N] [--json]`: likely criteria.

Ranks the criteria of a portfolio's enrolled frameworks, or of one bundled framework, for a piece
of text, with the same suggester the editor's tagging panel uses.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from portfolio.cli.commands._common import open_portfolio, read_text_input
from portfolio.cli.output import emit_json, emit_table, emit_text
from portfolio.errors import InvalidInputError
from portfolio.frameworks import catalog
from portfolio.frameworks.model import Framework
from portfolio.writing.suggest import CriterionIndex, Suggestion

MAX_TEXT_BYTES = 1024 * 1024
_TEXT_COLUMN = 60


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "suggest", help="rank the criteria a piece of text most likely evidences"
    )
    parser.add_argument(
        "file", nargs="?", help="a portfolio file: rank the criteria of its enrolled frameworks"
    )
    parser.add_argument(
        "--framework", metavar="ID", help="rank the criteria of this bundled framework instead"
    )
    parser.add_argument(
        "--text-file",
        required=True,
        metavar="F",
        help="UTF-8 text to rank criteria for ('-' reads standard input)",
    )
    parser.add_argument(
        "--top", type=_positive_int, default=5, metavar="N", help="how many (default 5)"
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help='print a list of {"id", "number", "text", "score", ...}, best first',
    )
    parser.set_defaults(func=run)


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def run(args: argparse.Namespace) -> int:
    """Print the ranked criteria; 0 on success (also when nothing matches)."""
    if bool(args.file) == bool(args.framework):
        raise InvalidInputError("Give either a portfolio FILE or --framework ID (one of the two).")
    text = read_text(args.text_file)
    frameworks = _frameworks(args)
    suggestions = CriterionIndex.build(frameworks).suggest(text, top=args.top)
    if args.json:
        emit_json([suggestion_json(s) for s in suggestions])
        return 0
    if not suggestions:
        emit_text("No criteria match this text. Try writing more about what you did and why.")
        return 0
    several = len({s.framework_id for s in suggestions}) > 1
    headers = ["RANK", "SCORE", "FRAMEWORK", "NUMBER", "CRITERION", "MATCHED"]
    rows = [
        [
            str(rank),
            f"{s.score:.2f}",
            s.framework_id,
            s.number,
            _shorten(s.text),
            ", ".join(s.matched),
        ]
        for rank, s in enumerate(suggestions, start=1)
    ]
    if not several:  # one framework: its id on every row is noise
        headers.pop(2)
        for row in rows:
            row.pop(2)
    emit_table(headers, rows)
    return 0


def suggestion_json(suggestion: Suggestion) -> dict[str, object]:
    """The contract keys (id, number, text, score) plus where the criterion lives and why."""
    return {
        "id": suggestion.criterion_id,
        "number": suggestion.number,
        "text": suggestion.text,
        "score": suggestion.score,
        "unit_id": suggestion.unit_id,
        "framework_id": suggestion.framework_id,
        "matched": list(suggestion.matched),
    }


def read_text(source: str) -> str:
    """The text to rank, from a file or standard input ('-').

    Raises:
        NotFoundError: the file does not exist.
        InvalidInputError: it is too large, not UTF-8 text, or has no words in it.
    """
    text, name = read_text_input(source, limit=MAX_TEXT_BYTES, what="ranking")
    if not any(ch.isalpha() for ch in text):
        raise InvalidInputError(f"{name} has no words in it to rank criteria for.")
    return text


def _frameworks(args: argparse.Namespace) -> list[Framework]:
    if args.framework:
        return [catalog.get_bundled(args.framework)]
    with open_portfolio(args.file, read_only=True) as pf:
        frameworks = pf.enrolment.frameworks()
    if not frameworks:
        raise InvalidInputError(
            f"{Path(args.file).name} is not enrolled on any framework yet, so there are no "
            "criteria to rank. Enrol it first (portfolio enrol FILE ID)."
        )
    return frameworks


def _shorten(text: str) -> str:
    return text if len(text) <= _TEXT_COLUMN else text[: _TEXT_COLUMN - 1].rstrip() + "…"
