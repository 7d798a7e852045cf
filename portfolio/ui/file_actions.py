"""Opening and creating portfolio files from the UI: dialogs, plain-language errors, recent files.

Every way in (command line, welcome page, File menu, recent list, review, group overview) ends in
``open_path``, so every file is handled the same way: a file another program is writing, or one
on a read-only drive, opens read-only (``read_only_reason`` says why, for the window's banner); a
protected file asks for its passphrase until it is right or the learner cancels; a damaged file
is reported, with an offer to restore the newest good backup beside it when there is one.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from portfolio import paths
from portfolio.domain.actor import Actor
from portfolio.errors import (
    LockedError,
    NotAPortfolioError,
    PassphraseRequiredError,
    PortfolioError,
    ReadOnlyLocationError,
    WrongPassphraseError,
)
from portfolio.services.portfolio import SUFFIX
from portfolio.ui.controller import PortfolioController
from portfolio.ui.errors import UNEXPECTED
from portfolio.ui.settings import AppSettings

if TYPE_CHECKING:  # imported when first used: the first frame needs neither (issue #17)
    from portfolio.ui.welcome.new_portfolio_wizard import NewPortfolioWizard

DEMO_NAME = f"Demo portfolio{SUFFIX}"


def make_demo_file() -> Path:
    """A fresh demo portfolio in a new temporary folder (never one of the learner's files)."""
    from portfolio.demo import create_demo

    folder = Path(tempfile.mkdtemp(prefix="portfolio-demo-", dir=paths.temp_dir()))
    path = folder / DEMO_NAME
    create_demo(path).close()
    return path


class FileActions(QObject):
    failed = Signal(str)  # a plain sentence for the learner
    cancelled = Signal(str)  # the learner cancelled an open (say, at the passphrase)
    recent_changed = Signal()

    def __init__(
        self, controller: PortfolioController, settings: AppSettings, window: QWidget
    ) -> None:
        super().__init__(window)
        self._controller = controller
        self._settings = settings
        self._window = window
        self._demo_folders: list[Path] = []
        self.demo_changed = False  # the learner changed the open demo copy
        controller.changed.connect(self._on_controller_changed)
        controller.opened.connect(lambda _: setattr(self, "demo_changed", False))
        self.wizard: NewPortfolioWizard | None = None
        self.read_only_reason = ""  # why the open file is read-only ("" when it is not)
        self.locked_by = ""  # who has it open for writing, when that is the reason

    def open_path(
        self, path: Path | str, *, actor: Actor | None = None, read_only: bool = False
    ) -> bool:
        """Open ``path`` (as ``actor``, if given: review mode); False if it did not open."""
        path = Path(path)
        if self._controller.path != path and not self.confirm_leaving_demo():
            return False
        passphrase: str | None = None
        reason = "read-only as asked" if read_only else ""
        holder = ""
        restored = False
        while True:
            self.read_only_reason = reason  # set before the open: "opened" reads it
            self.locked_by = holder
            try:
                self._controller.open(path, read_only=read_only, actor=actor, passphrase=passphrase)
                break
            except (PassphraseRequiredError, WrongPassphraseError) as exc:
                wrong = str(exc) if isinstance(exc, WrongPassphraseError) else ""
                from portfolio.ui.passphrase_dialogs import PassphraseDialog

                passphrase = PassphraseDialog.ask(self._window, file_name=path.name, error=wrong)
                if passphrase is None:
                    return self._cancelled(path)
            except LockedError as exc:
                if read_only:
                    return self._fail(str(exc), path)
                read_only = True
                holder = exc.holder or "another copy of Portfolio"
                reason = (
                    f"Read-only: {holder} has it open for writing. You can read everything, "
                    "but nothing can be changed here until they close it."
                )
            except ReadOnlyLocationError as exc:
                if read_only:
                    return self._fail(str(exc), path)
                read_only = True
                reason = f"Read-only: {exc}"
            except NotAPortfolioError as exc:
                if restored or not self._offer_restore(path, str(exc), passphrase):
                    return self._fail(str(exc), path)
                restored = True
            except PortfolioError as exc:
                return self._fail(str(exc), path)
            except Exception:  # damaged in a way the storage layer did not foresee
                message = f"{path.name} could not be opened: it may be damaged. {UNEXPECTED}"
                if restored or not self._offer_restore(path, message, passphrase):
                    return self._fail(message, path)
                restored = True
        if not self.is_demo(path):
            self._settings.set_last_folder(path.parent)
            if actor is None:  # a recent file reopens as the learner, so reviews stay out
                self._settings.add_recent_file(path)
                self.recent_changed.emit()
        return True

    def choose_portfolio(self, title: str = "Open portfolio") -> Path | None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self._window,
            title,
            str(self._settings.last_folder()),
            f"Portfolio files (*{SUFFIX});;All files (*)",
        )
        return Path(chosen) if chosen else None

    def open_dialog(self) -> bool:
        chosen = self.choose_portfolio()
        return self.open_path(chosen) if chosen else False

    def open_demo(self) -> bool:
        if not self.confirm_leaving_demo():
            return False
        try:
            path = make_demo_file()
        except PortfolioError as exc:
            self.failed.emit(str(exc))
            return False
        self._demo_folders.append(path.parent)
        return self.open_path(path)

    def new_portfolio(self) -> NewPortfolioWizard | None:
        """Show the new-portfolio wizard (non-blocking); it opens the file when finished."""
        if not self.confirm_leaving_demo():
            return None
        from portfolio.ui.welcome.new_portfolio_wizard import NewPortfolioWizard

        wizard = NewPortfolioWizard(
            self._controller, folder=self._settings.last_folder(), parent=self._window
        )
        wizard.accepted.connect(lambda: self._on_wizard_accepted(wizard))
        self.wizard = wizard
        wizard.open()
        return wizard

    def is_demo(self, path: Path | None) -> bool:
        return path is not None and Path(path).parent in self._demo_folders

    @property
    def demo_open(self) -> bool:
        return self.is_demo(self._controller.path)

    def _on_controller_changed(self, _changes: object) -> None:
        if self.demo_open:
            self.demo_changed = True

    def save_demo_as(self) -> Path | None:
        """Keep the open demo copy, with what the learner typed, as their own portfolio file;
        that file is then the one open. None if the learner cancelled or it failed."""
        current = self._controller.path
        if current is None or not self.is_demo(current):
            return None
        chosen, _filter = QFileDialog.getSaveFileName(
            self._window,
            "Save as my own portfolio",
            str(self._settings.last_folder() / f"My portfolio{SUFFIX}"),
            f"Portfolio files (*{SUFFIX})",
        )
        if not chosen:
            return None
        target = Path(chosen)
        if target.suffix != SUFFIX:
            target = target.with_name(target.name + SUFFIX)
        self._controller.flush()
        try:
            saved = self._controller.portfolio.save_copy(target)
        except (PortfolioError, OSError) as exc:
            self.failed.emit(f"The portfolio could not be saved there: {exc}")
            return None
        self._settings.set_last_folder(saved.parent)
        self._settings.add_recent_file(saved)
        self.recent_changed.emit()
        self.demo_changed = False  # kept: leaving the demo now loses nothing
        if not self.open_path(saved):
            return None
        return saved

    def confirm_leaving_demo(self) -> bool:
        """Before the demo closes: if the learner changed it, offer to keep it.

        True to go on (saved, or the learner chose to discard), False to stay on the demo.
        """
        if not (self.demo_open and self.demo_changed):
            return True
        box = QMessageBox(self._window)
        box.setObjectName("leaveDemoQuestion")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Keep your work?")
        box.setText("You have changed the demo portfolio. Keep it as your own portfolio?")
        box.setInformativeText(
            "The demo is a copy in a temporary folder: if you do not save it, what you typed "
            "is thrown away when it closes."
        )
        save = box.addButton("Save as my own portfolio…", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("Discard the demo", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(save)
        box.exec()
        clicked = box.clickedButton()
        box.setParent(None)  # Python owns it now: it is deleted on return, not left behind
        if clicked is discard:
            self.demo_changed = False
            return True
        if clicked is save:
            return self.save_demo_as() is not None
        return False

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

    def _offer_restore(self, path: Path, message: str, passphrase: str | None) -> bool:
        """Offer the newest good backup of a damaged file; True once it has been restored."""
        from portfolio.services import recovery

        try:
            backup = recovery.newest_good_backup(path, passphrase=passphrase)
        except (PortfolioError, OSError):
            backup = None
        if backup is None:
            return False
        made = recovery.backup_time(backup)
        when = f"{made.day} {made:%B %Y} at {made:%H:%M}"
        box = QMessageBox(self._window)
        box.setObjectName("restoreBackupQuestion")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Restore a backup?")
        box.setText(f"{message}\n\nRestore the backup from {when}?")
        box.setInformativeText(
            "Portfolio keeps backups beside the file. Work done after that time is not in the "
            "backup. The damaged file is not deleted: it is kept beside it, renamed "
            "“(before restore …)”."
        )
        restore = box.addButton("Restore the backup", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(restore)
        box.exec()
        chosen = box.clickedButton() is restore
        box.deleteLater()
        if not chosen:
            return False
        try:
            recovery.restore(backup, path, passphrase=passphrase)
        except (PortfolioError, OSError) as exc:
            self.failed.emit(f"The backup could not be restored: {exc}")
            return False
        return True

    def _cancelled(self, path: Path) -> bool:
        self.read_only_reason = ""
        self.cancelled.emit(f"{path.name} was not opened.")
        return False

    def _fail(self, message: str, path: Path) -> bool:
        self.read_only_reason = ""
        if not path.exists():
            self._settings.remove_recent_file(path)
            self.recent_changed.emit()
        self.failed.emit(message)
        return False
