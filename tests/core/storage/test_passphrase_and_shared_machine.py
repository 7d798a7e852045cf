"""Passphrase changes never leave the file without a good backup; SQLCipher's memory security
is on (issue 20, failure 8). Shared machines: no plain backups, no abandoned session folders,
an idle lock time that can be set (failure 9)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from portfolio import paths
from portfolio.errors import PortfolioError
from portfolio.services.portfolio import Portfolio
from portfolio.storage import encryption
from portfolio.storage.backup import backup_dir, backup_problems, list_backups

NEW = "a new passphrase"


class _Crash(BaseException):
    """Stands for the process dying at that point (nothing after it runs)."""


# Every step of a passphrase change that a crash could interrupt, by the name it has in the
# module (old and new versions of the module; those absent are skipped).
STEPS = (
    "export_copy",
    "fsync_file",
    "_check_copy",
    "_copy_into_backups",
    "make_backup",
    "_remove_old_backups",
    "_replace_backups",
)


def _file_passphrase(path: Path) -> str | None:
    for candidate in (None, NEW):
        try:
            Portfolio.open(path, read_only=True, passphrase=candidate).close()
            return candidate
        except PortfolioError:
            continue
    raise AssertionError(f"{path.name} opens with neither passphrase")


@pytest.mark.parametrize("step", STEPS)
def test_a_crash_at_any_step_leaves_a_good_backup(
    portfolio_file: Path, monkeypatch: pytest.MonkeyPatch, step: str
):
    if not hasattr(encryption, step):
        pytest.skip(f"no step {step} in this version")
    with Portfolio.open(portfolio_file) as pf:
        pf.entries.add(title="Work that must survive")
        pf.backup()

    def crash(*_args: object, **_kwargs: object) -> None:
        raise _Crash(step)

    monkeypatch.setattr(encryption, step, crash)
    pf = Portfolio.open(portfolio_file)
    try:
        with pytest.raises(_Crash):
            pf.change_passphrase(NEW)
    finally:
        pf.storage._lock.release()  # the process "died": only its lock goes
    monkeypatch.undo()
    passphrase = _file_passphrase(portfolio_file)
    with Portfolio.open(portfolio_file, read_only=True, passphrase=passphrase) as pf:
        assert [e.title for e in pf.entries.list()] == ["Work that must survive"]
    backups = list_backups(portfolio_file)
    good = [b for b in backups if not backup_problems(b, passphrase=passphrase)]
    assert good, f"a crash at {step} left no backup that opens with the file's passphrase"


def test_setting_a_passphrase_replaces_every_plain_backup(portfolio_file: Path):
    with Portfolio.open(portfolio_file) as pf:
        pf.backup()
        pf.backup()
        pf.change_passphrase(NEW)
    (only,) = list_backups(portfolio_file)
    assert not only.read_bytes().startswith(b"SQLite format 3")
    assert backup_problems(only, passphrase=NEW) == []
    assert not list(portfolio_file.parent.glob("*.tmp"))


def test_sqlcipher_memory_security_is_on(portfolio_file: Path):
    with Portfolio.open(portfolio_file) as pf:
        pf.change_passphrase(NEW)
    with Portfolio.open(portfolio_file, passphrase=NEW) as pf:
        raw = pf.storage.engine.raw_connection()
        try:
            value = raw.driver_connection.execute("PRAGMA cipher_memory_security").fetchone()
        finally:
            raw.close()
    assert value is not None and str(value[0]) == "1"


@pytest.fixture
def shared_mode():
    paths.enable_shared_machine_mode()
    yield
    paths.end_shared_machine_mode()


def test_shared_machine_mode_keeps_no_plain_backup(portfolio_file: Path, shared_mode):
    with Portfolio.open(portfolio_file) as pf:
        assert pf.backup_if_due() is None
    assert not backup_dir(portfolio_file).exists()


def test_shared_machine_mode_keeps_encrypted_backups(portfolio_file: Path, shared_mode):
    with Portfolio.open(portfolio_file) as pf:
        pf.change_passphrase(NEW)
    with Portfolio.open(portfolio_file, passphrase=NEW) as pf:
        made = pf.backup_if_due()
    assert made is None or not made.read_bytes().startswith(b"SQLite format 3")
    for backup in list_backups(portfolio_file):
        assert not backup.read_bytes().startswith(b"SQLite format 3")


def test_removing_the_passphrase_on_a_shared_machine_leaves_no_backup(
    portfolio_file: Path, shared_mode
):
    with Portfolio.open(portfolio_file) as pf:
        pf.change_passphrase(NEW)
    with Portfolio.open(portfolio_file, passphrase=NEW) as pf:
        pf.change_passphrase(None)
    assert list_backups(portfolio_file) == []


def _dead_pid() -> int:
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout)


LIVE_SESSION = """
import sys, time
from portfolio import paths
root = paths.enable_shared_machine_mode()
print(root, flush=True)
time.sleep(60)
"""


def test_abandoned_session_folders_are_removed_on_the_next_start(tmp_path: Path):
    crashed = tmp_path / f"{paths.SESSION_PREFIX}{_dead_pid()}-abc123"
    (crashed / "cache").mkdir(parents=True)
    (crashed / "cache" / "thumbnail.png").write_bytes(b"a learner's page")
    legacy = tmp_path / f"{paths.SESSION_PREFIX}q1w2e3"
    legacy.mkdir()
    old = time.time() - 2 * 24 * 3600
    os.utime(legacy, (old, old))
    recent_legacy = tmp_path / f"{paths.SESSION_PREFIX}z9x8c7"
    recent_legacy.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp_path), "PYTHONPATH": os.pathsep.join(sys.path)}
    live = subprocess.Popen(
        [sys.executable, "-c", LIVE_SESSION], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert live.stdout is not None
        live_root = Path(live.stdout.readline().strip())
        assert live_root.parent == tmp_path
        assert not crashed.exists() and not legacy.exists()  # the live one cleared them
        assert recent_legacy.exists()
        removed = paths.remove_abandoned_sessions(tmp_path)
        assert removed == [] and live_root.exists()  # a live session is never touched
    finally:
        live.kill()
        live.wait()
    assert paths.remove_abandoned_sessions(tmp_path) == [live_root]  # killed: now abandoned


def test_idle_lock_minutes_come_from_the_environment_then_the_setting(
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.delenv(paths.IDLE_MINUTES_ENV, raising=False)
    assert paths.idle_lock_minutes(None) == 10.0
    assert paths.idle_lock_minutes("3") == 3.0
    assert paths.idle_lock_minutes("soon") == 10.0
    assert paths.idle_lock_minutes(100000) == 240.0
    monkeypatch.setenv(paths.IDLE_MINUTES_ENV, "2.5")
    assert paths.idle_lock_minutes("3") == 2.5
    monkeypatch.setenv(paths.IDLE_MINUTES_ENV, "0")
    assert paths.idle_lock_minutes(None) == 1.0
