"""Opening and creating portfolio files from the UI: dialogs, plain-language errors, recent files.

Every way in (command line, welcome page, File menu, recent list) ends in ``open_path``, so a
file that is missing, not a portfolio or damaged is reported the same way everywhere.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from portfolio.errors import PortfolioError
from portfolio.services.portfolio import SUFFIX
from portfolio.ui.controller import PortfolioController
from portfolio.ui.errors import UNEXPECTED
from portfolio.ui.settings import AppSettings
from portfolio.ui.welcome.new_portfolio_wizard import NewPortfolioWizard

DEMO_NAME = f"Demo portfolio{SUFFIX}"


def make_demo_file() -> Path:
    """A fresh demo portfolio in a new temporary folder (never one of the learner's files)."""
    from portfolio.demo import create_demo

    folder = Path(tempfile.mkdtemp(prefix="portfolio-demo-"))
    path = folder / DEMO_NAME
    create_demo(path).close()
    return path


class FileActions(QObject):
    failed = Signal(str)  # a plain sentence for the learner
    recent_changed = Signal()

    def __init__(
        self, controller: PortfolioController, settings: AppSettings, window: QWidget
    ) -> None:
        super().__init__(window)
        self._controller = controller
        self._settings = settings
        self._window = window
        self._demo_folders: list[Path] = []
        self.wizard: NewPortfolioWizard | None = None

    def open_path(self, path: Path | str) -> bool:
        path = Path(path)
        try:
            self._controller.open(path)
        except PortfolioError as exc:
            self._fail(str(exc), path)
            return False
        except Exception:  # damaged in a way the storage layer did not foresee
            self._fail(f"{path.name} could not be opened: it may be damaged. {UNEXPECTED}", path)
            return False
        if not self.is_demo(path):
            self._settings.add_recent_file(path)
            self._settings.set_last_folder(path.parent)
            self.recent_changed.emit()
        return True

    def open_dialog(self) -> bool:
        chosen, _filter = QFileDialog.getOpenFileName(
            self._window,
            "Open portfolio",
            str(self._settings.last_folder()),
            f"Portfolio files (*{SUFFIX});;All files (*)",
        )
        return self.open_path(chosen) if chosen else False

    def open_demo(self) -> bool:
        try:
            path = make_demo_file()
        except PortfolioError as exc:
            self.failed.emit(str(exc))
            return False
        self._demo_folders.append(path.parent)
        return self.open_path(path)

    def new_portfolio(self) -> NewPortfolioWizard:
        """Show the new-portfolio wizard (non-blocking); it opens the file when finished."""
        wizard = NewPortfolioWizard(
            self._controller, folder=self._settings.last_folder(), parent=self._window
        )
        wizard.accepted.connect(lambda: self._on_wizard_accepted(wizard))
        self.wizard = wizard
        wizard.open()
        return wizard

    def is_demo(self, path: Path | None) -> bool:
        return path is not None and Path(path).parent in self._demo_folders

    def remove_demo_files(self) -> None:
        """Demo copies live in temporary folders: remove them when the app closes."""
        for folder in self._demo_folders:
            if self._controller.path is None or self._controller.path.parent != folder:
                shutil.rmtree(folder, ignore_errors=True)

    def _on_wizard_accepted(self, wizard: NewPortfolioWizard) -> None:
        if wizard.created_path is not None:
            self._settings.add_recent_file(wizard.created_path)
            self._settings.set_last_folder(wizard.created_path.parent)
            self.recent_changed.emit()
        wizard.deleteLater()
        self.wizard = None

    def _fail(self, message: str, path: Path) -> None:
        if not path.exists():
            self._settings.remove_recent_file(path)
            self.recent_changed.emit()
        self.failed.emit(message)
