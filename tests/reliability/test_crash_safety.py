"""Crash safety by fault injection (issue 8, part 3): SIGKILL a writing process, again and again.

``writer.py`` opens the portfolio through the services and saves entries, tags and attachments
(10-500 KB random payloads), printing each committed entry id as soon as its transaction
returns. Each round kills it at a random moment: while it starts, while it opens or migrates
the file, in the middle of a commit or between two. After every kill the file must pass
SQLite's integrity check, every entry announced before the kill must be there, and every blob's
bytes must still hash to its SHA-256 name.

A third test kills a process while it sets or removes the file's passphrase: after every kill
the file opens (with the old passphrase or the new one), nothing committed is lost, and a backup
that opens with the file's passphrase is there.

The quick default (the normal test run) kills 40 writers on a plain file, 10 on a protected one
and 4 passphrase changes, about 40 seconds. ``PORTFOLIO_RELIABILITY_FULL=1`` raises that to 700,
260 and 60 (over 1,000 SIGKILLs; a quarter of an hour or more). ``PORTFOLIO_FAULT_ROUNDS`` and
``PORTFOLIO_FAULT_PROTECTED_ROUNDS`` set the first two directly. Every kill moment and every
writer's work comes from one seed, printed at the end of the run; ``PORTFOLIO_FAULT_SEED=N``
repeats a run's choices.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import selectors
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pytest
from reliability_figures import FIGURES, SEEDS
from sqlalchemy import select
from sqlalchemy.exc import DatabaseError

from portfolio.errors import LockedError, PortfolioError
from portfolio.services.portfolio import Portfolio
from portfolio.storage.backup import backup_dir, backup_problems, list_backups
from portfolio.storage.engine import read_application_id
from portfolio.storage.file import PortfolioFile
from portfolio.storage.models import Entry
from portfolio.storage.models.attachment import Attachment, Blob

WRITER = Path(__file__).with_name("writer.py")
CHANGE_PASSPHRASE = "passphrase under fault injection"  # as in writer.py
FULL = os.environ.get("PORTFOLIO_RELIABILITY_FULL", "").strip() not in ("", "0")
ROUNDS = int(os.environ.get("PORTFOLIO_FAULT_ROUNDS", "") or (700 if FULL else 40))
PROTECTED_ROUNDS = int(
    os.environ.get("PORTFOLIO_FAULT_PROTECTED_ROUNDS", "") or (260 if FULL else max(8, ROUNDS // 4))
)
PASSPHRASE_ROUNDS = 60 if FULL else 4
GENERATION = int(os.environ.get("PORTFOLIO_FAULT_GENERATION", "") or 100)  # rounds per file
SEED = int(os.environ.get("PORTFOLIO_FAULT_SEED", "0") or 0) or random.SystemRandom().randint(
    1, 2**31
)
SEEDS["PORTFOLIO_FAULT_SEED"] = SEED


@dataclass
class Ledger:
    """What the writers announced as committed, across every round."""

    entries: set[str] = field(default_factory=set)
    blobs: dict[str, str] = field(default_factory=dict)  # sha256 -> entry id
    verified_blobs: set[str] = field(default_factory=set)

    def record(self, lines: list[str]) -> int:
        commits = 0
        for line in lines:
            kind, _, rest = line.partition(" ")
            if kind == "COMMITTED":
                self.entries.add(rest)
                commits += 1
            elif kind == "BLOB":
                digest, _, entry_id = rest.partition(" ")
                self.blobs[digest] = entry_id
        return commits


def _start_writer(*args: str, stderr: Any = subprocess.PIPE) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.Popen(
        [sys.executable, str(WRITER), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=stderr,
        env=env,
    )


class Lines:
    """Complete lines from a pipe, with a deadline on every wait."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._fd = stream.fileno()
        self._buffer = b""
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._fd, selectors.EVENT_READ)

    def until(self, deadline: float, stop: Callable[[str], bool] | None = None) -> list[str]:
        """Lines received before ``deadline``, or up to and including the first ``stop`` line."""
        lines: list[str] = []
        while True:
            while b"\n" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\n", 1)
                line = raw.decode()
                lines.append(line)
                if stop is not None and stop(line):
                    return lines
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self._selector.select(remaining):
                return lines
            chunk = os.read(self._fd, 65536)
            if not chunk:
                return lines
            self._buffer += chunk

    def close(self) -> None:
        self._selector.close()


