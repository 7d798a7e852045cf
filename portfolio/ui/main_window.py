"""The main window: the welcome page when nothing is open, otherwise navigation between the
Overview, Entries, Documents and Qualification pages. It composes pages, menus, the mode banner
and the status bar; the pages do the work, review mode lives in review_mode.py and the
passphrase and backup commands in safety_actions.py.

Only the Overview, the page the window opens on, is built with the window. Every other page
(its module too) is built the first time it is needed: shown from the navigation or the View
menu, or used by a command (``window.entries`` builds the Entries page for "New entry"). That
was about a third of start-up (issue #17). A page built after a portfolio opened reads the open
portfolio in its constructor, as every page and panel does when built with one open.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from portfolio import __version__
from portfolio.ui.controller import PortfolioController
from portfolio.ui.coverage.overview_page import OverviewPage
from portfolio.ui.errors import show_error
from portfolio.ui.file_actions import FileActions
from portfolio.ui.main_menus import MainMenus
from portfolio.ui.review_mode import ReviewMode
from portfolio.ui.safety_actions import SafetyActions
from portfolio.ui.settings import AppSettings
from portfolio.ui.welcome.welcome_page import WelcomePage
from portfolio.ui.widgets import screen_fit
from portfolio.ui.widgets.fill_on_show import FillOnShow
from portfolio.ui.widgets.mode_banner import ModeBanner
from portfolio.ui.widgets.page_navigation import PageNavigation
from portfolio.ui.widgets.path_label import PathLabel
from portfolio.ui.widgets.save_state_label import SaveStateLabel

if TYPE_CHECKING:
    from portfolio.ui.documents.documents_page import DocumentsPage
    from portfolio.ui.entries.entries_page import EntriesPage
    from portfolio.ui.otj.otj_page import OtjPage
    from portfolio.ui.progress.progress_page import ProgressPage
    from portfolio.ui.qualification.qualification_page import QualificationPage

DEFAULT_SIZE = (1280, 740)  # fits a 1366x768 screen with a taskbar
_MENU_LABELS = {"otj": "O&ff-the-job"}
"""View menu labels whose first letter another page's label already takes as its access key."""
OPEN_AT_START_FALLBACK_MS = 2000  # open the file anyway if the window is never painted

# (navigation label, attribute, module, class) in navigation order; the first is built at once.
PAGES = (
    ("Overview", "overview", "portfolio.ui.coverage.overview_page", "OverviewPage"),
    ("Entries", "entries", "portfolio.ui.entries.entries_page", "EntriesPage"),
    ("Documents", "documents", "portfolio.ui.documents.documents_page", "DocumentsPage"),
    (
        "Qualification",
        "qualification",
        "portfolio.ui.qualification.qualification_page",
        "QualificationPage",
    ),
    ("Progress", "progress", "portfolio.ui.progress.progress_page", "ProgressPage"),
    ("Off-the-job", "otj", "portfolio.ui.otj.otj_page", "OtjPage"),
)


