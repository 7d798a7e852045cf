"""The write lock under races (issue 20, failure 1): never two holders, never another's lock
deleted, however many processes clear a stale lock at once."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from portfolio.errors import LockedError
from portfolio.storage.locking import WriterLock, lock_path, read_lock

RACER = textwrap.dedent(
    """
    import json, os, random, sys, time
    from portfolio.errors import LockedError
    from portfolio.storage.locking import WriterLock, lock_path

    target, start, seconds, dead_pid, seed = (
        sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    )
    rng = random.Random(seed)
    held, stolen = [], 0
    while time.time() < start:
        time.sleep(0.001)
    end, cap = start + seconds, start + 10 * seconds
    # Two seconds of racing, longer on a busy machine until this racer held it five times.
    while time.time() < end or (len(held) < 5 and time.time() < cap):
        lock = WriterLock(__import__("pathlib").Path(target))
        try:
            lock.acquire()
        except LockedError:
            time.sleep(rng.uniform(0, 0.003))
            continue
        began = time.monotonic_ns()
        time.sleep(rng.uniform(0.0005, 0.004))
        finished = time.monotonic_ns()
        held.append((began, finished))
        if rng.random() < 0.6:
            # Die as a crashed owner would: the process named in the lock is gone and the
            # kernel lock is dropped, but the file stays for someone to clear.
            try:
                data = json.loads(lock.path.read_text())
            except (OSError, ValueError):
                data = None
            if data is None or data.get("pid") != os.getpid():
                stolen += 1  # the file at the lock's name is no longer ours: a second holder
            else:
                data["pid"] = dead_pid
                lock.path.write_text(json.dumps(data))
            lock._stop.set()
            os.close(lock._fd)
            lock._fd = None
        else:
            lock.release()
    print(json.dumps({"held": held, "stolen": stolen}))
    """
)


def _dead_pid() -> int:
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout)


def _stale_lock(path: Path, pid: int) -> None:
    lock_path(path).write_text(
        json.dumps({"pid": pid, "host": socket.gethostname(), "user": "gone", "since": "2026"})
    )


def test_many_processes_clearing_stale_locks_never_hold_it_together(tmp_path: Path):
    """Eight processes take, hold and abandon (as if killed) the lock for two seconds (longer on
    a busy machine, until each held it five times); every abandoned lock is stale and cleared by
    whoever gets there first. No two holds overlap."""
    target = tmp_path / "race.portfolio"
    target.write_bytes(b"")
    dead = _dead_pid()
    _stale_lock(target, dead)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    start = time.time() + 2.5  # every racer imported and waiting before the start
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", RACER, str(target), str(start), "2.0", str(dead), str(seed)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for seed in range(8)
    ]
    holds: list[tuple[int, int, int]] = []
    stolen = 0
    for number, racer in enumerate(racers):
        out, err = racer.communicate(timeout=60)
        assert racer.returncode == 0, err
        result = json.loads(out)
        holds += [(began, finished, number) for began, finished in result["held"]]
        stolen += result["stolen"]
    assert stolen == 0, f"{stolen} holders found their lock file taken by another holder"
    holds.sort()
    assert len(holds) > 20, "too few holds to have raced"
    assert len({number for _, _, number in holds}) > 1
    overlaps, latest = 0, (0, 0, -1)  # the hold that ends last so far
    for hold in holds:
        if hold[0] < latest[1]:
            overlaps += 1
        latest = max(latest, hold, key=lambda h: h[1])
    assert overlaps == 0, f"{overlaps} of {len(holds)} holds overlapped another"


class _SlowClearer(WriterLock):
    """Judges the old lock stale, then is overtaken by ``rival`` before it clears it."""

    def __init__(self, path: Path, rival: WriterLock) -> None:
        super().__init__(path)
        self.rival = rival

    def _is_stale(self, *args, **kwargs) -> bool:  # type: ignore[no-untyped-def]
        stale = super()._is_stale(*args, **kwargs)
        if stale and self.rival._fd is None:
            self.rival.acquire()  # clears the same stale lock and takes the file
        return stale


def test_a_slow_clearer_never_deletes_the_lock_a_faster_one_just_took(portfolio_file: Path):
    _stale_lock(portfolio_file, _dead_pid())
    fast = WriterLock(portfolio_file)
    slow = _SlowClearer(portfolio_file, fast)
    try:
        with pytest.raises(LockedError, match="already open for writing"):
            slow.acquire()
        assert fast.held
        holder = read_lock(lock_path(portfolio_file))
        assert holder is not None and holder.pid == os.getpid()
    finally:
        slow.release()
        fast.release()
    assert not lock_path(portfolio_file).exists()


def test_release_deletes_only_its_own_lock(portfolio_file: Path):
    first = WriterLock(portfolio_file)
    first.acquire()
    # Someone wrongly cleared the first holder's lock and a second one took the file.
    lock_path(portfolio_file).unlink()
    second = WriterLock(portfolio_file)
    second.acquire()
    first.release()
    assert lock_path(portfolio_file).exists(), "the first holder deleted the second's lock"
    assert second.held
    second.release()
    assert not lock_path(portfolio_file).exists()


def test_a_half_written_lock_of_a_live_starter_is_respected(portfolio_file: Path):
    lock_path(portfolio_file).write_bytes(b"")  # created, details not yet written
    with pytest.raises(LockedError, match="another copy of Portfolio"):
        WriterLock(portfolio_file).acquire()
    then = time.time() - 60
    os.utime(lock_path(portfolio_file), (then, then))  # its maker died long ago
    lock = WriterLock(portfolio_file)
    lock.acquire()
    lock.release()
