"""The ``portfolio`` command line: an argparse tree whose commands call the services.

Each module in ``portfolio.cli.commands`` has ``register(subparsers)``, which adds its parsers
and sets ``func`` (``func(args) -> int``) on each. A PortfolioError becomes one line on stderr
and a non-zero exit code; a traceback only ever means a bug.

Start-up is part of every command's speed (issue #17: ``portfolio --help`` within 0.15 s of
CPU), so the parser is built from a table of command names and help lines: only the module of
the command being run is imported, the others are listed by name. A test keeps the table equal
to what the modules register. A module in COMMAND_MODULES without a table row is imported as
before, so a new command works before its row is added.
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
    "portfolio.cli.commands.models",
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

# module -> the top-level commands it registers, with their help lines, in its order.
COMMAND_TABLE: dict[str, tuple[tuple[str, str], ...]] = {
    "portfolio.cli.commands.new": (("new", "create a new portfolio file"),),
    "portfolio.cli.commands.frameworks": (
        ("frameworks", "list and show qualification frameworks"),
    ),
    "portfolio.cli.commands.enrol": (
        ("enrol", "enrol a portfolio on a bundled framework (copied into the file)"),
    ),
    "portfolio.cli.commands.entry": (
        ("entry", "add, list, show, update and delete entries; restore them from the bin"),
    ),
    "portfolio.cli.commands.tag": (
        ("tag", "tag an entry to a criterion, saying how it meets it"),
        ("untag", "remove a tag from an entry"),
    ),
    "portfolio.cli.commands.coverage": (
        ("coverage", "which criteria have evidence, which are met, and what is missing"),
    ),
    "portfolio.cli.commands.export": (
        ("export", "write the submission PDF, or check it first (--check)"),
        ("pack", "write the evidence package: PDF, anonymised attachments and manifest"),
        ("verify", "check an evidence package offline; non-zero if anything changed"),
    ),
    "portfolio.cli.commands.check": (
        ("check", "check a portfolio for damage; name the newest good backup if it is damaged"),
    ),
    "portfolio.cli.commands.backup": (
        ("backup", "back up a portfolio now, or list its backups"),
        ("restore", "put a backup in place of a portfolio (the current file is kept aside)"),
    ),
    "portfolio.cli.commands.passphrase": (
        ("passphrase", "set, change or remove a portfolio's passphrase (whole-file encryption)"),
    ),
    "portfolio.cli.commands.demo": (("demo", "create a realistic demo portfolio"),),
    "portfolio.cli.commands.suggest": (
        ("suggest", "rank the criteria a piece of text most likely evidences"),
    ),
    "portfolio.cli.commands.coach": (
        ("coach", "the reflection coach's reading of an entry: depth level and findings"),
    ),
    "portfolio.cli.commands.models": (
        ("models", "reflective models for entries: STAR, Gibbs, Kolb, Driscoll"),
    ),
    "portfolio.cli.commands.anonymise": (
        ("anonymise", "remove personal data from a document (.txt .md .docx .pdf .png .jpg)"),
    ),
    "portfolio.cli.commands.attach": (
        ("attach", "anonymise a workplace document and attach it to an entry"),
        ("attachments", "list the attached documents and the entries that use them"),
    ),
    "portfolio.cli.commands.review": (
        ("review", "as a tutor, assessor or IQA: comment, judge criteria or sign off a unit"),
        ("feedback", "show the feedback on a portfolio's entries"),
        ("reply", "as the learner, reply to a comment"),
    ),
    "portfolio.cli.commands.merge": (
        (
            "merge",
            "import comments, judgements, sign-offs and IQA samples from a reviewed copy; "
            "reports what was added, skipped (with why) and the conflicts",
        ),
    ),
    "portfolio.cli.commands.roster": (
        ("roster", "signing keys and the centre roster of reviewers (names, roles, keys)"),
    ),
    "portfolio.cli.commands.group": (
        ("group", "overview of a folder of portfolios: coverage, judgements, awaiting review"),
    ),
    "portfolio.cli.commands.interop": (
        (
            "export-leap2a",
            "a LEAP2A zip that Mahara can import (journal of entries, files, profile)",
        ),
        ("dump", "every table of a portfolio as JSON (attachment bytes left out)"),
    ),
    "portfolio.cli.commands.leap2a_import": (
        (
            "import-leap2a",
            "a new portfolio from a Mahara LEAP2A export (journal posts, files, tags)",
        ),
    ),
    "portfolio.cli.commands.otj": (("otj", "the off-the-job training log (apprentices)"),),
    "portfolio.cli.commands.learner": (("learner", "show or change the learner's details"),),
}


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in the same one-line style as everything else."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"portfolio: error: {message}\n")
        raise SystemExit(2)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command tree.

    With ``command`` None every command module is imported and registered (the whole tree).
    With a command name only that command's module is imported; the others (all of them, for
    ``""``) are listed by name and help line, which is all ``portfolio --help`` shows.
    """
    parser = _Parser(
        prog="portfolio",
        description="Offline e-portfolio builder for NVQ / RQF learners, tutors and assessors.",
    )
    parser.add_argument("--version", action="version", version=f"portfolio {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    subparsers.required = True
    for module in COMMAND_MODULES:
        listed = COMMAND_TABLE.get(module)
        if command is None or listed is None or any(name == command for name, _ in listed):
            importlib.import_module(module).register(subparsers)
        else:
            for name, help_line in listed:
                subparsers.add_parser(name, help=help_line)
    return parser


def _command_named(arguments: Sequence[str]) -> str:
    """The command the arguments run ("" when none is named, as in ``portfolio --help``)."""
    for argument in arguments:
        if not argument.startswith("-"):
            return argument
    return ""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the process exit code."""
    from portfolio import paths
    from portfolio.cli.output import error

    paths.apply_portable_environment()
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_command_named(arguments))
    args = parser.parse_args(arguments)
    # No argv: this command is the whole process (``python -m portfolio``, the ``portfolio``
    # script), so it may set process-wide things such as the collector (commands/export.py).
    args.whole_process = argv is None
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
