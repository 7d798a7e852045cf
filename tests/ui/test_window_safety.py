"""Safety in the real main window: a file another program is writing opens read-only with a
banner; a read-only drive too; a protected file asks for its passphrase (wrong, then right);
protect / change / remove the passphrase from the File menu; automatic backups on open; and a
damaged file offers to restore its newest good backup."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.modal import when_modal
from PySide6.QtWidgets import QMessageBox

from portfolio.errors import ReadOnlyLocationError
from portfolio.services import recovery
from portfolio.services.portfolio import Portfolio
from portfolio.storage.locking import WriterLock
from portfolio.ui.passphrase_dialogs import NewPassphraseDialog, PassphraseDialog

SECRET = "blue kettle morning"


def damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[100:] = bytes(range(256)) * ((len(data) - 100) // 256) + b"\x00" * (
        (len(data) - 100) % 256
    )
    path.write_bytes(bytes(data))


@pytest.fixture
def held_lock(portfolio_file):
    """The file's write lock held as another program would hold it."""
    lock = WriterLock(portfolio_file.resolve())
    lock.acquire()
    yield lock
    lock.release()


def test_a_file_open_elsewhere_opens_read_only_with_a_banner(
    make_main_window, portfolio_file, held_lock
):
    with Portfolio.open(portfolio_file, read_only=True) as pf:
        assert pf.entries.count() == 0
    window = make_main_window()
    assert window.files.open_path(portfolio_file)
    pf = window.controller.portfolio
    assert pf.read_only and not pf.actor.is_reviewer
    banner = window.mode_banner
    assert banner.isVisible()
    assert banner.text().startswith("Read-only: ")
    assert "has it open for writing" in banner.text()
    assert banner.property("kind") == "readonly"
    assert not window.menus.new_entry.isEnabled()
    assert not window.menus.protect.isEnabled()
    assert not window.entries.list_panel.new_button.isEnabled()
    assert window.safety.backup_if_due() is None  # nothing is written to a read-only file
    # Still locked: "Try again" keeps it read-only; once the other program lets go, it opens
    # for writing and the banner goes.
    assert banner.button.text() == "Try again"
    banner.button.click()
    assert window.controller.portfolio.read_only and banner.isVisible()
    held_lock.release()
    banner.button.click()
    assert not window.controller.portfolio.read_only
    assert not banner.isVisible()
    assert window.menus.new_entry.isEnabled()


def test_a_read_only_drive_opens_read_only_with_the_reason(
    make_main_window, portfolio_file, monkeypatch
):
    real_open = Portfolio.open.__func__

    def open_on_a_read_only_drive(cls, path, *, read_only=False, **kwargs):
        if not read_only:
            raise ReadOnlyLocationError(
                f"{Path(path).name} is in a folder that cannot be written to (a read-only "
                "drive or share)."
            )
        return real_open(cls, path, read_only=read_only, **kwargs)

    monkeypatch.setattr(Portfolio, "open", classmethod(open_on_a_read_only_drive))
    window = make_main_window()
    assert window.files.open_path(portfolio_file)
    assert window.controller.portfolio.read_only
    assert "cannot be written to" in window.mode_banner.text()
    assert not window.mode_banner.button.isVisible()  # trying again would not help
    assert window.entries.editor.read_only or window.entries.editor.entry is None


def protected_copy(portfolio_file: Path) -> Path:
    with Portfolio.open(portfolio_file) as pf:
        pf.entries.add(title="Greeting a customer")
        pf.change_passphrase(SECRET)
    return portfolio_file


def test_passphrase_prompt_wrong_then_right(qtbot, make_main_window, portfolio_file):
    path = protected_copy(portfolio_file)
    window = make_main_window()
    errors: list[str] = []
    masked: list[bool] = []

    def right(dialog: PassphraseDialog) -> None:
        errors.append(dialog.error_label.text())
        dialog.grab().save("/tmp/passphrase-dialog.png")
        qtbot.keyClicks(dialog.edit, SECRET)
        dialog.ok_button.click()

    def wrong(dialog: PassphraseDialog) -> None:
        errors.append(dialog.error_label.text() if dialog.error_label.isVisible() else "")
        masked.append(dialog.edit.echoMode() == dialog.edit.EchoMode.Password)
        qtbot.keyClicks(dialog.edit, "not the passphrase")
        when_modal(PassphraseDialog, right)
        dialog.ok_button.click()

    first = when_modal(PassphraseDialog, wrong)
    assert window.files.open_path(path)
    assert first.handled
    assert masked == [True]
    assert errors[0] == ""
    assert "does not open" in errors[1]
    assert window.controller.portfolio.encrypted
    assert [e.title for e in window.controller.portfolio.entries.list()] == ["Greeting a customer"]
    assert window.menus.change_passphrase.isEnabled() and window.menus.remove_passphrase.isEnabled()
    assert not window.menus.protect.isEnabled()


