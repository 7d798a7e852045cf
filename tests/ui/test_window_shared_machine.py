"""Shared-machine mode, started the way the app starts (``--shared-machine`` or the environment
variable): open a learner's file, review it, close, and nothing is left in the user's config,
cache or data folders, nor in the session's temporary folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from helpers.modal import when_modal
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from portfolio import paths
from portfolio.ui import app
from portfolio.ui.review.identity_dialog import ReviewerIdentityDialog
from tests.ui.helpers.waiting import wait_for_writes


def snapshot(home: Path) -> set[str]:
    return {str(p.relative_to(home)) for p in home.rglob("*")}


@pytest.fixture
def shared_session(tmp_path):
    """Whatever happens, leave shared-machine mode and Qt's settings paths as they were."""
    yield
    paths.end_shared_machine_mode()
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path))


def run_session(qtbot, argv, learner_file: Path, reviewed: Path) -> Path:
    window = app.build_window(argv)
    qtbot.addWidget(window)
    window.show()
    # FILE's first frame is drawn from a plain read; the file opens once it is painted.
    qtbot.waitUntil(lambda: window.controller.is_open)
    try:
        assert paths.shared_machine_mode()
        session = paths.temp_dir().parent
        assert session.exists()
        assert not window.settings.persistent
        assert window.controller.path == learner_file
        assert window.review.idle_lock.active  # shared machine: locked when left alone
        # Things that would normally be remembered are not.
        assert window.settings.recent_files() == []
        window.files.open_demo()  # a demo copy lives in the session folder
        assert paths.temp_dir() in window.controller.path.parents
        when_modal(
            ReviewerIdentityDialog,
            lambda d: (d.name_edit.setText("Pat Lee"), d.ok_button.click()),
        )
        assert window.review.open_for_review(reviewed)
        pf = window.controller.portfolio
        window.show_page(window.entries)  # a page fills when first shown
        entry_id = window.entries.editor.entry_id
        feedback = window.entries.editor_panel.feedback
        feedback.reply_edit.setPlainText("Add what you would do differently next time.")
        feedback.comment_button.click()
        wait_for_writes(qtbot)
        assert len(pf.reviewing.thread(entry_id)) == 1
        window.menus.close_portfolio.trigger()
        assert not window.controller.is_open
    finally:
        app.shut_down(window)
    return session


def test_shared_machine_switch_leaves_nothing_behind(
    qtbot, isolated_user_dirs, shared_session, demo_file, tmp_path
):
    home = isolated_user_dirs
    reviewed = tmp_path / "reviewed.portfolio"
    shutil.copy2(demo_file, reviewed)
    before = snapshot(home)
    session = run_session(
        qtbot, ["main.py", "--shared-machine", str(demo_file)], demo_file, reviewed
    )
    assert not paths.shared_machine_mode()
    assert not session.exists()
    assert snapshot(home) == before, "shared-machine mode left files in the user's folders"
    assert QApplication.activeModalWidget() is None


def test_shared_machine_environment_variable_works_too(
    qtbot, isolated_user_dirs, shared_session, demo_file, tmp_path, monkeypatch
):
    monkeypatch.setenv("PORTFOLIO_SHARED_MACHINE", "1")
    home = isolated_user_dirs
    reviewed = tmp_path / "reviewed.portfolio"
    shutil.copy2(demo_file, reviewed)
    before = snapshot(home)
    session = run_session(qtbot, ["main.py", str(demo_file)], demo_file, reviewed)
    assert not session.exists()
    assert snapshot(home) == before
    assert os.environ["PORTFOLIO_SHARED_MACHINE"] == "1"