class MainWindow(QMainWindow):
    # A file named at start is on screen (or a command would not wait); it is opened next.
    first_frame_shown = Signal()

    def __init__(
        self, controller: PortfolioController, settings: AppSettings | None = None
    ) -> None:
        super().__init__()
        screen_fit.install(QApplication.instance())  # every window and dialog fits its screen
        self.controller = controller
        self.settings = settings or AppSettings()
        self.setObjectName("mainWindow")
        self.setWindowTitle("Portfolio")
        self.files = FileActions(controller, self.settings, self)
        self.menus = MainMenus(self)

        self.stack = QStackedWidget(self)
        self.welcome = WelcomePage(self.stack)
        self.stack.addWidget(self.welcome)
        self.workspace = QWidget(self.stack)
        outer = QVBoxLayout(self.workspace)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.mode_banner = ModeBanner(self.workspace)  # review mode, read-only: never missed
        outer.addWidget(self.mode_banner)
        layout = QHBoxLayout()
        layout.setSpacing(0)
        outer.addLayout(layout, 1)
        self.navigation = PageNavigation(self.workspace)  # icons only when the window is narrow
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Pages")
        self.pages = QStackedWidget()
        # A page taller or wider than the window (200% scaling on a laptop) scrolls instead
        # of pushing the window past the screen; only the page on show counts.
        self.page_area = screen_fit.hosted(self.pages, self.workspace)
        self.page_area.setObjectName("pageArea")
        layout.addWidget(self.navigation)
        layout.addWidget(self.page_area, 1)
        self.stack.addWidget(self.workspace)
        self.setCentralWidget(self.stack)

        self._built: dict[str, QWidget] = {}  # attribute -> page, once built
        self._undo_banner: QWidget | None = None  # the Entries page's, once built
        for number, (name, key, _module, _class) in enumerate(PAGES, start=1):
            self.pages.addWidget(QWidget(self.pages))  # a stand-in until the page is built
            label = _MENU_LABELS.get(key, f"&{name}")
            action = self.menus.add_page_action(label, number, self._page_shower(key))
            self.navigation.add_page(key, name, action.shortcut().toString())
        self.navigation.set_mode(self.settings.page_list())
        self.menus.view_menu.addSeparator()
        self.page_list_choices = self.menus.add_page_list_menu(
            self.navigation.mode, self._on_page_list_chosen
        )
        self.menus.view_menu.addSeparator()
        self.menus.view_menu.addAction(self.menus.review_queue)
        self.navigation.currentRowChanged.connect(self._on_navigation_row_changed)
        self.overview = cast(OverviewPage, self._page("overview"))  # the page shown first

        self.path_label = PathLabel(self)
        self.path_label.setObjectName("muted")
        self.save_state = SaveStateLabel(self)
        self.statusBar().addWidget(self.path_label, 1)
        self.statusBar().addPermanentWidget(self.save_state)
        self.dialog: QDialog | None = None  # the tool dialog shown last (export, import ...)
        self._starting: Path | None = None  # the file named at start, shown but not open yet
        self.help_dialog: QDialog | None = None  # the guide, when open
        self.review = ReviewMode(self)
        self.safety = SafetyActions(self)

        self._connect()
        self._restore_state()
        self._on_controller_changed_open_state()

    # -- pages, built when first needed ---------------------------------------------------

    @property
    def entries(self) -> EntriesPage:
        return cast("EntriesPage", self._page("entries"))

    @property
    def documents(self) -> DocumentsPage:
        return cast("DocumentsPage", self._page("documents"))

    @property
    def qualification(self) -> QualificationPage:
        return cast("QualificationPage", self._page("qualification"))

    @property
    def progress(self) -> ProgressPage:
        return cast("ProgressPage", self._page("progress"))

    @property
    def otj(self) -> OtjPage:
        return cast("OtjPage", self._page("otj"))

    def built_page(self, key: str) -> QWidget | None:
        """The page called ``key`` (``"entries"``...) if it has been built, else None."""
        return self._built.get(key)

    def _page(self, key: str) -> QWidget:
        """The page called ``key``, built (in place of its stand-in) if it is not yet."""
        page = self._built.get(key)
        if page is not None:
            return page
        index = next(i for i, row in enumerate(PAGES) if row[1] == key)
        name, _key, module, class_name = PAGES[index]
        page_class = getattr(importlib.import_module(module), class_name)
        with FillOnShow.building_hidden():  # it fills when the stack shows it
            page = page_class(self.controller, self.pages)
        page.setObjectName(f"{name.lower().replace('-', '')}Page")
        stand_in = self.pages.widget(index)
        assert stand_in is not None
        showing = self.pages.currentIndex()
        self.pages.insertWidget(index, page)
        self.pages.removeWidget(stand_in)
        stand_in.deleteLater()
        if showing >= 0:
            self.pages.setCurrentIndex(showing)
        self._built[key] = page
        self._connect_page(key, page)
        return page

    def _connect_page(self, key: str, page: QWidget) -> None:
        """Wire a page that has just been built to the window (menus, status bar)."""
        if key == "overview":
            overview = cast(OverviewPage, page)
            overview.open_entry_requested.connect(self.open_entry)
            overview.new_entry_for_criterion_requested.connect(self.new_entry_for_criterion)
        elif key == "entries":
            entries = cast("EntriesPage", page)
            entries.editor.autosave.state_changed.connect(self.save_state.set_state)
            self._undo_banner = entries.list_panel.undo_banner
            self._undo_banner.installEventFilter(self)
            entries.model.modelReset.connect(self.refresh_actions)
            entries.editor.entry_loaded.connect(lambda _: self.refresh_actions())
            self._restore_splitters()
            self.refresh_actions()

    def _on_page_list_chosen(self, mode: str) -> None:
        self.navigation.set_mode(mode)
        self.settings.set_page_list(mode)

    def _on_navigation_row_changed(self, row: int) -> None:
        if 0 <= row < len(PAGES):
            self._page(PAGES[row][1])  # built before it is shown
        self.pages.setCurrentIndex(row)

    def _built_entries(self) -> EntriesPage | None:
        """The Entries page if it has been built (nothing to flush or save from it before)."""
        return cast("EntriesPage | None", self._built.get("entries"))

    def flush_editor(self) -> bool:
        """Save the entry being edited now; False if some of it could not be saved."""
        entries = self._built_entries()
        return entries is None or entries.editor.flush()

    # -- the file named at start --------------------------------------------------------

    def open_at_start(self, path: Path | str) -> None:
        """Open the file the app was started with, its first frame drawn before it is opened.

        For a plain portfolio at this version's schema the window shows, from a plain read of
        the learner's name (services/first_frame.py), what it shows once the file is open (the
        title, the path, the Overview's "Working out coverage..."), and opens the file the
        ordinary way (``files.open_path``, SQLAlchemy and all) once that frame is painted.
        Anything else is opened at once, so its problems are told as before. If the file then
        fails to open, the welcome page says why, as it always did at start.
        """
        from portfolio.services.first_frame import read_first_frame

        path = Path(path)
        first = None if self.controller.is_open else read_first_frame(path)
        if first is None:
            self.files.open_path(path)
            return
        self._starting = path
        demo = " (demo)" if self.files.is_demo(path) else ""
        self.setWindowTitle(f"{first.learner}{demo} – Portfolio")
        self.path_label.set_path(str(path))
        self.stack.setCurrentWidget(self.workspace)
        self.navigation.setCurrentRow(0)
        self.overview.show_opening()
        self.save_state.setVisible(False)
        self.refresh_actions()  # commands work from this frame: they open the file first
        QTimer.singleShot(OPEN_AT_START_FALLBACK_MS, self._open_started_file)

    @property
    def starting(self) -> bool:
        """True while the file named at start is shown but not opened yet."""
        return self._starting is not None

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._starting is not None:
            QTimer.singleShot(0, self._open_started_file)  # once this frame is drawn

    def _open_now(self) -> None:
        """A command that needs the file, given while its first frame is on screen (a key
        pressed at once), opens it now rather than waiting for the paint."""
        if self._starting is not None:
            self._open_started_file()

    def _open_started_file(self) -> None:
        path, self._starting = self._starting, None
        if path is None:
            return  # opened already (painted twice, or the fallback after the paint)
        self.first_frame_shown.emit()
        if self.controller.is_open:
            return  # the learner opened something else meanwhile
        if not self.files.open_path(path) and not self.controller.is_open:
            self._on_controller_changed_open_state()  # the title and path go again

    # -- public API ---------------------------------------------------------------------

    def _page_shower(self, key: str) -> Callable[[], object]:
        """A slot for a page's menu action (``triggered`` passes ``checked``)."""

        def show(_checked: bool = False) -> None:
            self._open_now()
            self.show_page(self._page(key))

        return show

    def show_page(self, page: QWidget) -> None:
        index = self.pages.indexOf(page)
        if index >= 0 and self.controller.is_open:
            self.navigation.setCurrentRow(index)
            page.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def open_entry(self, entry_id: str) -> None:
        self.show_page(self.entries)
        self.entries.open_entry(entry_id)

    def new_entry_for_criterion(self, criterion_id: str) -> None:
        if not self.controller.can_edit_learner_text:  # a reviewer: judge it instead
            self.show_page(self.qualification)
            self.qualification.select(criterion_id)
            return
        self.show_page(self.entries)
        self.entries.new_entry_for_criterion(criterion_id)

    # -- wiring -------------------------------------------------------------------------

    def _connect(self) -> None:
        m, c = self.menus, self.controller
        m.new_entry.triggered.connect(self._on_new_entry_triggered)
        m.new_portfolio.triggered.connect(self.files.new_portfolio)
        m.open.triggered.connect(self.files.open_dialog)
        m.open_demo.triggered.connect(self.files.open_demo)
        m.save.triggered.connect(self._on_save_triggered)
        m.close_portfolio.triggered.connect(self.close_portfolio)
        m.undo.triggered.connect(lambda: self._edit_focus("undo"))
        m.redo.triggered.connect(lambda: self._edit_focus("redo"))
        m.undo_delete.triggered.connect(lambda: self.entries.undo_delete())
        m.show_bin.triggered.connect(self.show_bin)
        m.duplicate.triggered.connect(lambda: self.entries.duplicate_entry())
        m.delete.triggered.connect(lambda: self.entries.delete_entry())
        m.find.triggered.connect(self._on_find_triggered)
        m.about.triggered.connect(self._on_about_triggered)
        m.settings.triggered.connect(self.show_settings)
        m.roster.triggered.connect(self.show_roster)
        m.guide.triggered.connect(lambda: self.show_help())
        m.shortcuts.triggered.connect(lambda: self.show_help("keyboard"))
        m.tour.triggered.connect(self.show_tour)
        m.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        m.open_for_review.triggered.connect(lambda: self.review.open_for_review())
        m.import_review.triggered.connect(lambda: self.review.import_review())
        m.group_overview.triggered.connect(lambda: self.review.show_group_overview())
        m.review_queue.triggered.connect(lambda: self.review.focus_queue())
        m.export_pdf.triggered.connect(self.show_export_dialog)
        m.learner_details.triggered.connect(self.show_learner_details)
        m.word_lists.triggered.connect(self.show_word_lists)
        m.import_framework.triggered.connect(self.show_framework_import)
        m.framework_editor.triggered.connect(self.show_framework_editor)
        self.mode_banner.action_requested.connect(self.review.on_banner_action)
        w = self.welcome
        w.new_requested.connect(self.files.new_portfolio)
        w.open_requested.connect(self.files.open_dialog)
        w.demo_requested.connect(self.files.open_demo)
        w.recent_requested.connect(self.files.open_path)
        w.review_requested.connect(lambda: self.review.open_for_review())
        w.group_requested.connect(lambda: self.review.show_group_overview())
        self.files.failed.connect(self._on_files_failed)
        self.files.cancelled.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.files.recent_changed.connect(self._refresh_recent)
        c.opened.connect(lambda _: self._on_controller_changed_open_state())
        c.closed.connect(self._on_controller_changed_open_state)
        self._refresh_recent()

    def _on_controller_changed_open_state(self) -> None:
        is_open = self.controller.is_open
        self.stack.setCurrentWidget(self.workspace if is_open else self.welcome)
        if is_open:
            self.welcome.set_error("")
            portfolio = self.controller.portfolio
            name = portfolio.learner.get().name
            demo = " (demo)" if self.files.is_demo(portfolio.path) else ""
            self.setWindowTitle(f"{name}{demo} – Portfolio")
            self.path_label.set_path(str(portfolio.path))
            if self.navigation.currentRow() < 0:
                self.navigation.setCurrentRow(0)
        else:
            self.setWindowTitle("Portfolio")
            self.path_label.set_path("")
            self.save_state.set_state("idle")
        self.review.update()
        self.save_state.setVisible(self.controller.can_edit_learner_text)
        self.refresh_actions()

    def refresh_actions(self) -> None:
        if self.review.idle_lock.is_locked:
            return  # everything stays off until the reviewer unlocks
        # While the first frame of a file named at start is on screen, the commands that need
        # it are on too: they open it first (_open_now).
        starting = self.starting
        is_open = self.controller.is_open or starting
        writable = self.controller.can_edit_learner_text
        entries = self._built_entries()
        has_entry = entries is not None and entries.editor.entry is not None
        can_undo = entries is not None and entries.can_undo_delete
        m = self.menus
        for action in (
            m.save,
            m.close_portfolio,
            m.find,
            m.export_pdf,
            m.show_bin,
            m.learner_details,
            m.word_lists,
        ):
            action.setEnabled(is_open)
        m.new_entry.setEnabled(writable or starting)
        m.import_review.setEnabled(writable)
        for action in (m.duplicate, m.delete):
            action.setEnabled(writable and has_entry)
        m.undo_delete.setEnabled(writable and can_undo)
        self.safety.update_actions()

    # -- tool dialogs -------------------------------------------------------------------

    def show_export_dialog(self) -> QDialog | None:
        self._open_now()
        if not self.controller.is_open:
            return None
        from portfolio.ui.export.export_dialog import ExportDialog

        self.flush_editor()  # the PDF has the latest words
        return self._show_dialog(ExportDialog(self.controller, self, self.settings))

    def show_learner_details(self) -> QDialog | None:
        """File > Learner details: what the submission's cover sheet prints."""
        self._open_now()
        if not self.controller.is_open:
            return None
        from portfolio.ui.learner.details_dialog import LearnerDetailsDialog

        return self._show_dialog(LearnerDetailsDialog(self.controller, self))

    def show_word_lists(self) -> QDialog | None:
        """File > Word lists: the words removed from every attached document and the words
        never removed (the learner's kept list), side by side."""
        self._open_now()
        if not self.controller.is_open:
            return None
        from portfolio.ui.learner.word_lists_dialog import WordListsDialog

        return self._show_dialog(WordListsDialog(self.controller, self))

    def close_portfolio(self) -> bool:
        """File > Close: the open portfolio closes (a changed demo is offered to be kept)."""
        if self._starting is not None:  # closed on its first frame: it is never opened
            self._starting = None
            self._on_controller_changed_open_state()
            return True
        self.flush_editor()
        if not self.files.confirm_leaving_demo():
            return False
        self.controller.close()
        return True

    def show_bin(self) -> QDialog | None:
        self._open_now()
        if not self.controller.is_open:
            return None
        from portfolio.ui.entries.bin_dialog import BinDialog

        self.flush_editor()
        return self._show_dialog(BinDialog(self.controller, self))

    def show_framework_import(self) -> QDialog:
        from portfolio.ui.frameworks.import_dialog import FrameworkImportDialog

        return self._show_dialog(FrameworkImportDialog(self.controller, self))

    def show_framework_editor(self) -> QDialog:
        from portfolio.ui.frameworks.editor_dialog import FrameworkEditorDialog

        return self._show_dialog(FrameworkEditorDialog(self))

    def show_roster(self) -> QDialog:
        from portfolio.ui.review.roster_dialog import RosterDialog

        return self._show_dialog(RosterDialog(self.controller, self))

    def show_settings(self) -> QDialog:
        from portfolio.ui.appearance_dialog import AppearanceDialog

        return self._show_dialog(AppearanceDialog(self.settings, self))

    def show_help(self, topic: str = "") -> QDialog:
        """The guide (F1), beside the window rather than in front of it."""
        from portfolio.ui.help.help_dialog import HelpDialog

        if isinstance(self.help_dialog, HelpDialog) and self.help_dialog.isVisible():
            self.help_dialog.show_topic(topic)
            self.help_dialog.raise_()
            self.help_dialog.activateWindow()
            return self.help_dialog
        dialog = HelpDialog(self, topic=topic)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda *_: setattr(self, "help_dialog", None))
        self.help_dialog = dialog
        dialog.show()
        return dialog

    def show_tour(self) -> QDialog:
        """The tour; finishing or skipping it marks it seen."""
        from portfolio.ui.help.tour import TourDialog

        dialog = TourDialog(self, show_page=self._show_page_named)
        dialog.finished.connect(lambda *_: self.settings.set_tour_seen(True))
        return self._show_dialog(dialog)

    def show_tour_once(self) -> QDialog | None:
        """On the first start on this computer, the tour (over an open portfolio)."""
        if self.settings.tour_seen() or not self.settings.persistent:
            return None
        return self.show_tour()

    def _show_page_named(self, name: str) -> None:
        page = getattr(self, name, None)
        if isinstance(page, QWidget):
            self.show_page(page)

    def _show_dialog(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog

        def forget(*_: object) -> None:
            if self.dialog is dialog:
                self.dialog = None

        dialog.finished.connect(forget)
        dialog.open()
        return dialog

    def _refresh_recent(self) -> None:
        self.welcome.set_recent_files(self.settings.recent_files())
        if not self.settings.persistent:
            self.welcome.no_recent.setText(
                "On a shared computer Portfolio keeps no list of the files opened on it."
            )

    def _fill_recent_menu(self) -> None:
        menu = self.menus.recent_menu
        menu.clear()
        recent = self.settings.recent_files()
        for path in recent:
            action = menu.addAction(path.name)
            action.setToolTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self.files.open_path(p))
        if not recent:
            menu.addAction("No recent portfolios").setEnabled(False)

    # -- slots --------------------------------------------------------------------------

    def _on_new_entry_triggered(self) -> None:
        self._open_now()
        if not self.controller.can_edit_learner_text:
            return  # opened read-only after all (another program has it): nothing to add to
        self.show_page(self.entries)
        self.entries.new_entry()

    def _on_find_triggered(self) -> None:
        self._open_now()
        self.show_page(self.entries)
        self.entries.focus_search()

    def _on_save_triggered(self) -> None:
        saved = self.flush_editor()
        message = (
            "All changes saved. Portfolio saves automatically as you type."
            if saved
            else "Some changes could not be saved; see the message beside the editor."
        )
        self.statusBar().showMessage(message, 5000)

    def _on_files_failed(self, message: str) -> None:
        if self.controller.is_open:
            show_error(self, message)
        else:
            self.welcome.set_error(message)
            self.stack.setCurrentWidget(self.welcome)

    def _on_about_triggered(self) -> None:
        QMessageBox.about(
            self,
            "About Portfolio",
            f"<h3>Portfolio {__version__}</h3><p>An offline e-portfolio builder for vocational "
            "learners. Your work stays on this computer.</p>",
        )

    def _edit_focus(self, command: str) -> None:
        widget = QApplication.focusWidget()
        method = getattr(widget, command, None)
        if callable(method):
            method()

    def eventFilter(self, watched, event) -> bool:
        if watched is self._undo_banner and event.type() in (
            event.Type.Show,
            event.Type.Hide,
        ):
            self.refresh_actions()
        return super().eventFilter(watched, event)

    # -- window state -------------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = self.settings.bytes_value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(*DEFAULT_SIZE)
        state = self.settings.bytes_value("window/state")
        if state is not None:
            self.restoreState(state)

    def _restore_splitters(self) -> None:
        """The Entries page's splitters as the learner left them (when the page is built)."""
        for key, splitter in self._splitters().items():
            saved = self.settings.bytes_value(f"splitter/{key}")
            if saved is not None:
                splitter.restoreState(saved)

    def _save_state(self) -> None:
        self.settings.set_bytes_value("window/geometry", QByteArray(self.saveGeometry()))
        self.settings.set_bytes_value("window/state", QByteArray(self.saveState()))
        for key, splitter in self._splitters().items():
            self.settings.set_bytes_value(f"splitter/{key}", QByteArray(splitter.saveState()))
        self.settings.sync()

    def _splitters(self) -> dict:
        """The splitters to keep, of the pages built (one never built keeps what was saved)."""
        entries = self._built_entries()
        if entries is None:
            return {}
        return {"entries": entries.splitter, "editor": entries.editor_panel.splitter}

    def closeEvent(self, event: QCloseEvent) -> None:
        self._starting = None  # closed before the file named at start was opened: never open it
        self.flush_editor()
        if not self.files.confirm_leaving_demo():  # work typed into the demo is never dropped
            event.ignore()
            return
        self._save_state()
        self.controller.close()  # editors flush on "closing"; the bin is kept
        self.files.remove_demo_files()
        super().closeEvent(event)
