"""A titled section that folds away: a toggle button (arrow, title, and a summary of what is
inside while it is folded) above a widget shown only when the section is open.

Used where a dialog must fit a laptop screen without scrolling but has options most people
leave as they are (the export dialog's "What to include"). The toggle is an ordinary Tab stop;
Space opens or folds it, and the widgets inside follow it in the Tab order once shown.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSizePolicy, QToolButton, QVBoxLayout, QWidget

from portfolio.ui.theme import SPACING


class CollapsibleSection(QWidget):
    toggled = Signal(bool)  # open

    def __init__(self, title: str, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self._summary = ""
        self.content = content
        self.toggle = QToolButton(self)
        self.toggle.setObjectName("sectionToggle")
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setFocusPolicy(
            Qt.FocusPolicy.StrongFocus
        )  # a Tab stop, unlike most tool buttons
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING // 2)
        layout.addWidget(self.toggle)
        layout.addWidget(content)
        content.setParent(self)
        content.setVisible(False)
        self.toggle.toggled.connect(self._on_toggle_toggled)
        self._update_text()

    def is_open(self) -> bool:
        return self.toggle.isChecked()

    def set_open(self, open_: bool) -> None:
        self.toggle.setChecked(open_)

    def set_summary(self, summary: str) -> None:
        """What is chosen inside, shown beside the title while the section is folded."""
        self._summary = summary
        self._update_text()

    def _on_toggle_toggled(self, checked: bool) -> None:
        self.content.setVisible(checked)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if checked else Qt.ArrowType.RightArrow)
        self._update_text()
        self.toggled.emit(checked)

    def _update_text(self) -> None:
        folded = not self.toggle.isChecked() and self._summary
        self.toggle.setText(f"{self._title}: {self._summary}" if folded else self._title)
        action = "Hide" if self.toggle.isChecked() else "Show"
        self.toggle.setAccessibleName(f"{action} {self._title.replace('&', '').lower()}")
        self.toggle.setAccessibleDescription(self._summary)
