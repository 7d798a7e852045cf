"""The start-up probe (``benchmarks/probes/app_window.py``) ends at once, with status 1 and the
error on stderr, when its driver raises, in its own code or in a slot of the app it drives. It
used to leave the app running behind the app's error dialog until run.py's 300 s timeout."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.processes import isolated_env

ROOT = Path(__file__).resolve().parents[2]
PROBES = ROOT / "benchmarks" / "probes"

# Runs the probe as run.py does, with one of its steps replaced by one that raises.
BROKEN = """
import sys
sys.path.insert(0, sys.argv[1])
import app_window

def broken(*args, **kwargs):
    raise RuntimeError("the driver broke on purpose")

setattr(app_window, sys.argv[2], broken)
sys.argv = ["app_window.py", sys.argv[3]]
sys.exit(app_window.main())
"""


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Python with ``args``, as run.py runs a probe. The timeout only guards the test run:
    before the fix a broken driver waited forever."""
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        env=isolated_env(tmp_path),
        cwd=tmp_path,
        timeout=240,
        check=False,
    )


@pytest.mark.parametrize(
    "step",
    [
        "_use",  # after the first frame, called from the driver's own loop
        "_first_line",  # from the window's first_frame_shown signal (a slot)
        "_when_shown",  # from the zero-delay timer (a slot)
    ],
)
def test_the_probe_exits_at_once_when_its_driver_raises(
    demo_file: Path, tmp_path: Path, step: str
) -> None:
    done = _run(tmp_path, "-c", BROKEN, str(PROBES), step, str(demo_file))
    assert done.returncode == 1, (done.returncode, done.stderr[-2000:])
    assert "RuntimeError: the driver broke on purpose" in done.stderr
    assert "after_use" not in done.stdout


def test_the_probe_still_reports_and_quits_normally(demo_file: Path, tmp_path: Path) -> None:
    done = _run(tmp_path, str(PROBES / "app_window.py"), str(demo_file), "--open-entries", "1")
    assert done.returncode == 0, done.stderr[-2000:]
    assert '"shown"' in done.stdout and '"after_use"' in done.stdout


def test_the_probe_checks_before_export_and_the_cache_keeps_to_the_budget_given(
    demo_file: Path, tmp_path: Path
) -> None:
    """What benchmarks/bench_check_memory.py reads: the export dialog's check in the app, the
    detection cache held to the budget it is given, and the memory around it."""
    import json

    budget = 0.05  # MiB: a fraction of the demo's texts
    args = ("--open-entries", "1", "--export-check", "--detection-cache", str(budget))
    done = _run(tmp_path, str(PROBES / "app_window.py"), str(demo_file), *args)
    assert done.returncode == 0, done.stderr[-2000:]
    [line] = [json.loads(x) for x in done.stdout.splitlines() if '"export_check"' in x]
    assert line["problems"] > 0  # the demo has deliberate gaps
    assert line["cache_budget"] == int(budget * 2**20)
    assert 0 < line["cache_counted"] <= line["cache_budget"]
    assert line["cache_texts"] > 0 and line["cache_bytes"] > 0
    assert line["rss_after_mb"] > 0 and line["peak_rss_mb"] >= line["rss_before_mb"]
