"""`portfolio export`, `pack` and `export --check` pause the garbage collector while they start
up, and freeze what start-up made only when the command is the whole process.

Checked by state, never by time: in-process (as tests and any caller of ``main(argv)`` run it)
the collector is back as the caller had it and nothing is frozen, whatever the command's
outcome; as its own process (``main()`` with no argv, as ``python -m portfolio`` runs it) the
start-up objects are frozen before the layout and the collector runs during it.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from portfolio.domain.entry_input import entry_input_from_json
from portfolio.services.portfolio import Portfolio

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def collector() -> Iterator[None]:
    """The collector on and nothing frozen before the test, and so after it."""
    was = gc.isenabled()
    gc.enable()
    gc.unfreeze()
    yield
    gc.unfreeze()
    if not was:
        gc.disable()


@pytest.fixture
def flagged_file(portfolio_file: Path) -> Path:
    with Portfolio.open(portfolio_file) as pf:
        pf.entries.add(
            entry_input_from_json(
                {
                    "title": "Helping with an order",
                    "event_date": "2026-11-02",
                    "status": "ready",
                    "situation": "Mrs Okafor rang on 07700 900123 about her order.",
                }
            )
        )
    return portfolio_file


@pytest.mark.usefixtures("collector")
@pytest.mark.parametrize("command", ["export", "pack", "check"])
def test_in_process_the_collector_is_back_and_nothing_is_frozen(
    cli, portfolio_file: Path, tmp_path: Path, command: str
) -> None:
    args = {
        "export": ("export", portfolio_file, "-o", tmp_path / "out.pdf"),
        "pack": ("pack", portfolio_file, "-o", tmp_path / "out.zip"),
        "check": ("export", portfolio_file, "--check", "--json"),
    }[command]
    assert cli(*args).code == 0
    assert gc.isenabled() and gc.get_freeze_count() == 0


@pytest.mark.usefixtures("collector")
def test_a_refused_export_and_a_bad_file_leave_the_collector_as_it_was(
    cli, flagged_file: Path, tmp_path: Path
) -> None:
    refused = cli("export", flagged_file, "-o", tmp_path / "out.pdf")
    assert refused.code != 0 and "personal data" in refused.err
    assert not (tmp_path / "out.pdf").exists()
    assert gc.isenabled() and gc.get_freeze_count() == 0
    (tmp_path / "bad.portfolio").write_bytes(b"not a portfolio")
    assert cli("export", tmp_path / "bad.portfolio", "-o", tmp_path / "b.pdf").code != 0
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()  # a caller that paused the collector keeps it paused
    assert cli("export", flagged_file, "--check").code == 0
    assert not gc.isenabled() and gc.get_freeze_count() == 0


def test_as_its_own_process_start_up_is_frozen_before_the_layout(
    portfolio_file: Path, tmp_path: Path
) -> None:
    # main() with no argv, as `python -m portfolio` calls it; the layout is watched through
    # the collector's callbacks: the freeze must come before the first page is laid out.
    script = """
import gc, json, sys
from portfolio.export.pdf import document
seen = {}
write_pdf = document.write_pdf
def watched(*args, **kwargs):
    seen["frozen_at_layout"] = gc.get_freeze_count()
    seen["enabled_at_layout"] = gc.isenabled()
    return write_pdf(*args, **kwargs)
document.write_pdf = watched
sys.argv = ["portfolio", "export", sys.argv[1], "-o", sys.argv[2]]
from portfolio.cli import main
seen["code"] = main()
print(json.dumps(seen))
"""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", script, str(portfolio_file), str(tmp_path / "out.pdf")],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["code"] == 0 and (tmp_path / "out.pdf").stat().st_size > 0
    assert seen["frozen_at_layout"] > 10_000  # modules, classes, the snapshot
    assert seen["enabled_at_layout"] is True
