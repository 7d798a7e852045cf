"""One writer at a time: a lock file beside the portfolio, with stale-lock detection.

SQLite serialises single transactions, but two copies of the app editing the same file for an
hour would still overwrite each other's work (autosave writes whole sections). So a process that
opens a portfolio for writing holds ``<file>.lock`` (who, where, since when, and a random token
that is its proof of ownership). A second opener is told who has it and gets a read-only view.

Three rules keep it to one holder, however many processes race for it (issue 20):

- **Taking** the lock is one exclusive create (``O_CREAT | O_EXCL``): of any number of
  processes that find no lock, exactly one creates it. The owner holds a kernel advisory lock
  (``flock``) on the file from the moment it exists and writes its details straight after.
- **Releasing** deletes the lock file only if it is still this holder's (same inode, same token):
  a holder whose lock was wrongly cleared never deletes the next holder's.
- **Clearing a stale lock** is an atomic rename of that very file (checked by inode) to a private
  name, done by one process at a time (a kernel lock on the folder while clearing). A slower
  process that judged the same old lock stale finds a different file when its turn comes and
  leaves it alone, so it can never delete a lock someone else has just taken.

A lock is stale, and is cleared, when its owner is gone: on the same computer, when the process
no longer exists or no longer holds its advisory lock on the file; on another computer (a
shared drive), when its heartbeat (the file's modification time, refreshed every 30 s by the
owner) is more than two minutes old. A lock file nobody could read (its owner died between
creating it and writing into it) is stale after five seconds.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import secrets
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from portfolio.errors import LockedError, ReadOnlyLocationError

HEARTBEAT_SECONDS = 30.0
STALE_AFTER_SECONDS = 120.0
UNREADABLE_STALE_AFTER_SECONDS = 5.0
_ATTEMPTS = 50
_MAX_LOCK_BYTES = 4096
_GUARD_WAIT_SECONDS = 5.0

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
    token: str = ""

    def describe(self) -> str:
        when = self.since[:16].replace("T", " ")
        return f"{self.user} on {self.host} (since {when} UTC)"


@dataclass(frozen=True, slots=True)
class _Seen:
    """One look at the lock file: which file it was and what it said. ``ident`` is device,
    inode, modification time and content together: inode numbers are reused at once when a
    cleared lock is deleted, so the inode alone cannot tell a new lock from the old one."""

    ident: tuple[int, int, int, bytes]
    age: float
    holder: LockInfo | None
    advisory_free: bool


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


class WriterLock:
    """The write lock on one portfolio file, held from ``acquire`` to ``release``."""

    def __init__(self, path: Path) -> None:
        self.path = lock_path(path)
        self.portfolio_name = path.name
        self._fd: int | None = None
        self._ident: tuple[int, int] | None = None
        self._token = ""
        self._stop = threading.Event()
        self._heartbeat: threading.Thread | None = None

    @property
    def held(self) -> bool:
        """True while the lock file at the path is still this holder's."""
        return self._fd is not None and self._still_mine()

    def acquire(self) -> None:
        """Take the lock, clearing a stale one; raises LockedError if someone else holds it."""
        for _ in range(_ATTEMPTS):
            fd = self._create()
            if fd is not None:
                self._own(fd)
                return
            seen = self._look()
            if seen is None:
                continue  # it went away between our create and our look: try again
            if not self._is_stale(seen):
                who = seen.holder.describe() if seen.holder else "another copy of Portfolio"
                raise LockedError(
                    f"{self.portfolio_name} is already open for writing by {who}. "
                    "You can look at it read-only until they close it.",
                    holder=who,
                )
            self._clear_stale(seen.ident)
        raise LockedError(f"{self.portfolio_name} is being opened by another program; try again.")

    def release(self) -> None:
        self._stop.set()
        if self._heartbeat is not None:
            self._heartbeat.join(timeout=2)
        if self._fd is None:
            return
        try:
            if self._still_mine():
                with contextlib.suppress(OSError):
                    self.path.unlink()
        finally:
            os.close(self._fd)
            self._fd = None

    # -- taking ------------------------------------------------------------------------------

    def _create(self) -> int | None:
        try:
            return os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o644)
        except FileExistsError:
            return None
        except OSError as exc:  # a read-only drive or share, or no permission
            raise ReadOnlyLocationError(
                f"{self.portfolio_name} is in a folder that cannot be written to (a "
                "read-only drive or share). It can be opened read-only; to change it, "
                "copy it somewhere you can save to."
            ) from exc

    def _own(self, fd: int) -> None:
        token = secrets.token_hex(16)
        info = LockInfo(
            pid=os.getpid(),
            host=socket.gethostname(),
            user=_user(),
            since=datetime.now(UTC).isoformat(timespec="seconds"),
            token=token,
        )
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)  # a new file: nobody else waits for this
            os.write(fd, json.dumps(asdict(info)).encode())
            os.fsync(fd)
            stat = os.fstat(fd)
        except BaseException:
            # Ours for certain (we created it and nobody may clear it for five seconds).
            os.close(fd)
            with contextlib.suppress(OSError):
                self.path.unlink()
            raise
        self._fd = fd
        self._ident = (stat.st_dev, stat.st_ino)
        self._token = token
        self._start_heartbeat()

    def _still_mine(self) -> bool:
        try:
            stat = self.path.stat()
        except OSError:
            return False
        if (stat.st_dev, stat.st_ino) != self._ident:
            return False
        holder = read_lock(self.path)
        return holder is not None and holder.token == self._token

    def _start_heartbeat(self) -> None:
        fd = self._fd

        def beat() -> None:
            while not self._stop.wait(HEARTBEAT_SECONDS):
                with contextlib.suppress(OSError):
                    if fd is not None and os.utime in os.supports_fd:
                        os.utime(fd)  # our own file, even if the name now points elsewhere
                    elif self._still_mine():
                        os.utime(self.path)

        self._heartbeat = threading.Thread(
            target=beat, name="portfolio-lock-heartbeat", daemon=True
        )
        self._heartbeat.start()

    # -- judging and clearing ----------------------------------------------------------------

    def _look(self) -> _Seen | None:
        """Read the lock file through one descriptor, so what it says, its age and whether its
        owner still holds it all describe the same file; None if there is none."""
        try:
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except FileNotFoundError:
            return None
        except OSError:
            # Present but unreadable (permissions): judge it by its age alone.
            try:
                stat = self.path.stat()
            except OSError:
                return None
            age = time.time() - stat.st_mtime
            return _Seen(_ident(stat, b"?"), age, None, advisory_free=False)
        try:
            stat = os.fstat(fd)
            raw = os.read(fd, _MAX_LOCK_BYTES)
            holder = _parse_lock(raw)
            # Only a lock with its details written is tested: its owner took the kernel lock
            # before writing them, so a free kernel lock then means the owner is gone (testing
            # an empty one could take the kernel lock from under an owner still starting).
            free = holder is not None and _advisory_lock_free(fd)
            return _Seen(_ident(stat, raw), time.time() - stat.st_mtime, holder, free)
        except OSError:
            return None
        finally:
            os.close(fd)

    def _is_stale(self, seen: _Seen) -> bool:
        holder = seen.holder
        if holder is None:
            # Unreadable: half-written by a process that died, or written by something else.
            return seen.age > UNREADABLE_STALE_AFTER_SECONDS
        if holder.host == socket.gethostname():
            return not _process_alive(holder.pid) or seen.advisory_free
        return seen.age > STALE_AFTER_SECONDS

    def _clear_stale(self, ident: tuple[int, int, int, bytes]) -> None:
        """Move the stale lock file ``ident`` out of the way, if it is still the one there."""
        aside = self.path.with_name(f"{self.path.name}.{secrets.token_hex(8)}.stale")
        with _clearing_guard(self.path.parent):
            seen = self._look()
            if seen is None or seen.ident != ident:
                return  # already cleared, perhaps already taken again: look afresh
            try:
                os.rename(self.path, aside)
            except FileNotFoundError:
                return
            except OSError:
                return  # cannot rename here (permissions): the next attempt will say so
            try:
                with aside.open("rb") as handle:
                    moved = _ident(os.fstat(handle.fileno()), handle.read(_MAX_LOCK_BYTES))
            except OSError:
                return
            if moved != ident:
                # Only possible where the folder cannot be kernel-locked (see the guard): we
                # took a lock that was made a moment ago. Put it back unless the name is taken.
                with contextlib.suppress(OSError):
                    os.link(aside, self.path)
            with contextlib.suppress(OSError):
                aside.unlink()


