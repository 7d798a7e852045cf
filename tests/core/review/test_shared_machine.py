"""Shared-machine mode: per-user folders point at a private session folder that is removed at the
end, so reviewing a learner's file leaves nothing behind on the machine."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from portfolio import paths
from portfolio.services.group import scan_folder
from tests.core.review.conftest import ASSESSOR, UNIT
from tests.helpers.assessment import make_signed_off


@pytest.fixture(autouse=True)
def _mode_off_afterwards():
    yield
    paths.end_shared_machine_mode()


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns) for p in root.rglob("*")
    }


def test_normal_mode_uses_the_users_folders(isolated_user_dirs: Path) -> None:
    assert not paths.shared_machine_mode()
    assert paths.config_dir().is_relative_to(isolated_user_dirs / "config")
    assert paths.cache_dir().is_relative_to(isolated_user_dirs / "cache")
    assert paths.data_dir().is_relative_to(isolated_user_dirs / "data")


def test_reviewing_in_shared_machine_mode_leaves_nothing_behind(
    isolated_user_dirs: Path, demo_file: Path, tmp_path: Path, open_as
) -> None:
    before_home = _snapshot(isolated_user_dirs)
    before_folder = sorted(p.name for p in demo_file.parent.iterdir())

    root = paths.enable_shared_machine_mode()
    assert paths.shared_machine_mode()
    assert paths.enable_shared_machine_mode() == root  # idempotent
    for folder in (paths.config_dir(), paths.cache_dir(), paths.data_dir(), paths.temp_dir()):
        assert folder.is_relative_to(root)
    (paths.cache_dir() / "thumbnail.png").write_bytes(b"cached preview")

    reviewer = open_as(demo_file, ASSESSOR)
    reviewer.reviewing.comment(entry_id="E1", text="Good start")
    reviewer.reviewing.judge(criterion="1.1", judgement="met", reason="Clear")
    reviewer.close()
    make_signed_off(demo_file, UNIT)
    group = tmp_path / "group"
    group.mkdir()
    shutil.copy2(demo_file, group / "a.portfolio")
    scan_folder(group)

    paths.end_shared_machine_mode()
    assert not paths.shared_machine_mode()
    assert not root.exists()
    assert _snapshot(isolated_user_dirs) == before_home
    assert sorted(p.name for p in demo_file.parent.iterdir()) == [*before_folder, "group"]
    assert sorted(p.name for p in group.iterdir()) == ["a.portfolio"]


def test_session_context_and_switches(monkeypatch: pytest.MonkeyPatch) -> None:
    with paths.shared_machine_session() as root:
        assert root.is_dir() and paths.shared_machine_mode()
    assert not root.exists() and not paths.shared_machine_mode()
    monkeypatch.delenv(paths.SHARED_MACHINE_ENV, raising=False)
    assert paths.shared_machine_requested(["main.py", "--shared-machine"])
    assert not paths.shared_machine_requested(["main.py"])
    monkeypatch.setenv(paths.SHARED_MACHINE_ENV, "1")
    assert paths.shared_machine_requested([])


def test_session_folder_is_private(tmp_path: Path) -> None:
    root = paths.enable_shared_machine_mode()
    if os.name == "posix":
        assert root.stat().st_mode & 0o077 == 0
