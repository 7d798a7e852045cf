"""One writer at a time: a second process gets a clear message and can read; stale locks clear."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from portfolio.errors import LockedError
from portfolio.services.portfolio import Portfolio
from portfolio.storage.locking import lock_path

HOLDER = """
import sys, time
from portfolio.services.portfolio import Portfolio
pf = Portfolio.open(sys.argv[1])
print("OPEN", flush=True)
time.sleep(60)
"""


@pytest.fixture
def held_elsewhere(portfolio_file: Path):
    """Another process holding the portfolio open for writing."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(portfolio_file)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "OPEN"
    yield proc
    proc.kill()
    proc.wait()


def test_second_process_is_told_who_has_it_and_can_still_read(
    portfolio_file: Path, held_elsewhere
) -> None:
    with pytest.raises(LockedError, match="already open for writing by"):
        Portfolio.open(portfolio_file)
    with Portfolio.open(portfolio_file, read_only=True) as pf:
        assert pf.learner.get().name == "Alex Morgan"


def test_lock_left_by_a_killed_process_is_cleared(portfolio_file: Path, held_elsewhere) -> None:
    held_elsewhere.kill()
    held_elsewhere.wait()
    assert lock_path(portfolio_file).exists()  # SIGKILL leaves the lock file behind
    with Portfolio.open(portfolio_file) as pf:
        assert pf.learner.get().name == "Alex Morgan"
    assert not lock_path(portfolio_file).exists()


def _write_lock(path: Path, *, host: str, pid: int, age_seconds: float) -> None:
    lock = lock_path(path)
    lock.write_text(json.dumps({"pid": pid, "host": host, "user": "sam", "since": "2026-01-01"}))
    then = time.time() - age_seconds
    os.utime(lock, (then, then))


def test_fresh_lock_from_another_computer_is_respected(portfolio_file: Path) -> None:
    _write_lock(portfolio_file, host="college-pc-17", pid=4242, age_seconds=10)
    with pytest.raises(LockedError, match="sam on college-pc-17"):
        Portfolio.open(portfolio_file)


def test_lock_from_another_computer_with_no_heartbeat_is_stale(portfolio_file: Path) -> None:
    _write_lock(portfolio_file, host="college-pc-17", pid=4242, age_seconds=600)
    Portfolio.open(portfolio_file).close()


def test_lock_of_a_dead_process_on_this_computer_is_stale(portfolio_file: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    _write_lock(portfolio_file, host=socket.gethostname(), pid=int(dead.stdout), age_seconds=1)
    Portfolio.open(portfolio_file).close()


def test_same_process_can_open_twice_and_the_lock_lasts_until_the_last_close(
    portfolio_file: Path,
) -> None:
    first = Portfolio.open(portfolio_file)
    second = Portfolio.open(portfolio_file)
    first.close()
    assert lock_path(portfolio_file).exists()
    second.close()
    assert not lock_path(portfolio_file).exists()
