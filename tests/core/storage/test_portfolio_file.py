"""The portfolio file: creating, opening, refusing what is not a portfolio, transactions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select, text

from portfolio.errors import (
    NewerVersionError,
    NotAPortfolioError,
    PortfolioError,
    PortfolioNotFoundError,
    ReadOnlyError,
)
from portfolio.storage.engine import APPLICATION_ID
from portfolio.storage.file import PortfolioFile
from portfolio.storage.models import Learner


def test_new_file_is_marked_as_a_portfolio_and_uses_wal(tmp_path: Path) -> None:
    path = tmp_path / "a.portfolio"
    PortfolioFile.create(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_create_refuses_to_overwrite_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "a.portfolio"
    path.write_text("precious")
    with pytest.raises(PortfolioError, match="already exists"):
        PortfolioFile.create(path)
    assert path.read_text() == "precious"


def test_opening_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(PortfolioNotFoundError, match="no file"):
        PortfolioFile.open(tmp_path / "missing.portfolio")


@pytest.mark.parametrize(
    "content",
    [b"", b"hello, I am a text file\n" * 20, b"%PDF-1.7\n" + bytes(200)],
    ids=["empty", "text", "pdf"],
)
def test_opening_something_else_says_it_is_not_a_portfolio(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.portfolio"
    path.write_bytes(content)
    with pytest.raises(NotAPortfolioError, match="not a portfolio"):
        PortfolioFile.open(path)
    assert path.read_bytes() == content


def test_opening_another_apps_database_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "other.portfolio"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NotAPortfolioError, match="not one made by Portfolio"):
        PortfolioFile.open(path)
    assert path.read_bytes() == before


def test_opening_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NotAPortfolioError, match="folder"):
        PortfolioFile.open(tmp_path)


def test_damaged_file_is_reported_in_plain_words(portfolio_file: Path) -> None:
    data = bytearray(portfolio_file.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # overwrite the schema page
    portfolio_file.write_bytes(bytes(data))
    with pytest.raises(NotAPortfolioError, match="damaged"):
        PortfolioFile.open(portfolio_file)


def test_a_failed_unit_of_work_changes_nothing(portfolio_file: Path) -> None:
    pf = PortfolioFile.open(portfolio_file)
    with pytest.raises(RuntimeError), pf.write() as s:
        s.scalars(select(Learner)).one().name = "Changed"
        s.flush()
        raise RuntimeError("power cut in the middle")
    with pf.read() as s:
        assert s.scalars(select(Learner)).one().name == "Alex Morgan"
    pf.close()


def test_ddl_inside_a_failed_transaction_is_rolled_back(portfolio_file: Path) -> None:
    # The transactional-DDL recipe: without it pysqlite commits DDL implicitly and a migration
    # that fails halfway leaves the file half-migrated.
    pf = PortfolioFile.open(portfolio_file)
    with pytest.raises(RuntimeError), pf.write() as s:
        s.execute(text("ALTER TABLE learner ADD COLUMN half_migrated TEXT"))
        raise RuntimeError("migration failed halfway")
    with pf.read() as s:
        columns = [row[1] for row in s.execute(text("PRAGMA table_info(learner)"))]
    assert "half_migrated" not in columns
    pf.close()


def test_read_only_file_refuses_writes(portfolio_file: Path) -> None:
    pf = PortfolioFile.open(portfolio_file, read_only=True)
    with pytest.raises(ReadOnlyError), pf.write():
        pass
    with pf.read() as s:
        assert s.scalars(select(Learner)).one().name == "Alex Morgan"
    pf.close()


def test_file_from_a_newer_app_is_refused_and_left_alone(portfolio_file: Path) -> None:
    conn = sqlite3.connect(portfolio_file)
    conn.execute("UPDATE alembic_version SET version_num = '29991231_9999'")
    conn.commit()
    conn.close()
    before = portfolio_file.read_bytes()
    with pytest.raises(NewerVersionError, match="newer version"):
        PortfolioFile.open(portfolio_file)
    assert portfolio_file.read_bytes() == before


def test_integrity_check_of_a_healthy_file_is_clean(portfolio_file: Path) -> None:
    pf = PortfolioFile.open(portfolio_file)
    assert pf.integrity_problems() == []
    pf.close()
