"""The main window's menus and shortcuts, following desktop conventions.

Save is automatic, so "Save" stays in the File menu where people look for it: it saves at once
and says that saving is automatic.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu

Slot = Callable[[], object]


class MainMenus:
    """Creates the actions once; the window connects them and enables them as things change."""

    def __init__(self, window: QMainWindow) -> None:
        self._window = window
        bar = window.menuBar()
        file_menu = bar.addMenu("&File")
        self.new_entry = self._action("&New entry", QKeySequence.StandardKey.New, "newEntry")
        self.new_portfolio = self._action("New &portfolio…", "Ctrl+Shift+N", "newPortfolio")
        self.open = self._action("&Open portfolio…", QKeySequence.StandardKey.Open, "open")
        self.recent_menu = QMenu("Open &recent", window)
        self.open_demo = self._action("Open the &demo portfolio", None, "openDemo")
        self.save = self._action("&Save (automatic)", QKeySequence.StandardKey.Save, "save")
        self.save.setStatusTip("Portfolio saves your work automatically as you type.")
        self.close_portfolio = self._action(
            "&Close portfolio", QKeySequence.StandardKey.Close, "closePortfolio"
        )
        self.quit = self._action("&Quit", QKeySequence.StandardKey.Quit, "quit")
        for item in (self.new_entry, self.new_portfolio, None, self.open):
            self._add(file_menu, item)
        file_menu.addMenu(self.recent_menu)
        for item in (self.open_demo, None, self.save, self.close_portfolio, None, self.quit):
            self._add(file_menu, item)

        edit_menu = bar.addMenu("&Edit")
        self.undo = self._action("&Undo", QKeySequence.StandardKey.Undo, "undo")
        self.redo = self._action("&Redo", QKeySequence.StandardKey.Redo, "redo")
        self.undo_delete = self._action("Undo &delete entry", None, "undoDelete")
        self.duplicate = self._action("D&uplicate entry", "Ctrl+D", "duplicateEntry")
        self.delete = self._action("Dele&te entry…", None, "deleteEntry")
        self.find = self._action("&Find in entries", QKeySequence.StandardKey.Find, "find")
        for item in (
            self.undo,
            self.redo,
            None,
            self.duplicate,
            self.delete,
            self.undo_delete,
            None,
            self.find,
        ):
            self._add(edit_menu, item)

        self.view_menu = bar.addMenu("&View")
        help_menu = bar.addMenu("&Help")
        self.about = self._action("&About Portfolio", None, "about")
        help_menu.addAction(self.about)
        self.quit.triggered.connect(QApplication.closeAllWindows)

    def add_page_action(self, text: str, number: int, slot: Slot) -> QAction:
        action = self._action(text, f"Ctrl+{number}", f"showPage{number}")
        action.triggered.connect(slot)
        self.view_menu.addAction(action)
        return action

    def _action(self, text: str, shortcut: object, name: str) -> QAction:
        action = QAction(text, self._window)
        action.setObjectName(name)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)
        elif shortcut:
            action.setShortcut(QKeySequence(str(shortcut)))
        return action

    @staticmethod
    def _add(menu: QMenu, action: QAction | None) -> None:
        if action is None:
            menu.addSeparator()
        else:
            menu.addAction(action)
