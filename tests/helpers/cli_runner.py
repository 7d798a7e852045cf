"""Runs the command line in-process and captures what it prints (the ``cli`` fixture of
tests/conftest.py): the exit code, stdout and stderr of one ``portfolio ...`` command."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def run_cli(capsys: pytest.CaptureFixture[str], *args: object) -> Result:
    """``portfolio ARGS...`` as main() runs it; an argparse usage error's exit is its code."""
    from portfolio.cli import main

    try:
        code = main([str(a) for a in args])
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)
