"""Start-up baseline: a bare PySide6 main window, started exactly as the app probe is.

    QT_QPA_PLATFORM=offscreen python benchmarks/probes/bare_window.py

Prints one JSON line when the window has been shown and painted: the wall-clock time then
(``time.time()``, compared by run.py with the moment it started the process), the process's
CPU seconds and its peak resident memory. Nothing but Python, PySide6 and a label.
"""

import json
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def _report(app: QApplication) -> None:
    app.processEvents()  # paint what the show posted
    usage = resource.getrusage(resource.RUSAGE_SELF)
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec.
    peak_kb = next(
        int(line.split()[1])
        for line in Path("/proc/self/status").read_text().splitlines()
        if line.startswith("VmHWM:")
    )
    print(
        json.dumps(
            {
                "shown": time.time(),
                "cpu_s": usage.ru_utime + usage.ru_stime,
                "peak_rss_mb": peak_kb / 1024,
            }
        ),
        flush=True,
    )
    app.quit()


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("Bare window")
    window.setCentralWidget(QLabel("Hello", window))
    window.resize(1280, 740)
    window.show()
    QTimer.singleShot(0, lambda: _report(app))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
