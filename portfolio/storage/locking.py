"""One writer at a time: a lock file beside the portfolio, with stale-lock detection.

SQLite serialises single transactions, but two copies of the app editing the same file for an
hour would still overwrite each other's work (autosave writes whole sections). So a process that
opens a portfolio for writing holds ``<file>.lock`` (who, where, since when). A second opener is
told who has it and gets a read-only view instead.

A lock is stale, and is cleared, when its owner is gone: on the same computer, when the process
no longer exists (and its advisory lock on the file is free); on another computer (a shared
drive), when its heartbeat (the file's modification time, refreshed every 30 s by the owner) is
more than two minutes old.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import threading
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from portfolio.errors import LockedError, ReadOnlyLocationError

HEARTBEAT_SECONDS = 30.0
STALE_AFTER_SECONDS = 120.0

try:  # POSIX advisory locks: released by the kernel when the owner dies, however it dies
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class LockInfo:
    pid: int
    host: str
    user: str
    since: str

    def describe(self) -> str:
        when = self.since[:16].replace("T", " ")
        return f"{self.user} on {self.host} (since {when} UTC)"


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


class WriterLock:
    """The write lock on one portfolio file, held from ``acquire`` to ``release``."""

    def __init__(self, path: Path) -> None:
        self.path = lock_path(path)
        self.portfolio_name = path.name
        self._fd: int | None = None
        self._stop = threading.Event()
        self._heartbeat: threading.Thread | None = None

    def acquire(self) -> None:
        """Take the lock, clearing a stale one; raises LockedError if someone else holds it."""
        for _ in range(3):
            try:
                fd: int | None = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o644)
            except FileExistsError:
                fd = None
            except OSError as exc:  # a read-only drive or share, or no permission
                raise ReadOnlyLocationError(
                    f"{self.portfolio_name} is in a folder that cannot be written to (a "
                    "read-only drive or share). It can be opened read-only; to change it, "
                    "copy it somewhere you can save to."
                ) from exc
            if fd is None:
                holder = read_lock(self.path)
                if self._is_stale(holder):
                    with contextlib.suppress(FileNotFoundError):
                        self.path.unlink()
                    continue
                who = holder.describe() if holder else "another copy of Portfolio"
                raise LockedError(
                    f"{self.portfolio_name} is already open for writing by {who}. "
                    "You can look at it read-only until they close it.",
                    holder=who,
                ) from None
            info = LockInfo(
                pid=os.getpid(),
                host=socket.gethostname(),
                user=_user(),
                since=datetime.now(UTC).isoformat(timespec="seconds"),
            )
            try:
                if fcntl is not None:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                os.write(fd, json.dumps(asdict(info)).encode())
                os.fsync(fd)
            except BaseException:
                os.close(fd)
                with contextlib.suppress(OSError):
                    self.path.unlink()
                raise
            self._fd = fd
            self._start_heartbeat()
            return
        raise LockedError(f"{self.portfolio_name} is being opened by another program; try again.")

    def release(self) -> None:
        self._stop.set()
        if self._heartbeat is not None:
            self._heartbeat.join(timeout=2)
        if self._fd is not None:
            with contextlib.suppress(OSError):
                self.path.unlink()
            os.close(self._fd)
            self._fd = None

    def _start_heartbeat(self) -> None:
        def beat() -> None:
            while not self._stop.wait(HEARTBEAT_SECONDS):
                with contextlib.suppress(OSError):
                    os.utime(self.path)

        self._heartbeat = threading.Thread(
            target=beat, name="portfolio-lock-heartbeat", daemon=True
        )
        self._heartbeat.start()

    def _is_stale(self, holder: LockInfo | None) -> bool:
        try:
            age = time.time() - self.path.stat().st_mtime
        except FileNotFoundError:
            return True
        if holder is None:
            # Unreadable: half-written by a process that died, or written by something else.
            return age > 5.0
        if holder.host == socket.gethostname():
            return not _process_alive(holder.pid) or _advisory_lock_free(self.path)
        return age > STALE_AFTER_SECONDS


class SharedWriterLock:
    """A process's hold on one file's WriterLock; opening the same file twice in one process
    (say the app and a background export) shares it, and the last release lets go."""

    def __init__(self, key: Path, lock: WriterLock) -> None:
        self._key = key
        self._lock = lock
        self._released = False

    def release(self) -> None:
        if self._released:
            return
        self._released = True
        with _REGISTRY_GUARD:
            lock, count = _REGISTRY[self._key]
            if count > 1:
                _REGISTRY[self._key] = (lock, count - 1)
                return
            del _REGISTRY[self._key]
        lock.release()


_REGISTRY: dict[Path, tuple[WriterLock, int]] = {}
_REGISTRY_GUARD = threading.Lock()


def acquire_writer_lock(path: Path) -> SharedWriterLock:
    """Take (or share, within this process) the write lock on ``path``; raises LockedError."""
    key = path.resolve()
    with _REGISTRY_GUARD:
        if key in _REGISTRY:
            lock, count = _REGISTRY[key]
            _REGISTRY[key] = (lock, count + 1)
            return SharedWriterLock(key, lock)
        lock = WriterLock(key)
        lock.acquire()
        _REGISTRY[key] = (lock, 1)
        return SharedWriterLock(key, lock)


def read_lock(path: Path) -> LockInfo | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return LockInfo(int(data["pid"]), str(data["host"]), str(data["user"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _advisory_lock_free(path: Path) -> bool:
    """True if nobody holds the kernel lock on the file (so its owner has died)."""
    if fcntl is None:  # pragma: no cover - Windows relies on the process check alone
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return True
    finally:
        os.close(fd)


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment
        return "unknown user"
