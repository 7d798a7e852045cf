"""ModeBanner: a strip across the top of the window saying how the open portfolio is open.

Review mode ("Reviewing Jordan Ellis's portfolio as Pat Lee (assessor) — the learner's text
cannot be changed") and read-only opens ("Read-only: Sam on PC-12 has it open") must be
impossible to miss, so the strip is coloured and names who and why in words; an optional button
ends the mode.

A message is a headline, always shown, and an optional detail (what to do next). On a narrow
or zoomed window (a 1366x768 laptop at 200 % is 683 points wide) the detail would wrap the strip
to a third of the screen's height, so it is shown only while headline and detail fit in
``_MAX_LINES`` lines; otherwise it moves to the strip's tooltip and accessible description.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from portfolio.ui.theme import SPACING

_MAX_LINES = 2
"""Lines the strip may take with its detail shown."""


class ModeBanner(QFrame):
    action_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modeBanner")
        self._headline = ""
        self._detail = ""
        self.label = QLabel(self)
        self.label.setObjectName("modeBannerText")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._probe = QLabel()  # measures the whole message without showing it
        self._probe.setWordWrap(True)
        self._probe.setTextFormat(Qt.TextFormat.RichText)
        self.button = QPushButton(self)
        self.button.setObjectName("modeBannerButton")
        self.button.clicked.connect(self.action_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(SPACING, SPACING // 2, SPACING, SPACING // 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.hide()

    def show_message(self, kind: str, text: str, button: str = "", detail: str = "") -> None:
        """Show ``text`` (the headline) and ``detail`` where there is room; ``kind`` is
        "review", "readonly" or "demo" (colours it); an empty ``text`` hides the strip."""
        self.setProperty("kind", kind)
        self.style().unpolish(self)
        self.style().polish(self)
        self._headline, self._detail = text, detail
        self.setAccessibleName(text)
        self.button.setText(button)
        self.button.setVisible(bool(button))
        self._lay_out_text()
        self.setVisible(bool(text))

    def clear(self) -> None:
        self.show_message("", "")

    def text(self) -> str:
        """The whole message, headline and detail, whether or not the detail fits."""
        return f"{self._headline} {self._detail}".strip()

    def detail_shown(self) -> bool:
        return bool(self._detail) and not self.toolTip()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._lay_out_text()

    def _lay_out_text(self) -> None:
        headline = _html(self._headline, bold=True)
        whole = f"{headline} {_html(self._detail)}" if self._detail else headline
        if self._detail and not self._fits(whole):
            self.label.setText(headline)
            self.setToolTip(self._detail)
            self.setAccessibleDescription(self._detail)
        else:
            self.label.setText(whole)
            self.setToolTip("")
            self.setAccessibleDescription("")

    def _fits(self, rich: str) -> bool:
        width = self.label.width()
        if not self.isVisible() or width <= 0:
            return True  # laid out again when shown and sized
        probe = self._probe
        probe.setFont(self.label.font())
        probe.setText(rich)
        lines = probe.heightForWidth(width) / max(1, self.label.fontMetrics().lineSpacing())
        return lines <= _MAX_LINES + 0.5


def _html(text: str, *, bold: bool = False) -> str:
    escaped = html.escape(text, quote=False).replace("\n", "<br>")
    return f"<b>{escaped}</b>" if bold else escaped
