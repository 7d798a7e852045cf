"""ReviewerIdentityDialog: who is reviewing, asked when a file is opened for review, and the
passphrase of their signing identity (made on first use), which signs their decisions."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from portfolio.domain.actor import Actor
from portfolio.domain.enums import ReviewerRole
from portfolio.ui.theme import SPACING

MAX_NAME = 200


class ReviewerIdentityDialog(QDialog):
    """Asks the reviewer's name and role; ``actor()`` gives them once accepted."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        file_name: str = "",
        name: str = "",
        role: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewerIdentityDialog")
        self.setWindowTitle("Open for review")
        self.setMinimumWidth(440)

        what = (
            f"You are opening <b>{_escape(file_name)}</b> for review."
            if file_name
            else ("You are opening a portfolio for review.")
        )
        intro = QLabel(
            f"{what} The learner's own writing cannot be changed. Your comments, judgements "
            "and sign-offs are recorded with the name and role you give here; with your signing "
            "passphrase, your decisions are also signed, so anyone can check they are yours."
        )
        intro.setWordWrap(True)

        self.name_edit = QLineEdit(name)
        self.name_edit.setObjectName("reviewerName")
        self.name_edit.setMaxLength(MAX_NAME)
        self.name_edit.setPlaceholderText("Your full name, as the learner knows you")
        self.name_edit.setAccessibleName("Your name")

        self.role_combo = QComboBox()
        self.role_combo.setObjectName("reviewerRole")
        self.role_combo.setAccessibleName("Your role")
        for value in ReviewerRole:
            self.role_combo.addItem(value.label, value.value)
        if role is not None:
            self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(role)))

        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setObjectName("signingPassphrase")
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setPlaceholderText("Made on first use; at least 8 characters")
        self.passphrase_edit.setAccessibleName("Signing passphrase")

        form = QFormLayout()
        form.addRow("Your &name", self.name_edit)
        form.addRow("Your &role", self.role_combo)
        form.addRow("Signing &passphrase", self.passphrase_edit)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Start review")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self.name_edit.textChanged.connect(self._on_name_edit_text_changed)
        self._on_name_edit_text_changed(self.name_edit.text())

    def actor(self) -> Actor:
        """The reviewer as entered (name trimmed, role value such as "assessor")."""
        return Actor(name=" ".join(self.name_edit.text().split()), role=self.role())

    def role(self) -> str:
        return str(self.role_combo.currentData())

    def passphrase(self) -> str:
        """The signing passphrase ("" to record decisions without a signature)."""
        return self.passphrase_edit.text()

    def accept(self) -> None:
        if not self.actor().name:
            return
        super().accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None = None, *, file_name: str = "", name: str = ""
    ) -> Actor | None:
        """Show the dialog modally; the reviewer, or None if cancelled."""
        found = cls.ask_signed(parent, file_name=file_name, name=name)
        return found[0] if found else None

    @classmethod
    def ask_signed(
        cls, parent: QWidget | None = None, *, file_name: str = "", name: str = ""
    ) -> tuple[Actor, str] | None:
        """Show the dialog modally; the reviewer and signing passphrase, or None if cancelled."""
        dialog = cls(parent, file_name=file_name, name=name)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.actor(), dialog.passphrase()

    def _on_name_edit_text_changed(self, text: str) -> None:
        self.ok_button.setEnabled(bool(text.strip()))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
