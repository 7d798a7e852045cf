"""The main window's menus and shortcuts, following desktop conventions.

Save is automatic, so "Save" stays in the File menu where people look for it: it saves at once
and says that saving is automatic.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
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
        self.open_for_review = self._action("Open for re&view…", None, "openForReview")
        self.import_review = self._action("&Import review…", None, "importReview")
        self.import_review.setStatusTip("Bring a tutor's comments and decisions into your file")
        self.group_overview = self._action("&Group overview…", None, "groupOverview")
        self.export_pdf = self._action("&Export PDF…", "Ctrl+E", "exportPdf")
        self.learner_details = self._action("&Learner details…", None, "learnerDetails")
        self.word_lists = self._action("&Word lists…", None, "wordLists")
        self.word_lists.setStatusTip(
            "The words removed from every document you attach, and the words never removed"
        )
        self.protect = self._action("Protect with a &passphrase…", None, "protect")
        self.change_passphrase = self._action("C&hange passphrase…", None, "changePassphrase")
        self.remove_passphrase = self._action("Remo&ve passphrase…", None, "removePassphrase")
        # Twelve rows at most, so the menu stays one column on a 768-pixel screen at 200 %:
        # the tutor's and the passphrase's actions each go under a submenu of their own.
        self.review_menu = QMenu("Re&view", window)
        self.review_menu.setObjectName("reviewMenu")
        self.review_menu.addActions([self.open_for_review, self.import_review, self.group_overview])
        self.passphrase_menu = QMenu("P&assphrase", window)
        self.passphrase_menu.setObjectName("passphraseMenu")
        self.passphrase_menu.addActions(
            [self.protect, self.change_passphrase, self.remove_passphrase]
        )
        rows: tuple[QAction | QMenu | None, ...] = (
            self.new_entry,
            self.new_portfolio,
            None,
            self.open,
            self.recent_menu,
            None,
            self.save,
            self.learner_details,
            self.word_lists,
            self.export_pdf,
            None,
            self.review_menu,
            self.passphrase_menu,
            None,
            self.close_portfolio,
            self.quit,
        )
        for row in rows:
            self._add(file_menu, row)

        edit_menu = bar.addMenu("&Edit")
        self.undo = self._action("&Undo", QKeySequence.StandardKey.Undo, "undo")
        self.redo = self._action("&Redo", QKeySequence.StandardKey.Redo, "redo")
        self.undo_delete = self._action("Undo &delete entry", None, "undoDelete")
        self.duplicate = self._action("Dupli&cate entry", "Ctrl+D", "duplicateEntry")
        self.delete = self._action("Dele&te entry…", None, "deleteEntry")
        self.show_bin = self._action("&Bin…", None, "showBin")
        self.find = self._action("&Find in entries", QKeySequence.StandardKey.Find, "find")
        for item in (
            self.undo,
            self.redo,
            None,
            self.duplicate,
            self.delete,
            self.undo_delete,
            self.show_bin,
            None,
            self.find,
        ):
            self._add(edit_menu, item)

        self.view_menu = bar.addMenu("&View")
        # Added to the View menu after the pages (MainWindow); enabled while reviewing.
        self.review_queue = self._action("&Review queue", "Ctrl+R", "reviewQueue")
        self.review_queue.setStatusTip("Show the review queue and move to its list of entries")
        self.review_queue.setEnabled(False)
        tools_menu = bar.addMenu("&Tools")
        self.import_framework = self._action("&Import a qualification…", None, "importFramework")
        self.framework_editor = self._action("&Framework editor…", None, "frameworkEditor")
        self.settings = self._action("&Settings…", QKeySequence.StandardKey.Preferences, "settings")
        if self.settings.shortcut().isEmpty():  # Linux and Windows have no standard key
            self.settings.setShortcut(QKeySequence("Ctrl+,"))
        self.roster = self._action("Centre &roster…", None, "centreRoster")
        tools_menu.addAction(self.import_framework)
        tools_menu.addAction(self.framework_editor)
        tools_menu.addAction(self.roster)
        tools_menu.addSeparator()
        tools_menu.addAction(self.settings)
        help_menu = bar.addMenu("&Help")
        self.guide = self._action(
            "Portfolio &guide", QKeySequence.StandardKey.HelpContents, "guide"
        )
        if self.guide.shortcut().isEmpty():
            self.guide.setShortcut(QKeySequence("F1"))
        self.shortcuts = self._action("&Keyboard shortcuts", None, "keyboardShortcuts")
        self.tour = self._action("Take the &tour", None, "tour")
        self.about = self._action("&About Portfolio", None, "about")
        for item in (self.guide, self.shortcuts, self.tour, self.open_demo, None, self.about):
            self._add(help_menu, item)
        self.quit.triggered.connect(QApplication.closeAllWindows)

    def add_page_action(self, text: str, number: int, slot: Slot) -> QAction:
        action = self._action(text, f"Ctrl+{number}", f"showPage{number}")
        action.triggered.connect(slot)
        self.view_menu.addAction(action)
        return action

    def add_page_list_menu(self, current: str, choose: Callable[[str], None]) -> QActionGroup:
        """View > Page list: names when there is room, always names, or icons only."""
        menu = self.view_menu.addMenu("Page &list")
        group = QActionGroup(menu)
        for mode, text in (
            ("auto", "&Names when there is room"),
            ("names", "&Always names"),
            ("icons", "&Icons only"),
        ):
            action = menu.addAction(text)
            action.setObjectName(f"pageList_{mode}")
            action.setCheckable(True)
            action.setChecked(mode == current)
            action.setData(mode)
            action.triggered.connect(lambda _=False, m=mode: choose(m))
            group.addAction(action)
        return group

    def _action(self, text: str, shortcut: object, name: str) -> QAction:
        action = QAction(text, self._window)
        action.setObjectName(name)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)
        elif shortcut:
            action.setShortcut(QKeySequence(str(shortcut)))
        return action

    @staticmethod
    def _add(menu: QMenu, item: QAction | QMenu | None) -> None:
        if item is None:
            menu.addSeparator()
        elif isinstance(item, QMenu):
            menu.addMenu(item)
        else:
            menu.addAction(item)
