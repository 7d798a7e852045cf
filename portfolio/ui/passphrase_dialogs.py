"""Passphrase dialogs: asking for the passphrase that opens a protected portfolio, and choosing a
new one (typed twice, long enough, with a plain warning that it cannot be recovered).

Both mask what is typed; "Show" reveals it for someone unsure of their typing. Neither keeps a
passphrase anywhere but in the widgets while they are open.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from portfolio.services.recovery import MIN_PASSPHRASE
from portfolio.ui.theme import SPACING, current_colours

CANNOT_RECOVER = (
    "Write it down somewhere safe. If it is forgotten, nobody can open this portfolio again: "
    "not your tutor, not the college, not the makers of Portfolio. Its backups are protected "
    "with the same passphrase."
)


def _password_edit(name: str, accessible: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(accessible)
    return edit


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("passphraseError")
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {current_colours().warning}; font-weight: 600;")
    label.hide()
    return label


def _show_toggle(*edits: QLineEdit) -> QCheckBox:
    toggle = QCheckBox("&Show what I type")
    toggle.setObjectName("showPassphrase")

    def flip(checked: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if checked else QLineEdit.EchoMode.Password
        for edit in edits:
            edit.setEchoMode(mode)

    toggle.toggled.connect(flip)
    return toggle


class PassphraseDialog(QDialog):
    """Asks for the passphrase of ``file_name``; ``error`` says why it is asked again."""

    def __init__(
        self, parent: QWidget | None = None, *, file_name: str = "", error: str = ""
    ) -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.setWindowTitle("Passphrase needed")
        self.setMinimumWidth(440)
        intro = QLabel(
            f"<b>{html.escape(file_name or 'This portfolio')}</b> is protected with a passphrase. "
            "Type it to open the portfolio."
        )
        intro.setWordWrap(True)
        self.edit = _password_edit("passphraseEdit", "Passphrase")
        self.error_label = _error_label()
        self.show_toggle = _show_toggle(self.edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Open")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("&Passphrase", self.edit)
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addWidget(intro)
        layout.addWidget(self.error_label)
        layout.addLayout(form)
        layout.addWidget(self.show_toggle)
        layout.addWidget(self.buttons)
        self.set_error(error)
        self.edit.textChanged.connect(lambda text: self.ok_button.setEnabled(bool(text)))
        self.ok_button.setEnabled(False)
        self.edit.setFocus()

    def set_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def passphrase(self) -> str:
        return self.edit.text()

    @classmethod
    def ask(
        cls, parent: QWidget | None = None, *, file_name: str = "", error: str = ""
    ) -> str | None:
        """Show the dialog modally: the passphrase typed, or None if cancelled."""
        dialog = cls(parent, file_name=file_name, error=error)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            return dialog.passphrase() if accepted and dialog.passphrase() else None
        finally:
            dialog.deleteLater()


class NewPassphraseDialog(QDialog):
    """Choose a passphrase: typed twice, at least MIN_PASSPHRASE characters."""

    def __init__(self, parent: QWidget | None = None, *, changing: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("newPassphraseDialog")
        self.setWindowTitle("Change passphrase" if changing else "Protect with a passphrase")
        self.setMinimumWidth(480)
        what = (
            "Choose a new passphrase for this portfolio."
            if changing
            else "With a passphrase, the whole portfolio file is encrypted: anyone who copies it "
            "sees nothing without the passphrase."
        )
        intro = QLabel(
            f"{what} Use at least {MIN_PASSPHRASE} characters; a short sentence is "
            "easier to remember than a jumble."
        )
        intro.setWordWrap(True)
        warning = QLabel(CANNOT_RECOVER)
        warning.setObjectName("passphraseWarning")
        warning.setWordWrap(True)
        warning.setStyleSheet("font-weight: 600;")
        self.first = _password_edit("newPassphrase", "New passphrase")
        self.second = _password_edit("repeatPassphrase", "New passphrase again")
        self.error_label = _error_label()
        self.show_toggle = _show_toggle(self.first, self.second)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Change passphrase" if changing else "Protect")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("&New passphrase", self.first)
        form.addRow("&Type it again", self.second)
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addWidget(intro)
        layout.addWidget(warning)
        layout.addLayout(form)
        layout.addWidget(self.show_toggle)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def problem(self) -> str:
        """Why the passphrase cannot be used yet ("" when it can)."""
        first, second = self.first.text(), self.second.text()
        if len(first) < MIN_PASSPHRASE:
            return f"The passphrase needs at least {MIN_PASSPHRASE} characters."
        if first != second:
            return "The two passphrases are not the same. Type them again."
        return ""

    def accept(self) -> None:
        problem = self.problem()
        self.error_label.setText(problem)
        self.error_label.setVisible(bool(problem))
        if not problem:
            super().accept()

    def passphrase(self) -> str:
        return self.first.text()

    @classmethod
    def ask(cls, parent: QWidget | None = None, *, changing: bool = False) -> str | None:
        dialog = cls(parent, changing=changing)
        try:
            return dialog.passphrase() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
