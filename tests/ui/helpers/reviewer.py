"""Opening a portfolio for review in the main window as a named reviewer, answering the
identity dialog as a person would."""

from __future__ import annotations

from pathlib import Path

from helpers.modal import when_modal
from portfolio.ui.review.identity_dialog import ReviewerIdentityDialog


def open_as(window, path: Path, name: str, role: str, passphrase: str = ""):
    """Open ``path`` for review as ``name`` in ``role``; returns the open portfolio."""

    def act(dialog: ReviewerIdentityDialog) -> None:
        dialog.name_edit.setText(name)
        dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(role))
        dialog.passphrase_edit.setText(passphrase)
        dialog.ok_button.click()

    handler = when_modal(ReviewerIdentityDialog, act)
    assert window.review.open_for_review(path)
    assert handler.handled
    return window.controller.portfolio
