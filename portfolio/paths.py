"""Per-user folders for configuration, caches and data, and the shared-machine mode.

Everything the app keeps on the machine (outside the portfolio files themselves) lives under
``config_dir()``, ``cache_dir()`` or ``data_dir()``. On a shared college machine the app must
leave nothing of a learner behind: ``enable_shared_machine_mode()`` points all three at one
private temporary folder, removed by ``end_shared_machine_mode()`` and, as a safety net, when
the process exits. The UI settings wrapper asks ``shared_machine_mode()`` and then keeps no
recent-files list or window state on disk.

The mode is switched on by the app's ``--shared-machine`` option or by the environment variable
``PORTFOLIO_SHARED_MACHINE=1`` (so a college can set it for every account).

Portable mode is for a USB stick: when a file ``portable.ini`` sits beside the executable (or the
folder named by ``PORTFOLIO_PORTABLE_DIR`` holds one), every setting, recent-file list, cache,
signing identity and temporary file lives in a ``PortfolioData`` folder beside it, and nothing is
written to the machine's profile. ``apply_portable_environment()`` also points the XDG folders
and TMPDIR there before Qt starts, so Qt and fontconfig keep their caches on the stick too.
Shared-machine mode still works on top: its session folder is then made inside the stick's
folder and removed at exit.

A session folder is named ``portfolio-session-<pid>-<random>`` and holds an ``.owner`` file the
session keeps a kernel lock on. A session that crashed (power cut, killed) could not remove its
folder, so the next session to start removes every session folder whose owner is gone (issue
20, failure 9).

The idle lock's time comes from ``PORTFOLIO_IDLE_MINUTES`` (so a college can set it for every
account), else the app's ``review/idle_minutes`` setting, else ten minutes.
"""

from __future__ import annotations

import atexit
import math
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

try:  # POSIX advisory locks: released by the kernel when the session's process dies
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

APP_NAME = "Portfolio"
APP_AUTHOR = "Portfolio"
SHARED_MACHINE_FLAG = "--shared-machine"
SHARED_MACHINE_ENV = "PORTFOLIO_SHARED_MACHINE"
PORTABLE_MARKER = "portable.ini"
PORTABLE_DIR_ENV = "PORTFOLIO_PORTABLE_DIR"
PORTABLE_DATA_DEFAULT = "PortfolioData"
SESSION_PREFIX = "portfolio-session-"
IDLE_MINUTES_ENV = "PORTFOLIO_IDLE_MINUTES"
DEFAULT_IDLE_MINUTES = 10.0
IDLE_MINUTES_RANGE = (1.0, 240.0)
_LEGACY_SESSION_AGE_SECONDS = 12 * 3600

_lock = threading.Lock()
_shared_root: Path | None = None
_owner_fd: int | None = None
_atexit_registered = False


def shared_machine_requested(argv: Sequence[str] = ()) -> bool:
    """True if ``argv`` has ``--shared-machine`` or the environment asks for the mode."""
    if SHARED_MACHINE_FLAG in argv:
        return True
    return os.environ.get(SHARED_MACHINE_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def portable_root() -> Path | None:
    """The portable data folder, or None when this is an ordinary installation.

    Portable when ``portable.ini`` sits beside the frozen executable, or in the folder named by
    ``PORTFOLIO_PORTABLE_DIR`` (how a source checkout or a test asks for it). The ini may name
    the data folder (``[portable] data = Some Folder``, relative to the ini); by default it is
    ``PortfolioData`` beside it.
    """
    override = os.environ.get(PORTABLE_DIR_ENV, "").strip()
    if override:
        folder = Path(override).expanduser().resolve()
    elif getattr(sys, "frozen", False):  # the PyInstaller bundle: beside the executable
        folder = Path(sys.executable).resolve().parent
    else:
        return None
    marker = folder / PORTABLE_MARKER
    if not marker.is_file():
        return None
    import configparser  # only on a portable install: every command starts here (#14)

    parser = configparser.ConfigParser()
    try:
        parser.read(marker, encoding="utf-8")
    except (configparser.Error, OSError, UnicodeDecodeError):
        parser.clear()  # an unreadable ini still means "portable", with the default folder
    name = parser.get("portable", "data", fallback=PORTABLE_DATA_DEFAULT).strip()
    return (folder / (name or PORTABLE_DATA_DEFAULT)).resolve()


def portable_mode() -> bool:
    return portable_root() is not None


def apply_portable_environment() -> Path | None:
    """In portable mode, point the per-user folders every library uses at the stick.

    Called first thing by both programs, before Qt or any library reads these variables.
    Returns the portable data folder, or None when not portable (then nothing is changed).
    """
    root = portable_root()
    if root is None:
        return None
    for var, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_STATE_HOME", "state"),
    ):
        os.environ[var] = str(_ensure(root / "xdg" / sub))
    temp = str(_ensure(root / "tmp"))
    for var in ("TMPDIR", "TEMP", "TMP"):
        os.environ[var] = temp
    tempfile.tempdir = None  # forget a temp folder chosen before the variables changed
    return root


def shared_machine_mode() -> bool:
    """True while shared-machine mode is on: keep nothing on disk beyond the session."""
    return _shared_root is not None


