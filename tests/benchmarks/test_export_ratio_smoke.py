"""``benchmarks/export_ratio.py`` still runs: tiny portfolios, one round, a second checkout (this
one again) as the base. Speed itself is never asserted here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_export_ratio_runs_every_process_and_writes_medians_ratios_and_pages(
    tmp_path: Path,
) -> None:
    out = tmp_path / "ratio.json"
    work = tmp_path / "work"
    command = [
        sys.executable,
        str(ROOT / "benchmarks" / "export_ratio.py"),
        "--sizes",
        "3",
        "6",
        "--rounds",
        "1",
        "--base",
        str(ROOT),
        "--work",
        str(work),
        "--json",
        str(out),
    ]
    done = subprocess.run(
        command,
        cwd=ROOT,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [size["entries"] for size in data["sizes"]] == [3, 6]
    assert data["base"] == str(ROOT)
    for size in data["sizes"]:
        runs = size["runs"]
        assert set(runs) == {"export", "base", "same content", "same text"}
        for name, values in runs.items():
            assert values["cpu_s"] > 0 and len(values["cpu_runs"]) == 1, name
            assert values["pages"] > 0, name
        assert runs["export"]["pages"] == runs["base"]["pages"]  # the same code twice
        assert set(size["ratios"]) == {
            "export / same content",
            "export / same text",
            "base / same content",
            "base / same text",
            "export / base",
        }
        assert size["target"] == 1.3 and len(size["load_average"]) == 2
    assert data["machine"]["cores"]
    assert "export / same content" in done.stdout
    assert (work / "demo-6.portfolio").is_file()  # kept for the next run
