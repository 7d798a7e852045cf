"""ModeBanner: a strip across the top of the window saying how the open portfolio is open.

Review mode ("Reviewing Jordan Ellis's portfolio as Pat Lee (assessor) — the learner's text
cannot be changed") and read-only opens ("Read-only: Sam on PC-12 has it open") must be
impossible to miss, so the strip is coloured and names who and why in words; an optional button
ends the mode.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from portfolio.ui.theme import SPACING


class ModeBanner(QFrame):
    action_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modeBanner")
        self.label = QLabel(self)
        self.label.setObjectName("modeBannerText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton(self)
        self.button.setObjectName("modeBannerButton")
        self.button.clicked.connect(self.action_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(SPACING, SPACING // 2, SPACING, SPACING // 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.hide()

    def show_message(self, kind: str, text: str, button: str = "") -> None:
        """Show ``text``; ``kind`` is "review" or "readonly" (colours it); empty hides it."""
        self.setProperty("kind", kind)
        self.style().unpolish(self)
        self.style().polish(self)
        self.label.setText(text)
        self.setAccessibleName(text)
        self.button.setText(button)
        self.button.setVisible(bool(button))
        self.setVisible(bool(text))

    def clear(self) -> None:
        self.show_message("", "")

    def text(self) -> str:
        return self.label.text()