def _one_round(
    server: subprocess.Popen[bytes], lines: Lines, rng: random.Random
) -> tuple[list[str], bool]:
    """Fork a writer, SIGKILL it at a random moment; returns what it printed and whether the
    kill hit a running writer (rather than one that had stopped by itself)."""
    assert server.stdin is not None
    server.stdin.write(f"{rng.randint(1, 2**31)}\n".encode())
    server.stdin.flush()
    printed = lines.until(time.monotonic() + 20, lambda line: line.startswith("PID "))
    assert printed and printed[-1].startswith("PID "), f"no writer was forked: {printed}"
    pid = int(printed[-1].split()[1])
    # One round in eight dies while opening the file (lock, migration check, WAL recovery);
    # the rest at a random moment of the writing itself: after a random number of commits
    # (counted, not timed, so a busy machine changes nothing) and a random fraction of the next.
    if rng.random() < 0.125:
        printed += lines.until(time.monotonic() + rng.uniform(0.0, 0.08))
    else:
        printed += lines.until(time.monotonic() + 20, lambda line: line == "READY")
        assert "READY" in printed, "the writer did not open the portfolio within 20 s"
        commits = rng.randint(0, 4)
        seen = [0]

        def enough(line: str) -> bool:
            seen[0] += line.startswith("COMMITTED ")
            return seen[0] >= commits

        if commits:
            printed += lines.until(time.monotonic() + 30, enough)
        printed += lines.until(time.monotonic() + rng.uniform(0.0, 0.06))
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    printed += lines.until(time.monotonic() + 30, lambda line: line.startswith(f"DONE {pid} "))
    assert printed[-1].startswith(f"DONE {pid} "), "the writer was never reaped"
    status = int(printed[-1].split()[2])
    killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    assert killed, f"the writer stopped by itself (wait status {status}); see its stderr"
    return printed, killed


def _open_after_crash(path: Path, passphrase: str | None = None) -> PortfolioFile:
    """Open for writing as the app does after a crash.

    A writer killed between creating ``<file>.lock`` and writing its owner into it leaves a lock
    nobody can read; storage/locking.py treats that as stale only after 5 seconds (a live
    process may be between those two steps), so the app is told the file is in use until then.
    """
    deadline = time.monotonic() + 10
    while True:
        try:
            return PortfolioFile.open(path, passphrase=passphrase)
        except LockedError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def _check_file(
    path: Path, ledger: Ledger, *, count: bool = True, passphrase: str | None = None
) -> list[str]:
    """Open the file as the app would after a crash and list every problem found; ``count``
    adds lost records to the suite's figures."""
    problems: list[str] = []
    lost_before = FIGURES.records_lost
    pf = _open_after_crash(path, passphrase)
    try:
        problems += [f"integrity: {p}" for p in pf.integrity_problems()]
        with pf.read() as s:
            stored = set(s.scalars(select(Entry.id)))
            lost = ledger.entries - stored
            FIGURES.records_lost += len(lost)
            problems += [f"committed entry {entry_id} is missing" for entry_id in sorted(lost)]
            for digest, entry_id in ledger.blobs.items():
                if digest in ledger.verified_blobs:
                    continue
                if (
                    s.scalar(
                        select(Attachment.id).where(
                            Attachment.blob_sha256 == digest, Attachment.entry_id == entry_id
                        )
                    )
                    is None
                ):
                    FIGURES.records_lost += 1
                    problems.append(f"attachment {digest[:12]} of {entry_id} is missing")
            for digest, data in s.execute(select(Blob.sha256, Blob.data)):
                if digest in ledger.verified_blobs:
                    continue
                if hashlib.sha256(data).hexdigest() != digest:
                    FIGURES.records_lost += 1
                    problems.append(f"blob {digest[:12]} no longer matches its SHA-256")
                elif digest in ledger.blobs:
                    ledger.verified_blobs.add(digest)
    finally:
        pf.close()
        if not count:
            FIGURES.records_lost = lost_before
    return problems


