"""`portfolio frameworks list|show|import`: bundled and imported qualification frameworks."""

from __future__ import annotations

import argparse

from portfolio.cli.output import emit_json, emit_table, emit_text
from portfolio.frameworks import catalog
from portfolio.frameworks.model import Framework


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("frameworks", help="list and show qualification frameworks")
    sub = parser.add_subparsers(dest="frameworks_command", metavar="ACTION", required=True)

    list_parser = sub.add_parser(
        "list", help="bundled and imported frameworks: id, title, level, units"
    )
    list_parser.add_argument("--json", action="store_true", help="print JSON")
    list_parser.set_defaults(func=run_list)

    show = sub.add_parser("show", help="one framework's units, outcomes and criteria")
    show.add_argument("id", help="framework id (see `portfolio frameworks list`)")
    show.add_argument("--json", action="store_true", help="print the framework's JSON document")
    show.set_defaults(func=run_show)

    from portfolio.cli.commands.framework_import import register_import

    register_import(sub)


def framework_summary(framework: Framework) -> dict[str, object]:
    return {
        "id": framework.id,
        "title": framework.title,
        "level": framework.level,
        "version": framework.version,
        "units": [{"id": u.id, "ref": u.ref, "title": u.title} for u in framework.units],
        "criteria": sum(1 for _ in framework.criteria()),
        "derived": framework.derived,
        "source": "bundled" if catalog.is_bundled(framework.id) else "imported",
    }


def run_list(args: argparse.Namespace) -> int:
    frameworks = catalog.all_frameworks()
    if args.json:
        emit_json([framework_summary(f) for f in frameworks])
        return 0
    emit_table(
        ["ID", "LEVEL", "UNITS", "CRITERIA", "TITLE"],
        [(f.id, f.level, len(f.units), sum(1 for _ in f.criteria()), f.title) for f in frameworks],
    )
    return 0


def run_show(args: argparse.Namespace) -> int:
    framework = catalog.get_framework(args.id)
    if args.json:
        emit_json(framework.raw)
        return 0
    emit_text(f"{framework.title} (Level {framework.level}, version {framework.version})")
    if framework.derived:
        emit_text("  Title and outcomes derived by the project from the seed text.")
    for unit in framework.units:
        emit_text(f"\nUnit {unit.ref}: {unit.title}")
        for outcome in unit.outcomes:
            emit_text(f"  LO{outcome.number}  {outcome.text}")
            for criterion in outcome.criteria:
                emit_text(f"    {criterion.number:<6} {criterion.text}")
    return 0