@contextlib.contextmanager
def _clearing_guard(folder: Path) -> Iterator[None]:
    """One process at a time clears stale locks in ``folder`` (a kernel lock on the folder,
    released by the kernel if the process dies). Where folders cannot be locked (Windows, some
    network shares) the inode check in ``_clear_stale`` is the remaining guard."""
    if fcntl is None:  # pragma: no cover - Windows
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        deadline = time.monotonic() + _GUARD_WAIT_SECONDS
        locked = False
        while not locked:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                locked = True
            except BlockingIOError:
                if time.monotonic() > deadline:
                    break
                time.sleep(0.005)
            except OSError:
                break  # this file system cannot lock folders
        yield
    finally:
        os.close(fd)  # closing drops the kernel lock


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


def _ident(stat: os.stat_result, raw: bytes) -> tuple[int, int, int, bytes]:
    return (stat.st_dev, stat.st_ino, stat.st_mtime_ns, raw)


def read_lock(path: Path) -> LockInfo | None:
    try:
        with path.open("rb") as handle:
            return _parse_lock(handle.read(_MAX_LOCK_BYTES))
    except OSError:
        return None


def _parse_lock(raw: bytes) -> LockInfo | None:
    try:
        data = json.loads(raw.decode("utf-8"))
        return LockInfo(
            int(data["pid"]),
            str(data["host"]),
            str(data["user"]),
            str(data["since"]),
            str(data.get("token", "")),
        )
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
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
    except OverflowError:
        return False
    return True


def _advisory_lock_free(fd: int) -> bool:
    """True if nobody holds the kernel lock on the open file ``fd`` (so its owner has died)."""
    if fcntl is None:  # pragma: no cover - Windows relies on the process check alone
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    fcntl.flock(fd, fcntl.LOCK_UN)
    return True


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment
        return "unknown user"
