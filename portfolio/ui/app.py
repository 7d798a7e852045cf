"""Starts the desktop app: QApplication, theme, settings, then opens FILE or the demo.

``python main.py FILE`` opens FILE; with no FILE the app opens a fresh demo portfolio (as the
README promises). If FILE cannot be opened the welcome page says why in plain words.

``--shared-machine`` (or ``PORTFOLIO_SHARED_MACHINE=1``) is for college PCs: no recent files or
window positions are kept, Qt's own settings (the file dialog's history) go to the session's
private temporary folder, caches and temporary files live there too, and that folder is removed
when the app exits. An idle lock hides the portfolio when nobody has used it for a while.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from portfolio import __version__, paths
from portfolio.ui.errors import install_excepthook
from portfolio.ui.settings import AppSettings
from portfolio.ui.theme import apply_theme


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="portfolio-gui", description="Portfolio desktop app")
    parser.add_argument("file", nargs="?", help="a .portfolio file to open (default: the demo)")
    parser.add_argument(
        "--shared-machine",
        action="store_true",
        help="remember nothing on this computer (no recent files, no window positions)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the demo in a window, then exit 0 once it is shown (checks an installation)",
    )
    return parser.parse_args(argv)


def create_application(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    app.setOrganizationName("Portfolio")
    app.setApplicationName("Portfolio")
    app.setApplicationVersion(__version__)
    return app  # type: ignore[return-value]


def start_portable_mode() -> None:
    """On a USB stick: Qt's settings go to an ini file in the stick's folder, never the
    registry or the machine's profile."""
    qt_settings = str(paths.config_dir() / "qt-settings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, qt_settings)


def start_shared_machine_mode() -> None:
    """Keep everything this session writes inside the session's temporary folder."""
    root = paths.enable_shared_machine_mode()
    qt_settings = str(root / "qt-settings")
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, qt_settings)


def build_window(argv: list[str]):
    """The main window for ``argv`` (program name first), with FILE or the demo opened."""
    args = parse_args(argv[1:])
    if paths.portable_mode():
        start_portable_mode()
    if args.shared_machine or paths.shared_machine_requested(argv[1:]):
        start_shared_machine_mode()
    app = create_application(argv)
    settings = AppSettings(persistent=not paths.shared_machine_mode())
    apply_theme(app, settings.appearance())
    # Imported here, not at the top, so that main() has switched the garbage collector off
    # before the window and its first page are imported (SQLAlchemy comes after the first
    # frame: see MainWindow.open_at_start).
    from portfolio.ui.controller import PortfolioController
    from portfolio.ui.main_window import MainWindow

    controller = PortfolioController()
    window = MainWindow(controller, settings)
    if args.file:
        window.open_at_start(args.file)  # its first frame first, then the file (issue #17)
    else:
        window.files.open_demo()
    return window


def shut_down(window) -> None:
    """Close the portfolio, and in shared-machine mode remove everything the session kept."""
    window.close()
    window.controller.close()
    window.files.remove_demo_files()
    if paths.shared_machine_mode():
        paths.end_shared_machine_mode()


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    install_excepthook()
    # Start-up creates a few hundred thousand objects that live as long as the app (modules,
    # classes, widgets); the collector would scan them over and over, about 0.2 s of a 1 s
    # start (benchmarks/run.py). Collect nothing until the window is up, then freeze what
    # start-up made so later collections skip it.
    gc.disable()
    try:
        window = build_window(argv)
        window.show()
    finally:
        gc.freeze()
        gc.enable()
    if parse_args(argv[1:]).self_test:
        schedule_self_test(window)
    else:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, window.show_tour_once)  # the first start on this computer
    try:
        return QApplication.instance().exec()  # type: ignore[union-attr]
    finally:
        shut_down(window)


def self_test_timeout_ms() -> int:
    """How long --self-test waits for the window (PORTFOLIO_SELF_TEST_TIMEOUT_MS, default 60 s)."""
    try:
        return max(1000, int(os.environ.get("PORTFOLIO_SELF_TEST_TIMEOUT_MS", "60000")))
    except ValueError:
        return 60_000


def say(stream, message: str) -> None:
    """Write a line if there is a console (a windowed bundle on Windows has none)."""
    if stream is not None:
        stream.write(message + "\n")
        stream.flush()


def schedule_self_test(window) -> None:
    """Exit 0 once the window is shown with a portfolio open; exit 1 if that never happens."""
    from PySide6.QtCore import QTimer

    app = QApplication.instance()

    def check() -> None:
        if window.isVisible() and window.controller.is_open:
            say(sys.stdout, f"self-test OK: {window.windowTitle()}")
            app.exit(0)  # type: ignore[union-attr]
        else:
            QTimer.singleShot(100, check)

    def give_up() -> None:
        say(sys.stderr, "self-test failed: the window did not open a portfolio in time")
        app.exit(1)  # type: ignore[union-attr]

    QTimer.singleShot(0, check)
    QTimer.singleShot(self_test_timeout_ms(), give_up)
