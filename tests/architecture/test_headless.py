"""The headless blocker really makes PySide6 unimportable, and the CLI still works under it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _headless(code: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "tests" / "headless"), str(ROOT)]),
    }
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )


def test_pyside6_cannot_be_imported_under_the_blocker() -> None:
    result = _headless("import PySide6")
    assert result.returncode != 0
    assert "headless test run" in result.stderr


def test_the_cli_runs_under_the_blocker() -> None:
    result = _headless(
        "import sys\n"
        "from portfolio.cli import main\n"
        "code = main(['frameworks', 'list', '--json'])\n"
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "sys.exit(code)\n"
    )
    assert result.returncode == 0, result.stderr
    assert '"id"' in result.stdout
