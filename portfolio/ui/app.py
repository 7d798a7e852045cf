"""Starts the desktop app: QApplication, names for QSettings, then opens FILE or the demo."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from portfolio import __version__
from portfolio.errors import PortfolioError
from portfolio.services.portfolio import Portfolio


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="portfolio-gui", description="Portfolio desktop app")
    parser.add_argument("file", nargs="?", help="a .portfolio file to open (default: the demo)")
    return parser.parse_args(argv)


def demo_path() -> Path:
    """A fresh demo portfolio in a temporary folder (removed by the OS, never the learner's)."""
    from portfolio.demo import create_demo

    folder = Path(tempfile.mkdtemp(prefix="portfolio-demo-"))
    path = folder / "Demo portfolio.portfolio"
    create_demo(path).close()
    return path


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
    from portfolio.ui.main_window import MainWindow

    try:
        path = Path(args.file) if args.file else demo_path()
        portfolio = Portfolio.open(path)
    except PortfolioError as exc:
        QMessageBox.critical(None, "Portfolio", str(exc))
        return 1
    window = MainWindow(portfolio)
    window.show()
    return app.exec()
