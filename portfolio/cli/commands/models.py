"""`portfolio models list [--json]`: the reflective models an entry can be written in.

JSON: ``[{"id", "name", "sections": [{"key", "title"}]}]`` (DESIGN.md), plus each model's
summary and each section's prompt and hint, the words the editor shows.
"""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "models", help="reflective models for entries: STAR, Gibbs, Kolb, Driscoll"
    )
    sub = parser.add_subparsers(dest="models_command", metavar="ACTION", required=True)
    listing = sub.add_parser("list", help="every reflective model and its sections")
    listing.add_argument(
        "--json",
        action="store_true",
        help='print [{"id", "name", "sections": [{"key", "title"}]}]',
    )
    listing.set_defaults(func=run_list)


def run_list(args: argparse.Namespace) -> int:
    from portfolio.cli.output import emit_json, emit_text
    from portfolio.domain.reflective import MODELS

    if args.json:
        emit_json([model.to_json() for model in MODELS])
        return 0
    for model in MODELS:
        emit_text(f"{model.id:<9} {model.name}")
        emit_text(f"          {' · '.join(s.label for s in model.sections)}")
    return 0
