"""A portfolio on a read-only drive or share (issue 8, part 5): readable, never a traceback.

Root ignores file permissions, so the folder is made truly read-only with a read-only bind
mount in a private mount namespace (``unshare -m``); the probe runs inside it. Where that is not
allowed (no unshare, no CAP_SYS_ADMIN) the tests are skipped; test_storage_errors.py covers the
same messages through SQLite's mode=ro.
"""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hostile_support import portfolio_digest
from reliability_figures import FIGURES

from portfolio.domain.entry_input import entry_input_from_json
from portfolio.services.portfolio import Portfolio

PROBE = Path(__file__).with_name("readonly_probe.py")


def _in_read_only_mount(folder: Path, command: str) -> subprocess.CompletedProcess[str]:
    quoted = shlex.quote(str(folder))
    script = f"mount -o bind,ro {quoted} {quoted} && {command}"
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def probe_report(tmp_path_factory: pytest.TempPathFactory, template_portfolio: Path) -> Any:
    if shutil.which("unshare") is None or sys.platform != "linux":
        pytest.skip("needs Linux unshare to make a read-only mount")
    folder = tmp_path_factory.mktemp("read-only-share")
    path = folder / "learner.portfolio"
    shutil.copy2(template_portfolio, path)
    with Portfolio.open(path) as pf:
        for title in ("Greeting a regular customer", "Handling a refund"):
            pf.entries.add(entry_input_from_json({"title": title}))
    before = portfolio_digest(path)
    for leftover in folder.iterdir():
        if leftover != path:  # no lock, WAL or shm files: a plain copied file, as on a share
            leftover.unlink()
    check = _in_read_only_mount(folder, f"touch {shlex.quote(str(folder / 'x'))}")
    if "Read-only file system" not in check.stderr:
        pytest.skip(f"cannot make a read-only mount here: {check.stderr.strip()[:200]}")
    probe = shlex.join([sys.executable, str(PROBE), str(path)])
    result = _in_read_only_mount(folder, probe)
    assert result.returncode == 0, result.stderr
    FIGURES.faults_injected += 1
    return {"report": json.loads(result.stdout), "path": path, "before": before}


def _plain(outcome: dict[str, Any], name: str) -> None:
    assert outcome["portfolio_error"], outcome["traceback"]
    assert "\n" not in outcome["message"]
    assert name in outcome["message"]


def test_the_file_on_a_read_only_drive_is_left_exactly_as_it_was(probe_report: Any):
    assert portfolio_digest(probe_report["path"]) == probe_report["before"]
    FIGURES.faults_survived += 1


def test_a_portfolio_on_a_read_only_drive_opens_read_only_with_its_entries(probe_report: Any):
    outcome = probe_report["report"]["open_read_only"]
    assert outcome["opened"], outcome["message"]
    assert outcome["entries"] == 2
    assert not outcome["add"]["saved"]
    assert outcome["add"]["read_only_error"]
    _plain(outcome["add"], "learner.portfolio")


def test_opening_for_writing_on_a_read_only_drive_is_explained_plainly(probe_report: Any):
    outcome = probe_report["report"]["open_for_writing"]
    if outcome["opened"]:
        assert outcome["read_only"], "it claimed to open a read-only file for writing"
        assert not outcome["add"]["saved"]
        _plain(outcome["add"], "learner.portfolio")
    else:
        _plain(outcome, "learner.portfolio")
        assert outcome["read_only_error"], outcome["message"]
