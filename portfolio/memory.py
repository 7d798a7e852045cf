"""Giving the C heap's freed memory back to the system after a large, one-off piece of work.

glibc keeps memory that C code (SQLite, SQLAlchemy's row buffers, the trie builder, large Python
lists and dicts) has freed, per thread arena, for that thread to reuse. After work such as
building the spell checker's word list or the suggestions model on a worker thread, that thread
may never need it again, and the app would carry it to the end: measured with the benchmark's
memory probe at 20,000 entries (``ru_maxrss``, issue #17). ``malloc_trim`` hands the free pages
of every arena back. Elsewhere than glibc (musl, macOS, Windows) this does nothing.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from functools import cache


@cache
def _trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim  # the process's C library
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return None
    return trim


def return_freed_memory() -> bool:
    """Give the C heap's free pages back to the system; whether the C library could."""
    trim = _trim()
    if trim is None:
        return False
    trim(0)
    return True
