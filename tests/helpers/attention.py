"""A folder of learners for the group overview's "needs attention" (issue 21):

- behind.portfolio: a training plan that started a year ago with nothing logged (behind on
  off-the-job hours), and fresh evidence;
- quiet.portfolio: evidence, but none added or changed for ten weeks; no OTJ log;
- fine.portfolio: on track (hours logged to date) and fresh evidence.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, timedelta
from pathlib import Path

from portfolio.services.portfolio import Portfolio


def make_attention_folder(folder: Path, demo_file: Path) -> Path:
    folder.mkdir(exist_ok=True)
    today = date.today()
    for name in ("behind", "quiet", "fine"):
        shutil.copy2(demo_file, folder / f"{name}.portfolio")
    with Portfolio.open(folder / "behind.portfolio") as pf:
        pf.otj.set_plan(
            start=today - timedelta(days=365),
            end=today + timedelta(days=365),
            weekly_hours=30,
            planned_hours=300,
        )
    with Portfolio.open(folder / "fine.portfolio") as pf:
        pf.otj.set_plan(
            start=today - timedelta(days=14),
            end=today + timedelta(days=700),
            weekly_hours=30,
            planned_hours=100,
        )
        pf.otj.add(day=today, hours=20, category="self_study", description="Reading")
    conn = sqlite3.connect(folder / "quiet.portfolio")
    try:
        conn.execute("UPDATE entry SET updated_at = datetime('now', '-70 days')")
        conn.execute("UPDATE audit_event SET at = datetime('now', '-70 days')")
        conn.commit()
    finally:
        conn.close()
    return folder
