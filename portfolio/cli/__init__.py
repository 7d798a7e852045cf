"""The ``portfolio`` command line: an argparse tree whose commands call the services.

Each module in ``portfolio.cli.commands`` has ``register(subparsers)``, which adds its parsers
and sets ``func`` (``func(args) -> int``) on each. A PortfolioError becomes one line on stderr
and a non-zero exit code; a traceback only ever means a bug.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from portfolio import __version__
from portfolio.errors import PortfolioError

# Order here is the order in `portfolio --help`.
COMMAND_MODULES = [
    "portfolio.cli.commands.new",
    "portfolio.cli.commands.frameworks",
    "portfolio.cli.commands.enrol",
    "portfolio.cli.commands.entry",
    "portfolio.cli.commands.tag",
    "portfolio.cli.commands.coverage",
    "portfolio.cli.commands.export",
    "portfolio.cli.commands.check",
    "portfolio.cli.commands.backup",
    "portfolio.cli.commands.passphrase",
    "portfolio.cli.commands.demo",
    "portfolio.cli.commands.suggest",
    "portfolio.cli.commands.coach",
    "portfolio.cli.commands.anonymise",
    "portfolio.cli.commands.attach",
    "portfolio.cli.commands.review",
    "portfolio.cli.commands.merge",
    "portfolio.cli.commands.roster",
    "portfolio.cli.commands.group",
    "portfolio.cli.commands.interop",
    "portfolio.cli.commands.leap2a_import",
    "portfolio.cli.commands.otj",
    "portfolio.cli.commands.learner",
]


# Commands whose start-up is part of what they are measured on (`portfolio suggest` answers
# well under half a second): named first, only their own module is loaded, not every command's
# imports. `portfolio --help` still lists everything.
FAST_COMMANDS = {
    "suggest": "portfolio.cli.commands.suggest",
    "coach": "portfolio.cli.commands.coach",
}


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in the same one-line style as everything else."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"portfolio: error: {message}\n")
        raise SystemExit(2)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command tree, or with ``only`` (a module name) just that command's."""
    parser = _Parser(
        prog="portfolio",
        description="Offline e-portfolio builder for NVQ / RQF learners, tutors and assessors.",
    )
    parser.add_argument("--version", action="version", version=f"portfolio {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    subparsers.required = True
    for name in [only] if only else COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the process exit code."""
    from portfolio import paths
    from portfolio.cli.output import error

    paths.apply_portable_environment()
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(FAST_COMMANDS.get(arguments[0]) if arguments else None)
    args = parser.parse_args(arguments)
    try:
        return int(args.func(args) or 0)
    except PortfolioError as exc:
        error(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        error("interrupted")
        return 130
    except BrokenPipeError:
        return 0
