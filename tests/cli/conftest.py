"""Run the CLI in-process and capture what it prints."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from portfolio.cli import main


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    def run(*args: str) -> Result:
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture(autouse=True)
def signing_passphrase(monkeypatch: pytest.MonkeyPatch) -> str:
    """Decisions made from the command line are signed; the passphrase comes from the
    environment (the identity is made in the test's own settings folder on first use)."""
    passphrase = "correct horse battery"
    monkeypatch.setenv("PORTFOLIO_SIGNING_PASSPHRASE", passphrase)
    return passphrase
