"""A learner who types non-stop into the real STAR editor, offscreen, until killed.

    python typing_writer.py PORTFOLIO ENTRY_ID LOG

Every keystroke goes through the editor's real autosave path. The log gets one line per
keystroke ("typed N T") and per save ("saved T"), T being time.monotonic(), flushed at once so
the test can tell, after a SIGKILL, how much typing the file should hold.
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from portfolio.ui.controller import PortfolioController
from portfolio.ui.editor.star_editor import StarEditor

TEXT = "I greeted the customer and checked the order system carefully. "
KEY_INTERVAL_MS = 25


def main(path: str, entry_id: str, log_path: str) -> int:
    app = QApplication(sys.argv[:1])
    controller = PortfolioController()
    controller.open(path)
    editor = StarEditor(controller)
    editor.resize(800, 900)
    editor.show()
    editor.set_entry(entry_id)
    edit = editor.sections["action"].edit
    edit.setFocus()
    log = open(log_path, "a", buffering=1, encoding="utf-8")  # noqa: SIM115 - lives until killed
    typed = 0

    def on_saved(_entry_id: str) -> None:
        log.write(f"saved {time.monotonic():.4f}\n")

    def type_one() -> None:
        nonlocal typed
        QTest.keyClicks(edit, TEXT[typed % len(TEXT)])
        typed += 1
        log.write(f"typed {typed} {time.monotonic():.4f}\n")

    editor.autosave.entry_saved.connect(on_saved)
    timer = QTimer()
    timer.timeout.connect(type_one)
    timer.start(KEY_INTERVAL_MS)
    log.write("ready\n")
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
