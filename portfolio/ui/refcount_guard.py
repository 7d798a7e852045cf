"""Keeps the app alive on CPython < 3.12 with a PySide6 build that drops references to None,
True and False.

Measured here (PySide6 6.12.0, CPython 3.11.7): every call of a C++ method that returns void,
such as ``QLineEdit.setText``, lowers ``sys.getrefcount(None)`` by one. On 3.12+ None is
immortal and nothing happens; on 3.11 the count reaches zero after a few thousand calls and the
interpreter aborts ("Fatal Python error: none_dealloc"; True and False suffer the same through
calls returning bool: "bool_dealloc"), a crash that loses the last autosave
window. The real fix is a Python 3.12+ interpreter (or a PySide6 build without the bug); until
then ``install`` detects the leak and, whenever the count runs low, adds back references that
are never released (written straight into None's reference count, as CPython 3.12 does by making
None immortal). Holding them in a list instead would hand them back at interpreter exit and
crash there.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QCoreApplication, QObject, QTimer

LOW_WATER = 200_000  # top up below this many references ...
TOP_UP = 1_000_000  # ... by this many
CHECK_MS = 250

_timer: QTimer | None = None


def leaks_none() -> bool:
    """True when this PySide6 build loses a reference to None on void calls."""
    if sys.version_info >= (3, 12):
        return False
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(100):
        probe.setObjectName("probe")
    leaked = sys.getrefcount(None) < before - 50
    del probe
    return leaked


def top_up() -> None:
    """Add TOP_UP never-released references to None, True and False where they run low."""
    if sys.version_info >= (3, 12):
        return
    for singleton in (None, True, False):
        if sys.getrefcount(singleton) < LOW_WATER:
            # ob_refcnt is the first field of every CPython object; id() is its address.
            # The GIL is held, so nothing else changes the count meanwhile.
            ctypes.c_ssize_t.from_address(id(singleton)).value += TOP_UP


def install(app: QCoreApplication) -> bool:
    """Start topping up if needed (idempotent); True when the workaround is active."""
    global _timer
    if _timer is not None:
        return True
    if not leaks_none():
        return False
    top_up()
    _timer = QTimer(app)
    _timer.setInterval(CHECK_MS)
    _timer.timeout.connect(top_up)
    _timer.start()
    return True
