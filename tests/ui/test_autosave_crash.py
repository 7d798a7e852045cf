"""Killing the app mid-typing loses at most the autosave window (issue 3: "never lose a word").

A real editor in a subprocess types non-stop through the real autosave path; we SIGKILL it (no
chance to flush) after a few saves and check the file: what it holds is exactly a prefix of what
was typed, and everything missing was typed within the last MAX_DELAY_MS before the kill.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from portfolio.services.portfolio import Portfolio
from portfolio.ui.editor.autosave import MAX_DELAY_MS
from tests.ui.helpers import typing_writer

HELPER = Path(typing_writer.__file__)
SLACK_S = 0.5  # scheduling jitter between the writer's timer and the kill


@pytest.mark.reliability
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_mid_typing_loses_at_most_the_autosave_window(portfolio_file, tmp_path):
    with Portfolio.open(portfolio_file) as pf:
        entry_id = pf.entries.add(title="Typing until the power fails").value.id
    log = tmp_path / "typing.log"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(Path.cwd())}
    writer = subprocess.Popen(
        [sys.executable, str(HELPER), str(portfolio_file), entry_id, str(log)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            lines = log.read_text().splitlines() if log.exists() else []
            if sum(1 for line in lines if line.startswith("saved")) >= 2:
                break
            assert writer.poll() is None, writer.stderr.read().decode()
            time.sleep(0.05)
        else:
            pytest.fail("the writer never saved twice")
        time.sleep(MAX_DELAY_MS / 1000 * 0.6)  # kill part-way through the next window
        killed_at = time.monotonic()
        writer.send_signal(signal.SIGKILL)
        writer.wait(10)
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait(10)
        writer.stderr.close()

    typed_at = {
        int(parts[1]): float(parts[2])
        for parts in (line.split() for line in log.read_text().splitlines())
        if parts and parts[0] == "typed" and len(parts) == 3
    }
    total = max(typed_at)
    expected = "".join(typing_writer.TEXT[i % len(typing_writer.TEXT)] for i in range(total))
    with Portfolio.open(portfolio_file) as pf:
        saved = pf.entries.get(entry_id).sections["action"]
    assert saved, "nothing at all was saved"
    assert expected.startswith(saved), "the file holds something other than what was typed"
    if len(saved) < total:
        first_lost_at = typed_at[len(saved) + 1]
        lost_seconds = killed_at - first_lost_at
        assert lost_seconds <= MAX_DELAY_MS / 1000 + SLACK_S, (
            f"lost {total - len(saved)} characters typed over {lost_seconds:.2f} s"
        )
