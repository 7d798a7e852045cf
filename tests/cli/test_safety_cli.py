"""`backup`, `restore`, `check` and `passphrase` on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest


def test_backup_list_and_restore(cli, portfolio_file: Path, tmp_path: Path) -> None:
    entry = tmp_path / "e.json"
    entry.write_text('{"title": "Before the accident"}')
    cli("entry", "add", portfolio_file, "--json-file", entry)
    made = cli("backup", portfolio_file, "--json")
    assert made.code == 0
    assert Path(made.json()["backup"]).exists()
    assert len(cli("backup", portfolio_file, "--list", "--json").json()) == 1
    cli("entry", "delete", portfolio_file, "E1")
    restored = cli("restore", portfolio_file)
    assert restored.code == 0, restored.err
    assert "kept as" in restored.out
    assert [e["title"] for e in cli("entry", "list", portfolio_file, "--json").json()] == [
        "Before the accident"
    ]


def test_check_of_a_damaged_file_points_to_the_newest_good_backup(
    cli, portfolio_file: Path
) -> None:
    cli("backup", portfolio_file)
    data = portfolio_file.read_bytes()
    portfolio_file.write_bytes(data[: len(data) // 4])
    result = cli("check", portfolio_file, "--json")
    assert result.code != 0
    report = result.json()
    assert report["ok"] is False
    assert report["newest_good_backup"]
    text = cli("check", portfolio_file)
    assert "portfolio restore" in text.out


def test_check_of_a_damaged_file_without_backups_is_one_clear_error(
    cli, portfolio_file: Path
) -> None:
    portfolio_file.write_bytes(portfolio_file.read_bytes()[:500])
    result = cli("check", portfolio_file)
    assert result.code != 0
    assert "damaged" in result.err or "not a portfolio" in result.err


def test_passphrase_set_and_remove(
    cli, portfolio_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PORTFOLIO_NEW_PASSPHRASE", "a long passphrase")
    assert cli("passphrase", portfolio_file, "--set").code == 0
    monkeypatch.delenv("PORTFOLIO_PASSPHRASE", raising=False)
    locked = cli("entry", "list", portfolio_file, "--json")
    assert locked.code != 0
    assert "PORTFOLIO_PASSPHRASE" in locked.err
    monkeypatch.setenv("PORTFOLIO_PASSPHRASE", "wrong passphrase")
    assert "does not open" in cli("entry", "list", portfolio_file).err
    monkeypatch.setenv("PORTFOLIO_PASSPHRASE", "a long passphrase")
    assert cli("entry", "list", portfolio_file, "--json").json() == []
    assert cli("check", portfolio_file, "--json").json()["ok"] is True
    assert cli("passphrase", portfolio_file, "--remove").code == 0
    monkeypatch.delenv("PORTFOLIO_PASSPHRASE")
    assert cli("entry", "list", portfolio_file, "--json").code == 0
