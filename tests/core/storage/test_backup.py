"""Backups: rotation, restore keeping the current file aside, damaged-file detection."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from portfolio.domain.entry_input import entry_input_from_json
from portfolio.errors import PortfolioError
from portfolio.services.portfolio import Portfolio
from portfolio.storage import backup


def test_backup_is_a_complete_portfolio(portfolio_file: Path) -> None:
    with Portfolio.open(portfolio_file) as pf:
        pf.entries.add(entry_input_from_json({"title": "Keep me safe"}))
        copy = pf.backup()
    assert copy.parent == backup.backup_dir(portfolio_file)
    with Portfolio.open(copy, read_only=True) as restored:
        assert [e.title for e in restored.entries.list()] == ["Keep me safe"]


def test_only_the_newest_backups_are_kept(portfolio_file: Path) -> None:
    with Portfolio.open(portfolio_file) as pf:
        for _ in range(4):
            backup.make_backup(pf.storage, keep=3)
    assert len(backup.list_backups(portfolio_file)) == 3


def test_automatic_backup_waits_for_its_interval(portfolio_file: Path) -> None:
    with Portfolio.open(portfolio_file) as pf:
        assert pf.backup_if_due() is not None
        assert pf.backup_if_due() is None


def test_restore_keeps_the_replaced_file(portfolio_file: Path) -> None:
    with Portfolio.open(portfolio_file) as pf:
        pf.entries.add(entry_input_from_json({"title": "Before"}))
        good = pf.backup()
        pf.entries.add(entry_input_from_json({"title": "After"}))
    aside = backup.restore(good, portfolio_file)
    assert aside is not None
    with Portfolio.open(portfolio_file) as pf:
        assert [e.title for e in pf.entries.list()] == ["Before"]
    with Portfolio.open(aside, read_only=True) as old:
        assert [e.title for e in old.entries.list()] == ["Before", "After"]


@pytest.mark.parametrize("damage", ["truncated", "overwritten", "wrong file"])
def test_damaged_file_is_detected_and_the_newest_good_backup_found(
    portfolio_file: Path, damage: str
) -> None:
    with Portfolio.open(portfolio_file) as pf:
        pf.entries.add(entry_input_from_json({"title": "Precious"}))
        good = pf.backup()
    data = portfolio_file.read_bytes()
    if damage == "truncated":
        portfolio_file.write_bytes(data[: len(data) // 3])
    elif damage == "overwritten":
        portfolio_file.write_bytes(data[:4096] + b"\x00\xde\xad" * 3000 + data[4096 + 9000 :])
    else:
        portfolio_file.write_bytes(b"PK\x03\x04 this is a zip, not a portfolio" * 100)
    problems = backup.backup_problems(portfolio_file)
    assert problems
    assert backup.newest_good_backup(portfolio_file) == good


def test_a_damaged_backup_cannot_be_restored(portfolio_file: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.portfolio"
    bad.write_bytes(b"nonsense")
    before = portfolio_file.read_bytes()
    with pytest.raises(PortfolioError, match="cannot be restored"):
        backup.restore(bad, portfolio_file)
    assert portfolio_file.read_bytes() == before


def test_newest_good_backup_skips_a_damaged_one(portfolio_file: Path) -> None:
    with Portfolio.open(portfolio_file) as pf:
        older = pf.backup()
        newer = backup.make_backup(pf.storage)
    newer.write_bytes(b"broken")
    later = older.stat().st_mtime + 60
    os.utime(newer, (later, later))
    assert backup.newest_good_backup(portfolio_file) == older
