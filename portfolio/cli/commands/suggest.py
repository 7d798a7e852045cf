"""`portfolio suggest (FILE | --framework ID) --text-file F [--top N] [--json]`: likely criteria.

Ranks the criteria of a portfolio's enrolled frameworks, or of one bundled framework, for a piece
of text, with the same suggester the editor's tagging panel uses. With a portfolio, what its
learner's tagging taught (confirmed tags, rejected suggestions, a centre's imported weights)
moves the ranking (``--no-learning`` turns that off); where the portfolio is enrolled on two
levels, each suggestion says which level it belongs to.

The same command shares that learning: ``--export-weights OUT`` writes an anonymous term-weight
file from one or more portfolios (a centre's learners), ``--import-weights IN`` keeps one in a
portfolio so its suggestions start from the centre's experience. ``--entry E --reject C``
records that an entry does not evidence a criterion.

Imports stay inside the functions that need them: ranking against a bundled framework never
loads the storage layer, and ranking against a plain portfolio at this version's schema reads it
with the standard library (``services.quick_suggest``) instead of SQLAlchemy, so the command
answers quickly (benchmarks/bench_suggest.py).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from portfolio.frameworks.model import Framework
    from portfolio.services.portfolio import Portfolio
    from portfolio.services.suggestions import SuggestionReader
    from portfolio.writing.suggest import Suggestion

MAX_TEXT_BYTES = 1024 * 1024
_TEXT_COLUMN = 60


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "suggest", help="rank the criteria a piece of text most likely evidences"
    )
    parser.add_argument(
        "file",
        nargs="*",
        metavar="FILE",
        help="a portfolio file: rank the criteria of its enrolled frameworks (several files "
        "only with --export-weights)",
    )
    parser.add_argument(
        "--framework", metavar="ID", help="rank the criteria of this bundled framework instead"
    )
    parser.add_argument(
        "--text-file",
        metavar="F",
        help="UTF-8 text to rank criteria for ('-' reads standard input)",
    )
    parser.add_argument(
        "--top", type=_positive_int, default=5, metavar="N", help="how many (default 5)"
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help='print a list of {"id", "number", "text", "score", "level", ...}, best first',
    )
    parser.add_argument(
        "--no-learning",
        action="store_true",
        help="rank by the words alone, ignoring what the portfolio's tagging taught",
    )
    parser.add_argument(
        "--entry",
        metavar="E",
        help="the entry the text belongs to: its tags and rejected criteria are left out",
    )
    parser.add_argument(
        "--reject",
        metavar="CRITERION",
        action="append",
        default=[],
        help="with FILE and --entry: record that the entry does not evidence this criterion",
    )
    parser.add_argument(
        "--export-weights",
        type=Path,
        metavar="OUT",
        help="write what the FILEs' tagging taught as an anonymous term-weight file",
    )
    parser.add_argument(
        "--import-weights",
        type=Path,
        metavar="IN",
        help="keep a centre's term-weight file in FILE so its suggestions start from it",
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
    """Rank, reject, export or import as asked; 0 on success (also when nothing matches)."""
    from portfolio.errors import InvalidInputError

    files: list[str] = list(args.file)
    if args.export_weights or args.import_weights:
        return _share(args, files)
    if args.reject:
        return _reject(args, files)
    if bool(files) == bool(args.framework):
        raise InvalidInputError("Give either a portfolio FILE or --framework ID (one of the two).")
    if len(files) > 1:
        raise InvalidInputError(
            "Give one portfolio FILE to rank against (several only with --export-weights)."
        )
    if args.text_file is None:
        raise InvalidInputError("Give the text to rank with --text-file F ('-' for stdin).")
    if args.entry and not files:
        raise InvalidInputError("--entry needs a portfolio FILE.")
    text = read_text(args.text_file)
    if args.framework:
        from portfolio.frameworks import catalog
        from portfolio.writing.suggest import CriterionIndex

        frameworks = [catalog.get_bundled(args.framework)]
        suggestions = CriterionIndex.build(frameworks).suggest(text, top=args.top)
    else:
        frameworks, suggestions = _rank_in_portfolio(files[0], text, args)
    _print(suggestions, frameworks, as_json=args.json)
    return 0


def _rank_in_portfolio(
    path: str, text: str, args: argparse.Namespace
) -> tuple[list[Framework], list[Suggestion]]:
    from portfolio.errors import InvalidInputError
    from portfolio.services import quick_suggest

    quick = quick_suggest.read(Path(path), entry=args.entry, learn=not args.no_learning)
    if quick is not None and quick.frameworks:
        from portfolio.writing.suggest import CriterionIndex

        index = CriterionIndex.build(quick.frameworks)
        ranked = index.suggest(text, top=args.top, exclude=quick.exclude, model=quick.model)
        return quick.frameworks, ranked
    with _open_reader(path) as pf:
        frameworks = pf.enrolment.frameworks()
        if not frameworks:
            raise InvalidInputError(
                f"{Path(path).name} is not enrolled on any framework yet, so there are no "
                "criteria to rank. Enrol it first (portfolio enrol FILE ID)."
            )
        exclude: list[str] = []
        if args.entry:
            _entry_id, exclude = pf.suggestions.excluded_for(args.entry)
        suggestions = pf.suggestions.suggest(
            text, frameworks, top=args.top, exclude=exclude, learn=not args.no_learning
        )
    return frameworks, suggestions


def _open_reader(path: str) -> SuggestionReader:
    """The portfolio read-only with just what ranking needs (passphrase as open_portfolio)."""
    from portfolio.cli.commands._common import ask_passphrase
    from portfolio.errors import PassphraseRequiredError
    from portfolio.services.suggestions import SuggestionReader

    try:
        return SuggestionReader(Path(path))
    except PassphraseRequiredError:
        passphrase = ask_passphrase(f"Passphrase for {Path(path).name}: ")
        return SuggestionReader(Path(path), passphrase=passphrase)


def _reject(args: argparse.Namespace, files: list[str]) -> int:
    from portfolio.cli.commands._common import open_portfolio
    from portfolio.cli.output import emit_text
    from portfolio.errors import InvalidInputError

    if len(files) != 1 or not args.entry or args.framework:
        raise InvalidInputError("--reject needs one portfolio FILE and --entry E.")
    with open_portfolio(files[0]) as pf:
        for criterion in args.reject:
            added = pf.suggestions.reject(entry_id=args.entry, criterion=criterion).value
            emit_text(
                f"Rejected {criterion} for {args.entry}."
                if added
                else f"{criterion} was already rejected for {args.entry}."
            )
    return 0


def _share(args: argparse.Namespace, files: list[str]) -> int:
    from portfolio.cli.commands._common import open_portfolio
    from portfolio.cli.output import emit_json, emit_text
    from portfolio.errors import InvalidInputError

    if args.export_weights and args.import_weights:
        raise InvalidInputError("Give --export-weights or --import-weights, not both.")
    if args.framework or args.text_file or args.reject:
        raise InvalidInputError(
            "--export-weights and --import-weights take portfolio FILEs only (no --framework, "
            "--text-file or --reject)."
        )
    if not files:
        raise InvalidInputError("Name the portfolio FILE(s) to share weights from or into.")
    if args.import_weights:
        from portfolio.services.suggestions import read_weights_file

        if len(files) != 1:
            raise InvalidInputError("--import-weights goes into one portfolio FILE at a time.")
        document = read_weights_file(args.import_weights)
        with open_portfolio(files[0]) as pf:
            informed = pf.suggestions.import_weights(document).value
        if args.json:
            emit_json({"imported": str(args.import_weights), "criteria": informed})
        else:
            emit_text(f"Imported {args.import_weights.name}: it informs {informed} criteria.")
        return 0
    document = _export(files)
    out: Path = args.export_weights
    _write_atomically(out, document)
    count = len(document["criteria"])
    if args.json:
        emit_json({"exported": str(out), "criteria": count, "portfolios": len(files)})
    else:
        emit_text(f"Wrote {out} (weights for {count} criteria from {len(files)} portfolio(s)).")
    return 0


def _export(files: list[str]) -> dict[str, Any]:
    from portfolio.cli.commands._common import open_portfolio
    from portfolio.services.suggestions import merged_weights

    models = []
    frameworks: dict[str, Framework] = {}
    for path in files:
        pf: Portfolio
        with open_portfolio(path, read_only=True) as pf:
            models.append(pf.suggestions.model())
            for framework in pf.enrolment.frameworks():
                frameworks.setdefault(framework.id, framework)
    return merged_weights(models, list(frameworks.values()))


def _write_atomically(path: Path, document: dict[str, Any]) -> None:
    import json
    import os
    import tempfile

    from portfolio.errors import InvalidInputError

    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InvalidInputError(f"There is no folder {folder} to write {path.name} into.")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(document, stream, indent=1, ensure_ascii=False)
            stream.write("\n")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _print(suggestions: list[Suggestion], frameworks: list[Framework], *, as_json: bool) -> None:
    from portfolio.cli.output import emit_json, emit_table, emit_text

    if as_json:
        emit_json([suggestion_json(s) for s in suggestions])
        return
    if not suggestions:
        emit_text("No criteria match this text. Try writing more about what you did and why.")
        return
    several = len({s.framework_id for s in suggestions}) > 1
    levels = len({f.level for f in frameworks}) > 1
    headers = ["RANK", "SCORE", "FRAMEWORK", "LEVEL", "NUMBER", "CRITERION", "MATCHED"]
    rows = [
        [
            str(rank),
            f"{s.score:.2f}",
            s.framework_id,
            s.level,
            s.number,
            _shorten(s.text),
            ", ".join(s.matched) + (" (learned)" if s.learned else ""),
        ]
        for rank, s in enumerate(suggestions, start=1)
    ]
    drop = ([3] if not levels else []) + ([2] if not several else [])
    for column in drop:  # one framework or one level: the same value on every row is noise
        headers.pop(column)
        for row in rows:
            row.pop(column)
    emit_table(headers, rows)


def suggestion_json(suggestion: Suggestion) -> dict[str, object]:
    """The contract keys (id, number, text, score) plus where the criterion lives and why."""
    return {
        "id": suggestion.criterion_id,
        "number": suggestion.number,
        "text": suggestion.text,
        "score": suggestion.score,
        "unit_id": suggestion.unit_id,
        "framework_id": suggestion.framework_id,
        "level": suggestion.level,
        "matched": list(suggestion.matched),
        "learned": suggestion.learned,
    }


def read_text(source: str) -> str:
    """The text to rank, from a file or standard input ('-').

    Raises:
        NotFoundError: the file does not exist.
        InvalidInputError: it is too large, not UTF-8 text, or has no words in it.
    """
    from portfolio.cli.commands._common import read_text_input
    from portfolio.errors import InvalidInputError

    text, name = read_text_input(source, limit=MAX_TEXT_BYTES, what="ranking")
    if not any(ch.isalpha() for ch in text):
        raise InvalidInputError(f"{name} has no words in it to rank criteria for.")
    return text


def _shorten(text: str) -> str:
    return text if len(text) <= _TEXT_COLUMN else text[: _TEXT_COLUMN - 1].rstrip() + "…"
