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
    return parser.parse_args(argv)


def create_application(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    app.setOrganizationName("Portfolio")
    app.setApplicationName("Portfolio")
    app.setApplicationVersion(__version__)
    return app  # type: ignore[return-value]


def start_shared_machine_mode() -> None:
    """Keep everything this session writes inside the session's temporary folder."""
    root = paths.enable_shared_machine_mode()
    qt_settings = str(root / "qt-settings")
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, qt_settings)


def build_window(argv: list[str]):
    """The main window for ``argv`` (program name first), with FILE or the demo opened."""
    args = parse_args(argv[1:])
    if args.shared_machine or paths.shared_machine_requested(argv[1:]):
        start_shared_machine_mode()
    app = create_application(argv)
    apply_theme(app)
    # Imported here, not at the top, so that main() has switched the garbage collector off
    # before the services, SQLAlchemy and the pages are imported.
    from portfolio.ui.controller import PortfolioController
    from portfolio.ui.main_window import MainWindow

    controller = PortfolioController()
    window = MainWindow(controller, AppSettings(persistent=not paths.shared_machine_mode()))
    if args.file:
        window.files.open_path(args.file)
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
    try:
        return QApplication.instance().exec()  # type: ignore[union-attr]
    finally:
        shut_down(window)
