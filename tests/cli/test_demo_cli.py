"""`portfolio demo FILE --entries N --attachments`."""

from __future__ import annotations

from pathlib import Path


def test_demo_with_attachments_reports_the_documents(cli, tmp_path: Path) -> None:
    path = tmp_path / "demo.portfolio"
    result = cli("demo", path, "--entries", "32", "--attachments")
    assert result.code == 0
    assert "32 entries" in result.out and "attached documents" in result.out
    entries = cli("entry", "list", path, "--json").json()
    assert len(entries) == 32


def test_demo_without_attachments_attaches_nothing(cli, tmp_path: Path) -> None:
    result = cli("demo", tmp_path / "demo.portfolio", "--entries", "5")
    assert result.code == 0
    assert "attached" not in result.out
