"""Measuring helpers shared by every benchmark: median timings, machine facts, JSON, memory.

Each ``bench_*.py`` script and ``run.py`` import this module by name (the scripts run with
``benchmarks/`` first on ``sys.path``), so a timing means the same thing in all of them: the
median of several runs, with the process's CPU time beside the wall time. CPU time matters on
this 2-core machine, where another session's build can double the wall time of work that did
not itself change.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

# Libraries whose versions change what the benchmarks measure.
LIBRARIES = (
    "PySide6",
    "SQLAlchemy",
    "alembic",
    "reportlab",
    "rl-accel",
    "pymupdf",
    "pikepdf",
    "pypdf",
    "Pillow",
    "lxml",
    "python-docx",
    "jsonschema",
)


@dataclass(frozen=True)
class Timing:
    """Median wall-clock and CPU milliseconds over ``runs`` runs, and the fastest wall time."""

    wall_ms: float
    cpu_ms: float
    min_ms: float
    runs: int

    def as_dict(self) -> dict[str, float]:
        return {
            "wall_ms": round(self.wall_ms, 3),
            "cpu_ms": round(self.cpu_ms, 3),
            "min_ms": round(self.min_ms, 3),
            "runs": self.runs,
        }


def _nothing(_: int) -> None:
    return None


def median_ms(
    run: Callable[[int], object],
    repeat: int,
    before: Callable[[int], object] = _nothing,
    *,
    warm_up: bool = False,
) -> Timing:
    """Time ``run(i)`` ``repeat`` times (``before(i)`` runs untimed first); medians in ms.

    ``warm_up`` runs ``before(-1)`` and ``run(-1)`` once, untimed, first (imports, caches,
    regex compilation), so the median describes the steady state a learner meets.
    """
    if warm_up:
        before(-1)
        run(-1)
    wall, cpu = [], []
    for i in range(max(1, repeat)):
        before(i)
        start, start_cpu = time.perf_counter(), time.process_time()
        run(i)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return Timing(
        statistics.median(wall) * 1000, statistics.median(cpu) * 1000, min(wall) * 1000, len(wall)
    )


def median_s(fn: Callable[[], object], runs: int) -> float:
    """Median seconds of ``fn()`` over ``runs`` runs, after one untimed warm-up run."""
    return median_ms(lambda _: fn(), runs, warm_up=True).wall_ms / 1000


def load_average() -> float:
    """The one-minute load average (how busy the machine was), or -1 where unknown."""
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return -1.0


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM) in MB, from /proc or getrusage.

    /proc first: on Linux ``ru_maxrss`` survives exec, so a small child started by a big
    parent would report the parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def machine_info() -> dict[str, object]:
    """When and where a run happened: date, CPU, cores, RAM, load, Python and libraries."""
    import sqlite3

    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "ram_gb": _ram_gb(),
        "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "libraries": {name: _version(name) for name in LIBRARIES},
    }


def write_json(path: Path | str, data: object) -> Path:
    """Write ``data`` as indented JSON (UTF-8, trailing newline); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, default=str) + "\n", encoding="utf-8")
    return path


def build_demo(path: Path, entries: int, *, attachments: bool = False) -> float:
    """Create a demo portfolio (closed again); returns the seconds it took."""
    from portfolio.demo import create_demo

    start = time.perf_counter()
    create_demo(path, entries=entries, attachments=attachments).close()
    return time.perf_counter() - start


def detection_cache_bytes() -> int:
    """Bytes the shared detection cache (``anonymise.shared``) holds, as Python objects.

    Counted once each: the dict, every key (the text and the term tuple), every answer tuple
    and each ``Finding`` with its strings. What the findings share with the rest of the
    process (category names) is counted too, so the figure errs high by a few bytes a finding.
    """
    import sys

    from portfolio.anonymise import shared

    seen: set[int] = set()

    def size(obj: object) -> int:
        if id(obj) in seen:
            return 0
        seen.add(id(obj))
        total = sys.getsizeof(obj)
        if isinstance(obj, tuple):
            total += sum(size(x) for x in obj)
        elif hasattr(obj, "__dict__"):
            total += size(vars(obj)) + sum(size(v) for v in vars(obj).values())
        return total

    with shared._lock:
        answers = list(shared._answers.items())
        total = sys.getsizeof(shared._answers)
    return total + sum(size(key) + size(found) for key, found in answers)


def home_env(home: Path) -> dict[str, str]:
    """HOME and the XDG folders inside ``home``, so a timed process reads and writes no
    settings, recent files or caches of the person running the benchmark."""
    return {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
    }


def time_process(
    command: Sequence[str], env: dict[str, str], cwd: Path, timeout: float
) -> tuple[float, float]:
    """(wall, CPU) seconds of one whole process, CPU as the operating system counts it for
    the child (user + system); raises with the end of its stderr when it fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        list(command), env=env, cwd=str(cwd), capture_output=True, timeout=timeout, check=False
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr.decode()[-3000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
