"""Per-user folders for configuration, caches and data, and the shared-machine mode.

Everything the app keeps on the machine (outside the portfolio files themselves) lives under
``config_dir()``, ``cache_dir()`` or ``data_dir()``. On a shared college machine the app must
leave nothing of a learner behind: ``enable_shared_machine_mode()`` points all three at one
private temporary folder, removed by ``end_shared_machine_mode()`` and, as a safety net, when
the process exits. The UI settings wrapper asks ``shared_machine_mode()`` and then keeps no
recent-files list or window state on disk.

The mode is switched on by the app's ``--shared-machine`` option or by the environment variable
``PORTFOLIO_SHARED_MACHINE=1`` (so a college can set it for every account).
"""

from __future__ import annotations

import atexit
import os
import shutil
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

_lock = threading.Lock()
_shared_root: Path | None = None
_atexit_registered = False


def shared_machine_requested(argv: Sequence[str] = ()) -> bool:
    """True if ``argv`` has ``--shared-machine`` or the environment asks for the mode."""
    if SHARED_MACHINE_FLAG in argv:
        return True
    return os.environ.get(SHARED_MACHINE_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def shared_machine_mode() -> bool:
    """True while shared-machine mode is on: keep nothing on disk beyond the session."""
    return _shared_root is not None


def enable_shared_machine_mode() -> Path:
    """Switch the mode on (idempotent); returns the private temporary folder now in use."""
    global _shared_root, _atexit_registered
    with _lock:
        if _shared_root is None:
            _shared_root = Path(tempfile.mkdtemp(prefix="portfolio-session-"))
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
    return Path(tempfile.gettempdir())


def _dir(kind: str, finder: Callable[[str, str], str]) -> Path:
    root = _shared_root
    if root is not None:
        return _ensure(root / kind)
    return _ensure(Path(finder(APP_NAME, APP_AUTHOR)))


def _ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path
