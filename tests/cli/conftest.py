"""The command-line tests' own fixture: decisions are signed with a passphrase from the
environment. (The ``cli`` runner itself is in tests/conftest.py, shared with the export tests.)"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def signing_passphrase(monkeypatch: pytest.MonkeyPatch) -> str:
    """Decisions made from the command line are signed; the passphrase comes from the
    environment (the identity is made in the test's own settings folder on first use)."""
    passphrase = "correct horse battery"
    monkeypatch.setenv("PORTFOLIO_SIGNING_PASSPHRASE", passphrase)
    return passphrase