@pytest.mark.parametrize("protected", [False, True], ids=["plain", "passphrase"])
def test_sigkill_during_writes_never_corrupts_or_loses_committed_work(
    portfolio_file: Path, tmp_path: Path, protected: bool, monkeypatch: pytest.MonkeyPatch
):
    rng = random.Random(SEED)
    ledger = Ledger()
    commits = 0
    passphrase = None
    rounds = ROUNDS
    if protected:
        # The same faults on a SQLCipher-encrypted file (fewer rounds: each open derives the
        # key, deliberately slowly).
        passphrase = "crash test passphrase"
        with Portfolio.open(portfolio_file) as pf:
            pf.change_passphrase(passphrase)
        monkeypatch.setenv("PORTFOLIO_TEST_PASSPHRASE", passphrase)
        rounds = PROTECTED_ROUNDS
    fresh = tmp_path / "fresh.portfolio"
    shutil.copy2(portfolio_file, fresh)
    with (tmp_path / "writer-stderr.txt").open("wb") as stderr:
        server = _start_writer("--serve", str(portfolio_file), stderr=stderr)
        assert server.stdout is not None
        lines = Lines(server.stdout)
        try:
            assert lines.until(time.monotonic() + 30, lambda line: line == "SERVING")
            for round_no in range(rounds):
                if round_no and round_no % GENERATION == 0:
                    # Start again from a fresh file: the checks read the whole file after every
                    # kill, so a file grown by hundreds of rounds would make a long run quadratic.
                    ledger.verified_blobs.clear()
                    problems = _check_file(portfolio_file, ledger, passphrase=passphrase)
                    assert not problems, f"seed {SEED}, round {round_no}: {problems}"
                    assert ledger.blobs, "no attachment was committed"
                    _reset(portfolio_file, fresh)
                    ledger = Ledger()
                printed, killed = _one_round(server, lines, rng)
                FIGURES.faults_injected += int(killed)
                commits += ledger.record(printed)
                problems = _check_file(portfolio_file, ledger, passphrase=passphrase)
                assert not problems, f"seed {SEED}, round {round_no}: {problems}"
                FIGURES.faults_survived += int(killed)
        finally:
            lines.close()
            server.kill()
            server.communicate(timeout=30)
    assert commits > rounds, f"seed {SEED}: too few commits ({commits}) to test anything"
    # A last full pass over every blob, not only the ones new since the previous round.
    ledger.verified_blobs.clear()
    assert _check_file(portfolio_file, ledger, passphrase=passphrase) == []
    assert ledger.blobs, "no attachment was committed"
    if protected:
        assert not portfolio_file.read_bytes().startswith(b"SQLite format 3")


