"""Starts the desktop app: QApplication, theme, settings, then opens FILE or the demo.

``python main.py FILE`` opens FILE; with no FILE the app opens a fresh demo portfolio (as the
README promises). If FILE cannot be opened the welcome page says why in plain words.
"""

from __future__ import annotations

import argparse
import sys

from PySide6.QtWidgets import QApplication

from portfolio import __version__
from portfolio.ui.controller import PortfolioController
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


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    args = parse_args(argv[1:])
    app = create_application(argv)
    apply_theme(app)
    install_excepthook()
    from portfolio.ui.main_window import MainWindow

    controller = PortfolioController()
    window = MainWindow(controller, AppSettings(persistent=not args.shared_machine))
    if args.file:
        window.files.open_path(args.file)
    else:
        window.files.open_demo()
    window.show()
    try:
        return app.exec()
    finally:
        controller.close()
