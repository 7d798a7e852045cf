"""Passphrase protection: set, change, remove, wrong passphrase, nothing readable on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio.domain.dto import LearnerDetails
from portfolio.domain.entry_input import entry_input_from_json
from portfolio.errors import PassphraseRequiredError, PortfolioError, WrongPassphraseError
from portfolio.services.portfolio import Portfolio
from portfolio.storage.backup import list_backups

SECRET = "Mrs Kowalczyk complained about the delivery"


def _all_bytes_beside(path: Path) -> bytes:
    """Everything on disk next to the portfolio: the file, its WAL, its backups."""
    blobs = []
    for candidate in path.parent.rglob("*"):
        if candidate.is_file():
            blobs.append(candidate.read_bytes())
    return b"".join(blobs)


def test_new_protected_portfolio_is_unreadable_without_the_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "p.portfolio"
    with Portfolio.create(
        path,
        learner=LearnerDetails("Kim Lee"),
        frameworks=["icq-bwrc-l2"],
        passphrase="s3cret pass",
    ) as pf:
        pf.entries.add(entry_input_from_json({"title": SECRET}))
        pf.backup()
        assert SECRET.encode() not in _all_bytes_beside(path)
    assert not path.read_bytes().startswith(b"SQLite format 3")
    with pytest.raises(PassphraseRequiredError):
        Portfolio.open(path)
    with pytest.raises(WrongPassphraseError, match="does not open"):
        Portfolio.open(path, passphrase="not it")
    with Portfolio.open(path, passphrase="s3cret pass") as pf:
        assert [e.title for e in pf.entries.list()] == [SECRET]
        assert pf.entries.search("Kowalczyk")  # the search index is inside the encrypted file


def test_set_change_and_remove_the_passphrase(portfolio_file: Path) -> None:
    with Portfolio.open(portfolio_file) as pf:
        pf.entries.add(entry_input_from_json({"title": SECRET}))
        pf.backup()  # a plain backup, made before protection
        pf.change_passphrase("first passphrase")
        assert pf.encrypted
        # Old plain backups are replaced by protected ones: no readable copy stays behind.
        assert SECRET.encode() not in _all_bytes_beside(portfolio_file)
        assert len(list_backups(portfolio_file)) == 1
        pf.entries.add(entry_input_from_json({"title": "written after protecting"}))
    with Portfolio.open(portfolio_file, passphrase="first passphrase") as pf:
        pf.change_passphrase("second passphrase")
    with pytest.raises(WrongPassphraseError):
        Portfolio.open(portfolio_file, passphrase="first passphrase")
    with Portfolio.open(portfolio_file, passphrase="second passphrase") as pf:
        assert len(pf.entries.list()) == 2
        pf.change_passphrase(None)
    with Portfolio.open(portfolio_file) as pf:
        assert not pf.encrypted
        assert {e.title for e in pf.entries.list()} == {SECRET, "written after protecting"}
        assert pf.storage.integrity_problems() == []


def test_too_short_passphrase_is_refused_and_nothing_changes(portfolio_file: Path) -> None:
    before = portfolio_file.read_bytes()[:16]
    with Portfolio.open(portfolio_file) as pf:
        with pytest.raises(PortfolioError, match="at least 8"):
            pf.change_passphrase("short")
        assert not pf.encrypted
    assert portfolio_file.read_bytes()[:16] == before


def test_backups_of_a_protected_portfolio_need_its_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "p.portfolio"
    with Portfolio.create(path, learner=LearnerDetails("Kim"), passphrase="long enough") as pf:
        backup = pf.backup()
    with pytest.raises(PassphraseRequiredError):
        Portfolio.open(backup, read_only=True)
    with Portfolio.open(backup, read_only=True, passphrase="long enough") as copy:
        assert copy.learner.get().name == "Kim"
