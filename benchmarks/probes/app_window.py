"""Start-up and memory probe: the real app, started as ``python main.py FILE`` starts it.

    QT_QPA_PLATFORM=offscreen python benchmarks/probes/app_window.py FILE [--open-entries N]

Runs main.py's platform check and then ``portfolio.ui.app.main`` itself (QApplication, theme,
main window, opening FILE with every page loaded, show), as a learner's laptop would; run.py
points HOME and the XDG folders at a temporary folder, so the probe's settings, recent files
and backups stay out of this machine's real ones. As soon as the main window is shown with the
portfolio open and painted it prints one JSON line (``time.time()`` then, CPU seconds, peak
RSS). With ``--open-entries N`` it then opens N entries in the editor and visits every page, as
a learner would, and prints a second line with the peak RSS after that. Then the app quits
normally (closing the portfolio as the window's close does).
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _line(**fields: object) -> None:
    import resource

    from _common import peak_rss_mb

    usage = resource.getrusage(resource.RUSAGE_SELF)
    fields.update(cpu_s=usage.ru_utime + usage.ru_stime, peak_rss_mb=peak_rss_mb())
    print(json.dumps(fields), flush=True)


def _main_window():  # the window app.main built (it keeps no global)
    from PySide6.QtWidgets import QApplication

    from portfolio.ui.main_window import MainWindow

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget.isVisible():
            return widget
    return None


def _when_shown(open_entries: int) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    window = _main_window()
    if window is None or not window.controller.is_open:
        QTimer.singleShot(0, lambda: _when_shown(open_entries))
        return
    app.processEvents()  # paint what the show posted
    _line(shown=time.time(), entries=window.entries.model.rowCount())
    if open_entries:
        model = window.entries.model
        step = max(1, model.rowCount() // open_entries)
        for row in range(0, min(model.rowCount(), step * open_entries), step):
            window.open_entry(model.summary(row).id)
            app.processEvents()
        for row in range(window.navigation.count()):
            window.navigation.setCurrentRow(row)
            app.processEvents()
        _line(after_use=time.time(), opened=open_entries)
    window.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--open-entries", type=int, default=0)
    args = parser.parse_args()

    from portfolio.ui.platform_check import platform_problem

    problem = platform_problem()
    if problem:
        sys.stderr.write(problem + "\n")
        return 1
    from PySide6.QtCore import QTimer

    from portfolio.ui.app import create_application, main

    create_application(sys.argv[:1])  # app.main reuses it; the timer needs it to exist
    QTimer.singleShot(0, lambda: _when_shown(args.open_entries))
    return main([sys.argv[0], args.file])


if __name__ == "__main__":
    sys.exit(main())
