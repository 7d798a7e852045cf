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
"""

from __future__ import annotations

import atexit
import configparser
import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import platformdirs

APP_NAME = "Portfolio"
APP_AUTHOR = "Portfolio"
SHARED_MACHINE_FLAG = "--shared-machine"
SHARED_MACHINE_ENV = "PORTFOLIO_SHARED_MACHINE"
PORTABLE_MARKER = "portable.ini"
PORTABLE_DIR_ENV = "PORTFOLIO_PORTABLE_DIR"
PORTABLE_DATA_DEFAULT = "PortfolioData"

_lock = threading.Lock()
_shared_root: Path | None = None
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
    global _shared_root, _atexit_registered
    with _lock:
        if _shared_root is None:
            portable = portable_root()
            parent = _ensure(portable / "sessions") if portable else None
            _shared_root = Path(tempfile.mkdtemp(prefix="portfolio-session-", dir=parent))
            if not _atexit_registered:
                atexit.register(end_shared_machine_mode)
                _atexit_registered = True
        return _shared_root


def end_shared_machine_mode() -> None:
    """Remove the session folder and everything in it, and switch the mode off."""
    global _shared_root
    with _lock:
        root, _shared_root = _shared_root, None
    if root is not None:
        shutil.rmtree(root, ignore_errors=True)


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
    return _dir("config", platformdirs.user_config_dir)


def cache_dir() -> Path:
    """Where throw-away caches (previews, thumbnails) live (created on first use)."""
    return _dir("cache", platformdirs.user_cache_dir)


def data_dir() -> Path:
    """Where per-user data the app makes (not portfolios) lives (created on first use)."""
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
