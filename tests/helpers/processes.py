"""The environment for a test's child process (the app, the CLI, a benchmark probe): offscreen
Qt, this checkout first on the path, and HOME and every XDG folder inside the test's own
temporary folder, so the child writes nothing to the machine's real settings or caches."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
USER_FOLDERS = ("HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME")


def isolated_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    for var in USER_FOLDERS:
        (tmp_path / var).mkdir(exist_ok=True)
        env[var] = str(tmp_path / var)
    return env
