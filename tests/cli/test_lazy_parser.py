"""The lazily built command line (issue #17): each run imports only its own command's module,
yet every help screen and every command behaves exactly as the whole tree does."""

from __future__ import annotations

import argparse
import importlib

import pytest

from portfolio.cli import COMMAND_MODULES, COMMAND_TABLE, _command_named, _Parser, build_parser


def _listed(parser: argparse.ArgumentParser) -> list[tuple[str, str | None]]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return [(a.dest, a.help) for a in action._choices_actions]


def _subparser(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return action.choices[name]


@pytest.mark.parametrize("module", COMMAND_MODULES)
def test_the_table_lists_what_each_module_registers(module: str) -> None:
    parser = _Parser(prog="portfolio")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    importlib.import_module(module).register(subparsers)
    assert tuple(_listed(parser)) == COMMAND_TABLE[module]


def test_the_lazy_help_screen_is_the_whole_trees() -> None:
    assert build_parser("").format_help() == build_parser().format_help()
    assert _listed(build_parser("")) == _listed(build_parser())


@pytest.mark.parametrize("command", [name for rows in COMMAND_TABLE.values() for name, _ in rows])
def test_each_commands_own_help_is_unchanged(command: str) -> None:
    whole = _subparser(build_parser(), command).format_help()
    lazy = build_parser(command)
    assert _subparser(lazy, command).format_help() == whole
    assert lazy.format_help() == build_parser().format_help()


def test_a_module_without_a_table_row_is_still_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(COMMAND_TABLE, "portfolio.cli.commands.demo")
    parser = build_parser("")
    assert ("demo", "create a realistic demo portfolio") in _listed(parser)
    assert _subparser(parser, "demo").get_default("func") is not None


def test_the_command_is_the_first_word_that_is_not_an_option() -> None:
    assert _command_named(["--help"]) == ""
    assert _command_named([]) == ""
    assert _command_named(["entry", "list", "x.portfolio"]) == "entry"
    assert _command_named(["--version", "coverage"]) == "coverage"


def test_an_unknown_command_is_one_usage_line(cli) -> None:
    result = cli("entries", "list")
    assert result.code == 2
    assert "invalid choice: 'entries'" in result.err
    assert "Traceback" not in result.err


def test_commands_still_run_through_the_lazy_parser(cli, portfolio_file, tmp_path) -> None:
    data = tmp_path / "entry.json"
    data.write_text('{"title": "Greeting a customer"}', encoding="utf-8")
    added = cli("entry", "add", portfolio_file, "--json-file", data)
    assert added.code == 0, added.err
    listed = cli("entry", "list", portfolio_file, "--json")
    assert [row["title"] for row in listed.json()] == ["Greeting a customer"]
