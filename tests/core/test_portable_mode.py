"""Portable mode: with portable.ini beside the program, every per-user folder is on the stick."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

from portfolio import paths


@pytest.fixture
def stick(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "stick"
    folder.mkdir()
    monkeypatch.setenv(paths.PORTABLE_DIR_ENV, str(folder))
    return folder


def test_not_portable_without_the_ini(stick: Path) -> None:
    assert paths.portable_root() is None
    assert not paths.portable_mode()
    assert stick not in paths.config_dir().parents


def test_not_portable_from_a_source_checkout_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.PORTABLE_DIR_ENV, raising=False)
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert paths.portable_root() is None


def test_frozen_program_with_ini_beside_it_is_portable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(paths.PORTABLE_DIR_ENV, raising=False)
    program = tmp_path / "Portfolio" / "portfolio"
    program.parent.mkdir()
    program.write_bytes(b"")
    (program.parent / "portable.ini").write_text("[portable]\n", encoding="utf-8")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program))
    assert paths.portable_root() == (program.parent / "PortfolioData").resolve()


def test_every_folder_lives_on_the_stick(stick: Path) -> None:
    (stick / "portable.ini").write_text("[portable]\n", encoding="utf-8")
    data = (stick / "PortfolioData").resolve()
    assert paths.portable_root() == data
    for folder in (paths.config_dir(), paths.cache_dir(), paths.data_dir(), paths.temp_dir()):
        assert data in folder.parents
        assert folder.is_dir()


def test_the_ini_may_name_the_data_folder(stick: Path) -> None:
    (stick / "portable.ini").write_text("[portable]\ndata = My Data\n", encoding="utf-8")
    assert paths.portable_root() == (stick / "My Data").resolve()


def test_an_unreadable_ini_still_means_portable(stick: Path) -> None:
    (stick / "portable.ini").write_bytes(b"\xff\xfe not an ini [[[")
    assert paths.portable_root() == (stick / "PortfolioData").resolve()


def test_environment_points_libraries_at_the_stick(
    stick: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (stick / "portable.ini").write_text("[portable]\n", encoding="utf-8")
    for var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, "/nowhere")
    for var in ("TMPDIR", "TEMP", "TMP"):  # set, so that monkeypatch restores them afterwards
        monkeypatch.setenv(var, tempfile.gettempdir())
    monkeypatch.setattr(tempfile, "tempdir", None)
    root = paths.apply_portable_environment()
    assert root == (stick / "PortfolioData").resolve()
    for var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "TMPDIR"):
        assert root in Path(os.environ[var]).parents
    assert root in Path(tempfile.gettempdir()).parents
    monkeypatch.setattr(tempfile, "tempdir", None)  # leave the next test the real temp folder


def test_environment_untouched_when_not_portable(
    stick: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere")
    assert paths.apply_portable_environment() is None
    assert os.environ["XDG_CACHE_HOME"] == "/somewhere"


def test_shared_machine_session_is_made_on_the_stick_and_removed(stick: Path) -> None:
    (stick / "portable.ini").write_text("[portable]\n", encoding="utf-8")
    with paths.shared_machine_session() as session:
        assert (stick / "PortfolioData" / "sessions").resolve() in session.parents
        assert session in paths.config_dir().parents
    assert not session.exists()
