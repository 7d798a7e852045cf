"""Keeping the learner's work safe from the main window: the passphrase commands and automatic
backups.

Protect / change / remove a passphrase ask twice and warn that a forgotten passphrase cannot be
recovered; they wait for pending saves first, because the file is rewritten. Automatic backups
run ``backup_if_due()`` on the writer lane when a portfolio opens and every ten minutes, so
they never hold up typing; a backup that fails is mentioned in the status bar, never in a box
that interrupts the learner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from portfolio.errors import PortfolioError
from portfolio.ui.errors import show_exception
from portfolio.ui.tasks import Task

if TYPE_CHECKING:
    from portfolio.ui.window_host import WindowHost

BACKUP_INTERVAL_MS = 10 * 60 * 1000


class SafetyActions(QObject):
    def __init__(self, window: WindowHost) -> None:
        super().__init__(window.window())
        self._window = window
        self._widget = window.window()  # the same window, as the parent of what is shown
        self._controller = window.controller
        self.backup_task: Task | None = None
        self.last_backup_error = ""
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(BACKUP_INTERVAL_MS)
        self.backup_timer.timeout.connect(self.backup_if_due)
        m = window.menus
        m.protect.triggered.connect(lambda: self.set_passphrase(changing=False))
        m.change_passphrase.triggered.connect(lambda: self.set_passphrase(changing=True))
        m.remove_passphrase.triggered.connect(self.remove_passphrase)
        self._controller.opened.connect(self._on_controller_opened)
        self._controller.closed.connect(self._on_controller_closed)

    # -- passphrase -----------------------------------------------------------------------

    def can_change_passphrase(self) -> bool:
        return self._controller.can_edit_learner_text

    def update_actions(self) -> None:
        m = self._window.menus
        allowed = self.can_change_passphrase()
        encrypted = allowed and self._controller.portfolio.encrypted
        m.protect.setEnabled(allowed and not encrypted)
        m.change_passphrase.setEnabled(encrypted)
        m.remove_passphrase.setEnabled(encrypted)

    def set_passphrase(self, *, changing: bool, passphrase: str | None = None) -> bool:
        """Protect the file (or change its passphrase); asks for it unless given."""
        if not self.can_change_passphrase():
            return False
        from portfolio.ui.passphrase_dialogs import NewPassphraseDialog  # on first use

        new = passphrase or NewPassphraseDialog.ask(self._widget, changing=changing)
        if new is None:
            return False
        done = self._change(new)
        if done:
            self._status("Passphrase changed." if changing else "This portfolio is now protected.")
        return done

    def remove_passphrase(self, *, confirmed: bool = False) -> bool:
        if not self.can_change_passphrase():
            return False
        if not confirmed:
            answer = QMessageBox.question(
                self._widget,
                "Remove passphrase",
                "Remove the passphrase? Anyone with a copy of this portfolio file (or its "
                "backups) will then be able to read it.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        done = self._change(None)
        if done:
            self._status("The passphrase was removed.")
        return done

    def _change(self, new: str | None) -> bool:
        # The one write not made through WriteOp: it rewrites the whole file and replaces its
        # engine, so it runs here, on the GUI thread, once the writer lane is empty (a queued
        # autosave first, and no backup reading the file while it is rewritten).
        self._window.flush_editor()
        self._controller.tasks.wait()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self._controller.portfolio.change_passphrase(new)
        except PortfolioError as exc:
            show_exception(self._widget, exc)
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.update_actions()
        return True

    # -- automatic backups ----------------------------------------------------------------

    def backup_if_due(self) -> Task | None:
        """Start a backup on the writer lane if one is due (a no-op when one is running)."""
        if not self._controller.is_open or self.backup_task is not None:
            return None
        portfolio = self._controller.portfolio
        if portfolio.read_only:
            return None
        self.backup_task = self._controller.tasks.start(
            portfolio.backup_if_due,
            writes=True,
            pass_progress=False,
            on_done=self._on_backup_done,
            on_error=self._on_backup_failed,
        )
        return self.backup_task

    def _on_backup_done(self, _path: object) -> None:
        self.backup_task = None
        self.last_backup_error = ""

    def _on_backup_failed(self, message: str) -> None:
        self.backup_task = None
        self.last_backup_error = message
        self._status(f"The automatic backup did not work: {message}", 15_000)

    def _on_controller_opened(self, _portfolio: object) -> None:
        self.backup_if_due()
        self.backup_timer.start()

    def _on_controller_closed(self) -> None:
        self.backup_timer.stop()
        self.backup_task = None

    def _status(self, message: str, msecs: int = 6000) -> None:
        self._window.statusBar().showMessage(message, msecs)
