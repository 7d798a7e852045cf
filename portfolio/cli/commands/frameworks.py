"""`portfolio frameworks list|show|export|import`: bundled and imported qualification
frameworks."""

from __future__ import annotations

import argparse

from portfolio.cli.output import emit_json, emit_table, emit_text
from portfolio.errors import PortfolioError
from portfolio.frameworks import catalog
from portfolio.frameworks.export import KINDS
from portfolio.frameworks.model import Criterion, Framework


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
    shown_as = show.add_mutually_exclusive_group()
    shown_as.add_argument("--json", action="store_true", help="print the framework's JSON document")
    shown_as.add_argument(
        "--matrix", action="store_true", help="print it as a Mahara SmartEvidence .matrix file"
    )
    show.set_defaults(func=run_show)

    export = sub.add_parser(
        "export",
        help="write a framework as our JSON, CSV or a Mahara SmartEvidence .matrix",
        description=(
            "Write a bundled or imported framework to a file: our JSON, the CSV layout, or a "
            "Mahara .matrix (Admin > Extensions > SmartEvidence > Import in Mahara). The format "
            "comes from --format, else from the file name's suffix."
        ),
    )
    export.add_argument("id", help="framework id (see `portfolio frameworks list`)")
    export.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write")
    export.add_argument("--format", choices=KINDS, help="json, csv or matrix (default: suffix)")
    export.set_defaults(func=run_export)

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
    if args.matrix:
        from portfolio.frameworks.matrix_export import to_matrix

        emit_json(to_matrix(framework))
        return 0
    emit_text(f"{framework.title} (Level {framework.level}, version {framework.version})")
    if framework.derived:
        emit_text("  Title and outcomes derived by the project from the seed text.")
    for unit in framework.units:
        emit_text(f"\nUnit {unit.ref}: {unit.title}")
        for outcome in unit.outcomes:
            emit_text(f"  LO{outcome.number}  {_named(outcome.short_name, outcome.text)}")
            depth = {c.id: (depth_of(c, outcome.criteria)) for c in outcome.criteria}
            for criterion in outcome.criteria:
                indent = "  " * depth[criterion.id]
                text = _named(criterion.short_name, criterion.text)
                emit_text(f"    {indent}{criterion.number:<6} {text}")
    if framework.status_labels:
        emit_text("\nStatus labels: " + "; ".join(f"{k}: {v}" for k, v in framework.status_labels))
    return 0


def run_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from portfolio.frameworks.export import kind_for, write_framework

    framework = catalog.get_framework(args.id)
    out = Path(args.output)
    if out.is_dir():
        raise PortfolioError(f"{out} is a folder; give a file name to write.")
    if not out.parent.is_dir():
        raise PortfolioError(f"The folder {out.parent} does not exist.")
    kind = args.format or kind_for(out)
    try:
        write_framework(framework, out, kind=kind)
    except OSError as exc:
        raise PortfolioError(f"Could not write {out}: {exc.strerror or exc}") from None
    emit_text(f"Wrote {out} ({kind})")
    if kind == "matrix":
        from portfolio.frameworks.matrix_export import unmapped_rules

        for line in unmapped_rules(framework):
            emit_text(f"Not in the .matrix (Mahara has no evidence rules): {line}")
    return 0


def depth_of(criterion: Criterion, siblings: tuple[Criterion, ...]) -> int:
    """How many parents up a criterion sits (0 at the top)."""
    by_id = {c.id: c for c in siblings}
    depth, node = 0, criterion
    while node.parent in by_id and depth < len(siblings):
        node, depth = by_id[node.parent], depth + 1
    return depth


def _named(short_name: str, text: str) -> str:
    return f"[{short_name}] {text}" if short_name else text