def _reset(path: Path, fresh: Path) -> None:
    for suffix in ("-wal", "-shm", ".lock"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copy2(fresh, path)


def _one_change(
    server: subprocess.Popen[bytes], lines: Lines, rng: random.Random
) -> tuple[list[str], bool]:
    """Fork a passphrase change and SIGKILL it at a random moment after it opened the file
    (it may finish first); returns what it printed and whether the kill hit it."""
    assert server.stdin is not None
    server.stdin.write(f"{rng.randint(1, 2**31)}\n".encode())
    server.stdin.flush()
    printed = lines.until(time.monotonic() + 20, lambda line: line.startswith("PID "))
    assert printed and printed[-1].startswith("PID "), f"no changer was forked: {printed}"
    pid = int(printed[-1].split()[1])
    printed += lines.until(time.monotonic() + 30, lambda line: line == "READY")
    assert "READY" in printed, "the changer did not open the portfolio within 30 s"
    printed += lines.until(
        time.monotonic() + rng.uniform(0.0, 1.2), lambda line: line.startswith("CHANGED ")
    )
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    printed += lines.until(time.monotonic() + 60, lambda line: line.startswith(f"DONE {pid} "))
    assert printed[-1].startswith(f"DONE {pid} "), "the changer was never reaped"
    status = int(printed[-1].split()[2])
    killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    assert killed or status == 0, f"the changer failed (wait status {status}); see its stderr"
    return printed, killed


def _check_after_change(path: Path, ledger: Ledger) -> list[str]:
    """The file opens with whichever passphrase it has now, keeps every entry, leaves no
    temporary copy beside it, and has a backup that opens with the same passphrase."""
    passphrase = CHANGE_PASSPHRASE if read_application_id(path) is None else None
    problems = _check_file(path, ledger, passphrase=passphrase)
    leftovers = sorted(p.name for p in path.parent.glob(f".{path.name}.*"))
    leftovers += sorted(p.name for p in backup_dir(path).glob(".*.tmp"))
    problems += [f"temporary copy left beside the file: {name}" for name in leftovers]
    if not any(not backup_problems(b, passphrase=passphrase) for b in list_backups(path)):
        problems.append("no backup opens with the file's passphrase")
    return problems


def test_sigkill_during_passphrase_changes_always_leaves_a_good_backup(
    portfolio_file: Path, tmp_path: Path
):
    rng = random.Random(SEED + 1)
    ledger = Ledger()
    with Portfolio.open(portfolio_file) as pf:
        ledger.entries.update(pf.entries.add(title=f"Kept {n}").value.id for n in range(3))
        pf.backup()
    kills = 0
    with (tmp_path / "changer-stderr.txt").open("wb") as stderr:
        server = _start_writer("--serve-passphrase", str(portfolio_file), stderr=stderr)
        assert server.stdout is not None
        lines = Lines(server.stdout)
        try:
            assert lines.until(time.monotonic() + 30, lambda line: line == "SERVING")
            for round_no in range(PASSPHRASE_ROUNDS):
                _, killed = _one_change(server, lines, rng)
                FIGURES.faults_injected += int(killed)
                problems = _check_after_change(portfolio_file, ledger)
                assert not problems, f"seed {SEED}, round {round_no}: {problems}"
                FIGURES.faults_survived += int(killed)
                kills += int(killed)
        finally:
            lines.close()
            server.kill()
            server.communicate(timeout=30)
    assert kills >= PASSPHRASE_ROUNDS // 4, f"seed {SEED}: only {kills} changes were killed"


def _refused_and_intact(out: bytes, path: Path, expected: str) -> None:
    """The writer's save was refused with ``expected`` in plain words and nothing was lost."""
    lines = out.decode().splitlines()
    refused = [line for line in lines if line.startswith("REFUSED ")]
    assert refused, f"no save was refused: {lines[-3:]}"
    FIGURES.faults_injected += 1
    kind, _, message = refused[0].removeprefix("REFUSED ").partition(" ")
    assert kind == expected, refused[0]
    assert path.name in message
    assert "was not saved" in message
    assert "nothing else was lost" in message
    ledger = Ledger()
    assert ledger.record(lines) > 0
    assert _check_file(path, ledger) == []
    FIGURES.faults_survived += 1


def test_a_full_disk_refuses_the_save_in_plain_words_and_loses_nothing(
    portfolio_file: Path, tmp_path: Path
):
    """A real full disk: the writer runs on a 3 MB tmpfs in a private mount namespace."""
    if shutil.which("unshare") is None or sys.platform != "linux":
        pytest.skip("needs Linux unshare to mount a small tmpfs")
    disk, out_dir = tmp_path / "small-disk", tmp_path / "after"
    disk.mkdir()
    out_dir.mkdir()
    inside = disk / portfolio_file.name
    writer = shlex.join([sys.executable, str(WRITER), str(inside), "7", "--fill-disk", "0"])
    script = (
        f"mount -t tmpfs -o size=3m tmpfs {shlex.quote(str(disk))} || exit 77; "
        f"cp {shlex.quote(str(portfolio_file))} {shlex.quote(str(inside))} && {writer}; "
        f"status=$?; cp {shlex.quote(str(inside))}* {shlex.quote(str(out_dir))}/; exit $status"
    )
    result = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, timeout=120)
    if result.returncode == 77:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.decode(errors='replace')[:200]}")
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    for leftover in out_dir.glob("*.lock"):
        leftover.unlink()  # the writer's lock, copied out with the file; its process is gone
    _refused_and_intact(result.stdout, out_dir / portfolio_file.name, "DiskFullError")


def test_a_file_size_limit_refuses_the_save_in_plain_words_and_loses_nothing(
    portfolio_file: Path,
):
    """RLIMIT_FSIZE makes write() fail with EFBIG, which SQLite reports as an I/O error."""
    process = _start_writer(str(portfolio_file), "7", "--fill-disk", str(300_000))
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err.decode(errors="replace")
    _refused_and_intact(out, portfolio_file, "StorageIOError")


def test_the_checker_itself_reports_damage_as_a_portfolio_error(portfolio_file: Path):
    """Sanity check of the check: a file whose pages were overwritten is caught, not passed."""
    PortfolioFile.open(portfolio_file).close()
    data = bytearray(portfolio_file.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 8192] = bytes(8192)
    portfolio_file.write_bytes(bytes(data))
    try:
        problems = _check_file(portfolio_file, Ledger(), count=False)
    except (PortfolioError, DatabaseError) as exc:
        problems = [f"refused: {exc}"]
    assert problems


def test_the_checker_notices_a_committed_entry_that_is_gone(portfolio_file: Path):
    """Sanity check of the check: an announced entry missing from the file is reported."""
    ledger = Ledger()
    ledger.record(["COMMITTED 00000000-0000-4000-8000-000000000000"])
    assert _check_file(portfolio_file, ledger, count=False) == [
        "committed entry 00000000-0000-4000-8000-000000000000 is missing"
    ]
