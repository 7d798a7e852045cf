"""``main.py --self-test``: the check a bundle's smoke test (and a college's IT) runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run_main(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def _env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen")
    return env


def test_self_test_opens_the_demo_and_exits_0(tmp_path: Path) -> None:
    result = _run_main("--self-test", env=_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "self-test OK" in result.stdout
    assert "(demo)" in result.stdout


def test_self_test_fails_when_the_file_cannot_be_opened(tmp_path: Path) -> None:
    env = _env(tmp_path)
    (tmp_path / "bad.portfolio").write_bytes(b"not a portfolio" * 50)
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), str(tmp_path / "bad.portfolio"), "--self-test"],
        env={**env, "PORTFOLIO_SELF_TEST_TIMEOUT_MS": "3000"},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 1
    assert "self-test failed" in result.stderr


def test_portable_self_test_keeps_settings_beside_the_program(tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / "portable.ini").write_text("[portable]\n", encoding="utf-8")
    env = {**_env(tmp_path), "PORTFOLIO_PORTABLE_DIR": str(stick)}
    result = _run_main("--self-test", env=env)
    assert result.returncode == 0, result.stderr
    data = stick / "PortfolioData"
    assert (data / "config" / "qt-settings").exists()
    assert not any((tmp_path / "home").rglob("*")), "nothing may be written to the profile"