def test_cancelling_the_passphrase_opens_nothing(make_main_window, portfolio_file):
    path = protected_copy(portfolio_file)
    window = make_main_window()
    handler = when_modal(PassphraseDialog, lambda d: d.reject())
    assert not window.files.open_path(path)
    assert handler.handled
    assert not window.controller.is_open
    assert "was not opened" in window.statusBar().currentMessage()


def test_protect_change_and_remove_the_passphrase_from_the_menu(
    qtbot, make_main_window, portfolio_file
):
    window = make_main_window(portfolio_file)
    m = window.menus
    assert m.protect.isEnabled() and not m.change_passphrase.isEnabled()
    problems: list[str] = []

    def choose(dialog: NewPassphraseDialog) -> None:
        assert (
            "nobody can open this portfolio again"
            in dialog.findChild(type(dialog.error_label), "passphraseWarning").text()
        )
        dialog.first.setText("short")
        dialog.second.setText("short")
        dialog.ok_button.click()
        problems.append(dialog.error_label.text())
        dialog.first.setText(SECRET)
        dialog.second.setText(SECRET + "x")
        dialog.ok_button.click()
        problems.append(dialog.error_label.text())
        dialog.second.setText(SECRET)
        dialog.ok_button.click()

    handler = when_modal(NewPassphraseDialog, choose)
    m.protect.trigger()
    assert handler.handled
    assert "at least 8 characters" in problems[0]
    assert "not the same" in problems[1]
    assert window.controller.portfolio.encrypted
    assert m.change_passphrase.isEnabled() and not m.protect.isEnabled()

    assert window.safety.set_passphrase(changing=True, passphrase="another long one")
    window.controller.close()
    with pytest.raises(Exception, match="does not open"):
        Portfolio.open(portfolio_file, passphrase=SECRET)
    handler = when_modal(
        PassphraseDialog, lambda d: (d.edit.setText("another long one"), d.ok_button.click())
    )
    assert window.files.open_path(portfolio_file)

    when_modal(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    assert window.safety.remove_passphrase()
    assert not window.controller.portfolio.encrypted
    assert m.protect.isEnabled()


def test_a_backup_is_made_on_open_on_the_writer_lane(qtbot, make_main_window, portfolio_file):
    assert recovery.list_backups(portfolio_file) == []
    window = make_main_window(portfolio_file)
    qtbot.waitUntil(lambda: window.safety.backup_task is None, timeout=10_000)
    assert len(recovery.list_backups(portfolio_file)) == 1
    assert window.safety.backup_timer.isActive()
    assert window.safety.backup_timer.interval() == 10 * 60 * 1000
    assert window.safety.backup_if_due() is not None  # due check runs in the task
    qtbot.waitUntil(lambda: window.safety.backup_task is None, timeout=10_000)
    assert len(recovery.list_backups(portfolio_file)) == 1  # not due yet: no second backup


def test_a_damaged_file_offers_its_newest_good_backup(make_main_window, portfolio_file):
    with Portfolio.open(portfolio_file) as pf:
        pf.entries.add(title="Handled a complaint")
        pf.backup()
    damage(portfolio_file)
    window = make_main_window()
    texts: list[str] = []

    def restore(box: QMessageBox) -> None:
        texts.append(box.text())
        box.grab().save("/tmp/restore-offer.png")
        restore_button = next(b for b in box.buttons() if b.text() == "Restore the backup")
        restore_button.click()

    handler = when_modal(QMessageBox, restore)
    assert window.files.open_path(portfolio_file)
    assert handler.handled
    assert "looks damaged" in texts[0]
    assert "Restore the backup from " in texts[0]
    titles = [e.title for e in window.controller.portfolio.entries.list()]
    assert titles == ["Handled a complaint"]
    kept = list(portfolio_file.parent.glob("learner (before restore *).portfolio"))
    assert len(kept) == 1  # the damaged file is kept aside, never deleted


def test_declining_the_restore_leaves_the_damaged_file_alone(make_main_window, portfolio_file):
    with Portfolio.open(portfolio_file) as pf:
        pf.backup()
    damage(portfolio_file)
    before = portfolio_file.read_bytes()
    window = make_main_window()
    handler = when_modal(
        QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Cancel).click()
    )
    assert not window.files.open_path(portfolio_file)
    assert handler.handled
    assert portfolio_file.read_bytes() == before
    assert "looks damaged" in window.welcome.error_label.text()


def test_a_damaged_file_without_backups_just_says_so(make_main_window, portfolio_file):
    damage(portfolio_file)
    window = make_main_window()
    assert not window.files.open_path(portfolio_file)  # no question: nothing to restore
    assert "damaged" in window.welcome.error_label.text()
