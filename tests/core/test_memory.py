"""portfolio.memory: freed C-heap memory handed back where the C library can (glibc)."""

from __future__ import annotations

import sys

import pytest

from portfolio import memory


def _rss_kb() -> int:
    from pathlib import Path

    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_freed_memory_goes_back_to_the_system_on_glibc() -> None:
    import ctypes

    libc = ctypes.CDLL(None)
    libc.malloc.restype = ctypes.c_void_p
    libc.free.argtypes = [ctypes.c_void_p]
    blocks = [libc.malloc(4096) for _ in range(20_000)]  # ~80 MB in small blocks, touched
    for block in blocks:
        ctypes.memset(block, 1, 4096)
    for block in blocks[:-1]:  # the last one pins the heap's top: only trimming frees the rest
        libc.free(block)
    before = _rss_kb()
    assert memory.return_freed_memory() is True
    assert before - _rss_kb() > 40_000
    libc.free(blocks[-1])


def test_elsewhere_it_does_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    memory._trim.cache_clear()
    monkeypatch.setattr(sys, "platform", "darwin")
    try:
        assert memory.return_freed_memory() is False
    finally:
        monkeypatch.undo()
        memory._trim.cache_clear()
