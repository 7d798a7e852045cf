"""What the main window's helpers use of the window: a Protocol, so they need not import it.

``ReviewMode`` and ``SafetyActions`` are built by ``MainWindow`` and act on it (its menus, file
actions, pages stack, banner, status bar). Typed against ``MainWindow`` itself, they made
main_window -> review_mode / safety_actions -> main_window an import loop (under TYPE_CHECKING
only, but a loop all the same for anyone reading or moving the files). They name this instead;
``MainWindow`` matches it structurally, which mypy checks where the window passes itself in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDockWidget, QStackedWidget, QStatusBar, QWidget

    from portfolio.ui.controller import PortfolioController
    from portfolio.ui.file_actions import FileActions
    from portfolio.ui.main_menus import MainMenus
    from portfolio.ui.settings import AppSettings
    from portfolio.ui.widgets.mode_banner import ModeBanner


class WindowHost(Protocol):
    """The main window as its review-mode and safety helpers see it."""

    @property
    def controller(self) -> PortfolioController: ...

    @property
    def settings(self) -> AppSettings: ...

    @property
    def files(self) -> FileActions: ...

    @property
    def menus(self) -> MainMenus: ...

    @property
    def stack(self) -> QStackedWidget: ...

    @property
    def workspace(self) -> QWidget: ...

    @property
    def welcome(self) -> QWidget: ...

    @property
    def mode_banner(self) -> ModeBanner: ...

    def flush_editor(self) -> bool: ...

    def open_entry(self, entry_id: str, /) -> None: ...

    def refresh_actions(self) -> None: ...

    # Qt's own, as a QMainWindow has them. window() is the window itself (it is top-level):
    # the parent of the helpers and of the boxes and docks they show.
    def window(self) -> QWidget: ...

    def setWindowTitle(self, title: str, /) -> None: ...

    def statusBar(self) -> QStatusBar: ...

    def addDockWidget(self, area: Qt.DockWidgetArea, dockwidget: QDockWidget, /) -> None: ...