def enable_shared_machine_mode() -> Path:
    """Switch the mode on (idempotent); returns the private temporary folder now in use."""
    global _shared_root, _atexit_registered, _owner_fd
    with _lock:
        if _shared_root is None:
            portable = portable_root()
            parent = _ensure(portable / "sessions") if portable else None
            remove_abandoned_sessions(parent)
            _shared_root = Path(
                tempfile.mkdtemp(prefix=f"{SESSION_PREFIX}{os.getpid()}-", dir=parent)
            )
            _owner_fd = _hold_owner(_shared_root)
            if not _atexit_registered:
                atexit.register(end_shared_machine_mode)
                _atexit_registered = True
        return _shared_root


def end_shared_machine_mode() -> None:
    """Remove the session folder and everything in it, and switch the mode off."""
    global _shared_root, _owner_fd
    with _lock:
        root, _shared_root = _shared_root, None
        owner, _owner_fd = _owner_fd, None
    if root is not None:
        import shutil

        shutil.rmtree(root, ignore_errors=True)
    if owner is not None:
        os.close(owner)


def remove_abandoned_sessions(folder: Path | None = None) -> list[Path]:
    """Remove the session folders of shared-machine sessions that ended without cleaning up
    (the app crashed or was killed); returns what was removed. A live session's folder is
    never touched: its owner holds the kernel lock on ``.owner`` (or, where there are no such
    locks, its process still runs)."""
    folder = Path(folder or tempfile.gettempdir())
    removed: list[Path] = []
    try:
        candidates = [p for p in folder.glob(f"{SESSION_PREFIX}*") if p.is_dir()]
    except OSError:
        return removed
    for candidate in candidates:
        if candidate == _shared_root or not _abandoned(candidate):
            continue
        import shutil

        shutil.rmtree(candidate, ignore_errors=True)
        if not candidate.exists():
            removed.append(candidate)
    return removed


def _abandoned(session: Path) -> bool:
    try:
        if session.stat().st_uid != os.getuid():
            return False  # another account's session: not ours to judge
    except (OSError, AttributeError):
        pass  # no uids on this platform
    owner = session / ".owner"
    pid_text = session.name.removeprefix(SESSION_PREFIX).split("-", 1)[0]
    if owner.exists() and fcntl is not None:
        try:
            fd = os.open(owner, os.O_RDONLY)
        except OSError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False  # held: the session is alive
        finally:
            os.close(fd)  # also drops the lock we may just have taken
        return True
    if pid_text.isdigit():
        return not _process_alive(int(pid_text))
    try:  # a folder from an older version: no owner recorded, so only when long untouched
        return time.time() - session.stat().st_mtime > _LEGACY_SESSION_AGE_SECONDS
    except OSError:
        return False


def _hold_owner(root: Path) -> int | None:
    """Create ``root/.owner`` and keep a kernel lock on it for the session's life."""
    try:
        fd = os.open(root / ".owner", os.O_CREAT | os.O_RDWR, 0o600)
    except OSError:
        return None
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            pass
    os.write(fd, str(os.getpid()).encode())
    return fd


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return pid > 0
    return True


def idle_lock_minutes(configured: object = None) -> float:
    """Minutes without use before the idle lock hides a portfolio: ``PORTFOLIO_IDLE_MINUTES``,
    else ``configured`` (the app's setting), else ten; kept between one and 240 minutes.
    Values that are not numbers are ignored."""
    for raw in (os.environ.get(IDLE_MINUTES_ENV), configured):
        try:
            value = float(str(raw).strip()) if raw not in (None, "") else None
        except ValueError:
            value = None
        if value is not None and math.isfinite(value):
            low, high = IDLE_MINUTES_RANGE
            return min(max(value, low), high)
    return DEFAULT_IDLE_MINUTES


@contextmanager
def shared_machine_session() -> Iterator[Path]:
    """``with shared_machine_session():`` for a block of work that must leave no trace."""
    root = enable_shared_machine_mode()
    try:
        yield root
    finally:
        end_shared_machine_mode()


def config_dir() -> Path:
    """Where per-user settings live (created on first use)."""
    import platformdirs

    return _dir("config", platformdirs.user_config_dir)


def cache_dir() -> Path:
    """Where throw-away caches (previews, thumbnails) live (created on first use)."""
    import platformdirs

    return _dir("cache", platformdirs.user_cache_dir)


def data_dir() -> Path:
    """Where per-user data the app makes (not portfolios) lives (created on first use)."""
    import platformdirs

    return _dir("data", platformdirs.user_data_dir)


def temp_dir() -> Path:
    """A folder for temporary files: inside the session folder in shared-machine mode."""
    root = _shared_root
    if root is not None:
        return _ensure(root / "tmp")
    portable = portable_root()
    if portable is not None:
        return _ensure(portable / "tmp")
    return Path(tempfile.gettempdir())


def _dir(kind: str, finder: Callable[[str, str], str]) -> Path:
    root = _shared_root
    if root is not None:
        return _ensure(root / kind)
    portable = portable_root()
    if portable is not None:
        return _ensure(portable / kind)
    return _ensure(Path(finder(APP_NAME, APP_AUTHOR)))


def _ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path
