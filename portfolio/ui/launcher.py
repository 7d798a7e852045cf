"""The app's entry point for ``python main.py`` and the installed ``portfolio-gui`` command.

It runs before Qt is imported: first a check that this computer can show a window (naming the
missing system libraries, never Qt's bare plugin error), then the core, then Qt.
"""

from __future__ import annotations

import gc
import sys


def run(argv: list[str]) -> int:
    """Check the platform, then start the app (the core imported before Qt, see below)."""
    from portfolio import paths

    paths.apply_portable_environment()  # before Qt reads XDG_* or TMPDIR
    if "--self-test" in argv:
        # The bundle's smoke test runs where there may be no screen: draw offscreen.
        import os

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from portfolio.ui.platform_check import platform_problem

    problem = platform_problem()
    if problem:
        sys.stderr.write(problem + "\n")
        return 1
    # Start-up speed (benchmarks/run.py): no garbage collection until the window is up
    # (portfolio.ui.app.main turns it back on). The core's SQLAlchemy and storage are no longer
    # imported here, before Qt: the window's first frame is drawn without them and the file is
    # opened after it (MainWindow.open_at_start, issue #17). Imported after PySide6 they cost
    # a little more (it reads the source of modules imported after it, PYSIDE-2029), but after
    # the first frame rather than before it.
    gc.disable()
    from portfolio.ui.app import main

    return main(argv)


def main() -> int:
    """Console entry point (``portfolio-gui``)."""
    return run(sys.argv)
